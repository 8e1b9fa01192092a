import { BlockList, isIP } from 'node:net';

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/**
 * Addresses that are not on the public internet: this machine, the private networks, link
 * local (cloud metadata at 169.254.169.254), carrier NAT, multicast, reserved ranges and
 * NAT64; IPv4 written as IPv6 (`::ffff:10.0.0.1`) BlockList checks against the IPv4 ranges
 * itself. A push service is on the internet; anything here is a request the server would
 * make into its own network for whoever registered it (SSRF).
 */
const nonPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv6');
}

const isLoopbackName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/** Whether the server may connect to this resolved address (loopback only when `allowLoopback`). */
export function isReachableAddress(address: string, allowLoopback: boolean): boolean {
  if (allowLoopback && loopback.check(address, family(address))) return true;
  return !nonPublic.check(address, family(address));
}

/**
 * Why the server may not post pushes to `endpoint`, or null when it may: an https:// URL
 * whose host is not a private or loopback address. `allowInsecure` (tests' own push service)
 * also takes http:// and the loopback address. Host names are checked again once resolved,
 * when the push is sent.
 */
export function endpointRefusal(endpoint: string, allowInsecure: boolean): string | null {
  const url = new URL(endpoint);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const isLoopback = isLoopbackName(host) || (isIP(host) !== 0 && loopback.check(host, family(host)));
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  if (allowInsecure && isLoopback && (url.protocol === 'http:' || url.protocol === 'https:')) return null;
  if (url.protocol !== 'https:') return 'must be an https:// URL';
  if (isLoopback || (isIP(host) !== 0 && !isReachableAddress(host, false))) {
    return 'must not point to a private or loopback address';
  }
  return null;
}
