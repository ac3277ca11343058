/**
 * What a rate limit counts by (`limits.ts`): the client's address as a limit sees it, and a short
 * digest of a secret (token, account) so that no counter's key holds the secret. Pure apart from
 * `crypto.subtle` (a global in browsers and node).
 */

/** The first four groups of an IPv6 address (its /64 network), or undefined when it is not one. */
function ipv6Network(ip: string): string | undefined {
  const address = ip.replace(/%.*$/, '');
  const halves = address.split('::');
  if (halves.length > 2 || !/^[0-9a-f:.]+$/i.test(address)) return undefined;
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  // An embedded IPv4 address at the end stands for two groups.
  const width = (list: string[]) => list.length + (list.some((g) => g.includes('.')) ? 1 : 0);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const fill = halves.length === 2 ? Array<string>(Math.max(0, 8 - width(head) - width(tail))).fill('0') : [];
  const all = [...head, ...fill, ...tail];
  if (all.length < 4 || all.slice(0, 4).some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return `${all
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * The address a limit counts: the peer's, or with `trustProxy` (one reverse proxy in front) the
 * last `X-Forwarded-For` entry, which that proxy appended. IPv4-mapped IPv6 is the IPv4 address;
 * other IPv6 addresses count by their /64 network (what one household or phone is given).
 */
export function clientIp(remote: string | undefined, forwardedFor: string | undefined, trustProxy: boolean): string {
  let ip = remote ?? '';
  if (trustProxy && forwardedFor) {
    const last = forwardedFor
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .pop();
    if (last) ip = last;
  }
  ip = ip.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (ip.includes(':')) return ipv6Network(ip) ?? ip;
  return ip;
}

/** A short SHA-256 of a secret (token, account), so that no store holds the secret itself. */
export async function digest(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(bytes.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}
