/**
 * Domain restriction (`chatWidget.allowedDomains`) applied to the `Origin` of widget requests
 * and sockets. Matching is the widget core's (`isHostAllowed`: a domain allows its
 * subdomains; ports, scheme and letter case are ignored), so the widget and the server agree.
 * Pure: no Node APIs.
 */
import { isHostAllowed } from '../../../src/core/domain.js';

/** The host name of an `Origin` header value (lower case), or undefined when it has none. */
export function originHost(origin: string): string | undefined {
  try {
    const host = new URL(origin).hostname.toLowerCase();
    return host === '' ? undefined : host;
  } catch {
    return undefined;
  }
}

/**
 * Whether a request from `origin` may use an app restricted to `allowedDomains`.
 * An empty list allows everybody. A request without an Origin header (a same-origin GET, a
 * server, curl) is allowed: browsers send the header on every cross-site call, and other
 * clients could send any value anyway. A restricted app refuses the opaque origin `null`.
 */
export function isOriginAllowed(origin: string | undefined, allowedDomains: readonly unknown[]): boolean {
  const domains = Array.isArray(allowedDomains) ? allowedDomains.filter((d): d is string => typeof d === 'string') : [];
  // With no host to test, isHostAllowed says yes only when the list restricts nothing.
  if (isHostAllowed('', domains)) return true;
  if (origin === undefined || origin === '') return true;
  const host = originHost(origin);
  return host !== undefined && isHostAllowed(host, domains);
}
