import { type LookupAddress, type LookupAllOptions, type LookupOptions, lookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/*
 * Where a webhook may point (SSRF): an admin's URL must not make the server call its own
 * network — the database, the metadata service of the cloud, the office's routers. The
 * URL's host is checked when the webhook is saved, and every address a name resolves to is
 * checked again when the request connects, so a name that later resolves inwards (DNS
 * rebinding) is refused too.
 */

const inward = new BlockList();
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
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  inward.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  inward.addSubnet(network, prefix, 'ipv6');
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is judged as the IPv4 address it is. */
function normalized(address: string): { address: string; type: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return { address: mapped[1], type: 'ipv4' };
  return { address, type: isIP(address) === 4 ? 'ipv4' : 'ipv6' };
}

function isLoopbackAddress(address: string): boolean {
  const { address: ip, type } = normalized(address);
  return loopback.check(ip, type);
}

/** Whether the server may connect to `address`: public, or loopback when insecure URLs are allowed (tests). */
export function isAddressAllowed(address: string, allowInsecure: boolean): boolean {
  if (allowInsecure && isLoopbackAddress(address)) return true;
  const { address: ip, type } = normalized(address);
  return !inward.check(ip, type);
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');
const isLoopbackName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/**
 * Why a webhook may not use `value`, or null when it may: https to a public host; this
 * machine's loopback, by http too, only with `allowInsecure` (tests).
 */
export function webhookUrlRefusal(value: string, allowInsecure: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must use https';
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  const host = hostOf(url);
  if (isLoopbackName(host) || (isIP(host) !== 0 && isLoopbackAddress(host))) {
    return allowInsecure ? null : 'must not point to this machine';
  }
  if (url.protocol === 'http:') return 'must use https';
  if (isIP(host) !== 0 && !isAddressAllowed(host, allowInsecure)) return 'must not point to a private or local address';
  return null;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** `dns.lookup` for `http.request`, refusing a name that resolves to an address the server may not call. */
export function guardedLookup(allowInsecure: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    const refuse = () => {
      const error: NodeJS.ErrnoException = new Error(`${hostname} resolves to a private or local address`);
      error.code = 'EADDRNOTALLOWED';
      callback(error, '');
    };
    if (options.all) {
      lookup(hostname, options as LookupAllOptions, (error, addresses) => {
        if (error) return callback(error, '');
        if (addresses.some((entry) => !isAddressAllowed(entry.address, allowInsecure))) return refuse();
        callback(null, addresses);
      });
      return;
    }
    lookup(hostname, { ...options, all: false }, (error, address, family) => {
      if (error) return callback(error, '');
      if (!isAddressAllowed(address, allowInsecure)) return refuse();
      callback(null, address, family);
    });
  };
}
