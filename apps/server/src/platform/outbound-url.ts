import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/*
 * Where the server may send a request a user chose the address of — an admin's webhook, a
 * phone's push endpoint (SSRF): never into its own network — the database, the cloud's
 * metadata service, the office's routers. A URL is checked when it is saved and again when
 * it is used, and every address its name resolves to is checked when the request connects,
 * so a name that later resolves inwards (DNS rebinding) is refused too.
 */

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/**
 * Addresses off the public internet: this machine, the private networks, link local (cloud
 * metadata at 169.254.169.254), carrier NAT, benchmarking, multicast and reserved ranges,
 * NAT64. BlockList judges IPv4 written as IPv6 (`::ffff:10.0.0.1`) by the IPv4 ranges.
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

/** Whether the server may connect to this address: public, or loopback when `allowLoopback` (tests). */
export function isPublicAddress(address: string, allowLoopback: boolean): boolean {
  if (allowLoopback && loopback.check(address, family(address))) return true;
  return !nonPublic.check(address, family(address));
}

const isLoopbackName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/**
 * Why the server may not send to `value`, or null when it may: an https:// URL to a host
 * that is not a private or loopback address. `allowInsecure` (the tests' own receivers)
 * also takes http:// to this machine. Names are judged once resolved, by `guardedLookup`.
 */
export function outboundUrlRefusal(value: string, allowInsecure: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const isLoopback = isLoopbackName(host) || (isIP(host) !== 0 && loopback.check(host, family(host)));
  if (allowInsecure && isLoopback && (url.protocol === 'http:' || url.protocol === 'https:')) return null;
  if (url.protocol !== 'https:') return 'must be an https:// URL';
  if (isLoopback || (isIP(host) !== 0 && !isPublicAddress(host, false))) {
    return 'must not point to a private or loopback address';
  }
  return null;
}

/** `dns.lookup` for `http.request` that refuses a name resolving to an address the server may not call. */
export function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((entry) => !isPublicAddress(entry.address, allowLoopback));
      if (refused) {
        const refusal: NodeJS.ErrnoException = new Error(
          `${hostname} resolves to ${refused.address}, not a public address`,
        );
        refusal.code = 'EADDRNOTALLOWED';
        return callback(refusal, '', 0);
      }
      const [first] = addresses;
      if (options.all) return callback(null, addresses);
      return callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}
