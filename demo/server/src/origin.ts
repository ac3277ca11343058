/**
 * Domain restriction (`chatWidget.allowedDomains`): pure functions, no Node APIs, so the
 * browser tests can import them too. A listed domain also allows its subdomains; ports and
 * letter case are ignored. Entries may be written as `example.com`, `https://example.com:8443/`,
 * `*.example.com` or `.example.com`.
 */

/** The bare host name of an allowed-domain entry, or '' when there is nothing usable in it. */
export function normalizeDomain(entry: string): string {
  let host = entry.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  host = host.replace(/[/?#].*$/, '');
  host = host.replace(/^[^@]*@/, '');
  host = host.replace(/:\d*$/, '');
  host = host.replace(/^\*?\./, '');
  host = host.replace(/\.$/, '');
  return host;
}

/** The lower-case host name of an `Origin` header value, or undefined when it has none. */
export function originHost(origin: string): string | undefined {
  try {
    const host = new URL(origin).hostname.toLowerCase();
    return host === '' ? undefined : host.replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

/**
 * Whether a request from `origin` may use an app restricted to `allowedDomains`.
 * An empty list allows everybody. A request without an Origin header (a same-origin GET, a
 * server, curl) is allowed: the header is what browsers send for cross-site calls, and
 * non-browser clients could send any value anyway. The opaque origin `null` is refused by a
 * restricted app.
 */
export function isOriginAllowed(origin: string | undefined, allowedDomains: readonly unknown[]): boolean {
  const domains = allowedDomains
    .filter((d): d is string => typeof d === 'string')
    .map(normalizeDomain)
    .filter((d) => d !== '');
  if (domains.length === 0) return true;
  if (origin === undefined || origin === '') return true;
  const host = originHost(origin);
  if (host === undefined) return false;
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}
