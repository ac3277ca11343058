/**
 * The one rule of "an absolute http(s) URL", for settings that name one: the chat server a page
 * installs the widget with (`settings-install.ts`) and the launcher image the server stores
 * (`demo/server/src/settings-checks.ts`). Pure; never throws.
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
