/**
 * Where a webhook may go: http(s) URLs whose host resolves only to public addresses. The host is
 * resolved here (every address `dns.lookup` answers), each address is checked, and the request is
 * then made to the checked address (`webhook-send.ts`), so a second lookup (DNS rebinding) cannot
 * switch it to an inside one. Refused: loopback, private (10/8, 172.16/12, 192.168/16), link-local
 * (169.254/16, with the cloud metadata address), CGNAT (100.64/10), 0/8, multicast and reserved,
 * IPv6 loopback, unique-local (fc00::/7), link-local (fe80::/10), multicast, unspecified and
 * IPv4-compatible (::/96), and the IPv4-mapped IPv6 form of every IPv4 range. Loopback alone can be allowed (tests, local development).
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const INSIDE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  INSIDE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  // Unspecified and the deprecated IPv4-compatible form (::a.b.c.d); ::1 is loopback, checked first.
  ['::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  INSIDE.addSubnet(net, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:127.0.0.1`, `::ffff:7f00:1`), else undefined. */
function mappedIpv4(address: string): string | undefined {
  const m = /^(?:0*:)*:?ffff:(.+)$/i.exec(address.replace(/^::/, ''));
  if (!m) return undefined;
  const tail = m[1]!;
  if (isIP(tail) === 4) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
  if (!hex) return undefined;
  const hi = parseInt(hex[1]!, 16);
  const lo = parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why `address` (an IP literal) may not be a webhook's target, or undefined when it may. Pure. */
export function refusedAddress(address: string, allowLoopback: boolean): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'is not an IP address';
  const v4 = family === 6 ? mappedIpv4(address) : address;
  const [addr, type] = v4 ? [v4, 'ipv4' as const] : [address, 'ipv6' as const];
  if (LOOPBACK.check(addr, type)) return allowLoopback ? undefined : 'is a loopback address';
  if (INSIDE.check(addr, type)) return 'is a private, link-local or reserved address';
  return undefined;
}

/** A URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Why `text` may not be a webhook URL, or undefined: http/https only, no credentials, and a host
 * that is not a refused IP literal (names are checked when they are resolved, at each delivery).
 */
export function refusedUrl(text: string, allowLoopback: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (url.username !== '' || url.password !== '') return 'must not carry credentials';
  const host = hostOf(url);
  if (isIP(host) !== 0) {
    const why = refusedAddress(host, allowLoopback);
    if (why) return `${why}: webhooks may not call the server's own network`;
  }
  return undefined;
}

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves `host` (every address) and answers the first; throws when any of them is refused. */
export async function resolveChecked(host: string, allowLoopback: boolean): Promise<CheckedAddress> {
  const found = isIP(host) !== 0 ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true });
  if (found.length === 0) throw new Error(`${host} has no address`);
  for (const { address } of found) {
    const why = refusedAddress(address, allowLoopback);
    if (why) throw new Error(`${host} resolves to ${address}, which ${why}`);
  }
  const first = found[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
