/**
 * URL rules for everything a message can turn into a link or an image source.
 *
 * A URL is parsed with the platform's URL parser (the same one that will resolve the attribute),
 * and its *parsed* scheme is checked — never a string prefix — so control characters, tabs,
 * mixed case and leading spaces are handled exactly as the browser handles them. The function
 * returns the parser's serialisation, so the markup carries the canonical form and the browser
 * cannot read it differently. Pure; never throws.
 */

import { parseHttpUrl } from './http-url.js';

/** `link`: an href; `image`: an img/video src; `form`: where form data may be posted. */
export const URL_KINDS = ['link', 'image', 'form'] as const;
export type UrlKind = (typeof URL_KINDS)[number];

export interface SafeUrlOptions {
  kind: UrlKind;
  /** The chat server's URL: relative URLs resolve against it and must stay on its origin. */
  base?: string | undefined;
}

const LINK_SCHEMES: readonly string[] = ['http:', 'https:', 'mailto:', 'tel:'];
const HTTP_SCHEMES: readonly string[] = ['http:', 'https:'];
const MAX_URL_LENGTH = 4096;

function parse(raw: string, base?: string): URL | undefined {
  try {
    return new URL(raw, base);
  } catch {
    return undefined;
  }
}

/** The server's own origin, when `base` is an http(s) URL. */
function baseOrigin(base: string | undefined): URL | undefined {
  return base ? parseHttpUrl(base) : undefined;
}

/**
 * Returns the canonical URL when `raw` may become an `href` (`kind: 'link'`: http, https, mailto,
 * tel), a media `src` or a form's target (`'image'`, `'form'`: http, https), else `undefined`.
 * Relative URLs are kept only when they are a path on the chat server (`/…` against `base`);
 * protocol-relative (`//host`) and backslash forms never count as same-origin, and bare words
 * (`google.com`, `x.jpg`) are not guessed at.
 * URLs with credentials (`http://good.com@evil.com`) are dropped as spoofing.
 */
export function safeUrl(raw: unknown, { kind, base }: SafeUrlOptions): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) return undefined;
  const allowed = kind === 'link' ? LINK_SCHEMES : HTTP_SCHEMES;
  let url = parse(raw);
  if (!url) {
    // Relative: only a path on the chat server ("/files/…"), read as the URL parser reads it.
    // Leading C0 controls and spaces are what the URL parser strips: matching them is the point.
    // eslint-disable-next-line no-control-regex
    const path = raw.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
    const server = /^\/(?![/\\])/.test(path) ? baseOrigin(base) : undefined;
    url = server && parse(raw, server.href);
    if (!server || !url || url.origin !== server.origin) return undefined;
  }
  if (!allowed.includes(url.protocol)) return undefined;
  if (url.username || url.password) return undefined;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname) return undefined;
  return url.href;
}
