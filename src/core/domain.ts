/**
 * Domain restriction (the dashboard's "domain restriction list"). An entry allows its domain and
 * every subdomain; scheme, port, path and a leading `*.` are ignored; matching is by whole
 * labels (`example.com` allows `shop.example.com`, not `badexample.com`).
 */

/** Reduces a host or a URL-ish entry to a bare lower-case host name; '' if there is none. */
export function normalizeHost(input: string): string {
  if (typeof input !== 'string') return '';
  let s = input.trim().toLowerCase();
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, ''); // scheme
  s = s.replace(/^\/\//, ''); // protocol-relative
  s = s.split(/[/?#]/, 1)[0] ?? ''; // path, query, fragment
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(at + 1); // user info
  if (s.startsWith('[')) {
    // IPv6 literal, possibly with a port: [::1]:8080
    const end = s.indexOf(']');
    return end > 0 ? s.slice(0, end + 1) : '';
  }
  s = s.replace(/:\d*$/, ''); // port
  s = s.replace(/^\*\./, '').replace(/^\.+/, '').replace(/\.+$/, '');
  if (!/^[a-z0-9_.-]+$/.test(s) && !/^[^\s/:*]+$/u.test(s)) return '';
  return s;
}

/**
 * True if a page on `host` may show the widget. An empty list (or one with no usable entry)
 * allows every host; `*` allows every host.
 */
export function isHostAllowed(host: string, allowedDomains: string[]): boolean {
  if (!Array.isArray(allowedDomains)) return true;
  const entries = allowedDomains
    .filter((entry): entry is string => typeof entry === 'string')
    .map((entry) => (entry.trim() === '*' ? '*' : normalizeHost(entry)))
    .filter((entry) => entry !== '');
  if (entries.length === 0 || entries.includes('*')) return true;
  const h = normalizeHost(host);
  if (h === '') return false;
  return entries.some((domain) => h === domain || h.endsWith(`.${domain}`));
}
