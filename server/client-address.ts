import { isIP } from 'node:net';

/**
 * Who a request comes from. Behind a configured reverse proxy that is the last `X-Forwarded-For` entry the
 * proxies did not add themselves; from anyone else the header is the client's own words and is ignored.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: readonly string[]): string {
  const peer = normalise(socketAddress ?? 'unknown');
  if (!trustedProxies.includes(peer) || forwardedFor === undefined) return peer;
  const hops = [forwardedFor].flat().join(',').split(',').map((hop) => normalise(hop.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return peer;
    if (!trustedProxies.includes(hop)) return hop;
  }
  return peer;
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are one client. */
function normalise(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

export function isTrustedProxy(socketAddress: string | undefined, trustedProxies: readonly string[]): boolean {
  return socketAddress !== undefined && trustedProxies.includes(normalise(socketAddress));
}

/**
 * What a per-address quota counts: an IPv4 address, or an IPv6 /64. One subscriber usually holds a whole
 * /64, so counting single IPv6 addresses would give one attacker 2^64 quotas.
 */
export function quotaKey(address: string): string {
  const plain = normalise(address).split('%')[0]!;
  if (isIP(plain) !== 6) return plain;
  const [head = '', tail] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
