/**
 * The one rule of "an absolute http(s) URL": the chat server a page installs the widget with
 * (`settings-install.ts`), the base that relative message URLs resolve against (`url.ts`), the
 * launcher image the server stores (`demo/server/src/settings-checks.ts`) and a Platform API
 * user's image link (`demo/server/src/routes/platform.ts`). Pure; never throws.
 */

/** `value` parsed as an absolute `http:` or `https:` URL, or undefined. */
export function parseHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
