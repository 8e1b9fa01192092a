import { BlockList, isIP, isIPv4 } from 'node:net';
import type { FastifyRequest } from 'fastify';

/**
 * Which `X-Forwarded-For` hops the server believes: none; every one (only behind a proxy
 * that replaces the header rather than appending to it, as anyone can write it); the
 * nearest `hops` (the load balancers in front, the only ones that can reach the server);
 * or the hops whose address is in `networks`.
 */
export type ProxyTrust =
  | { kind: 'none' }
  | { kind: 'all' }
  | { kind: 'hops'; hops: number }
  | { kind: 'networks'; networks: string[] };

const maxPrefix = { 4: 32, 6: 128 } as const;

function isNetwork(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix[family === 4 ? 4 : 6];
}

/** `TRUST_PROXY`: `false`, `true`, a hop count, or a comma list of addresses and CIDR networks. */
export function parseProxyTrust(value: string): ProxyTrust | { error: string } {
  const trimmed = value.trim();
  if (trimmed === 'false') return { kind: 'none' };
  if (trimmed === 'true') return { kind: 'all' };
  if (/^\d{1,2}$/.test(trimmed)) {
    const hops = Number(trimmed);
    return hops === 0 ? { kind: 'none' } : { kind: 'hops', hops };
  }
  const networks = trimmed.split(',').map((part) => part.trim());
  const invalid = networks.filter((network) => !isNetwork(network));
  if (invalid.length > 0) {
    return {
      error: `must be true, false, a hop count or a list of addresses/CIDR networks; not ${invalid.join(', ')}`,
    };
  }
  return { kind: 'networks', networks };
}

/** IPv4 peers on a dual-stack socket arrive as `::ffff:a.b.c.d`; they are IPv4 addresses. */
const unmapped = (address: string) => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
};

/**
 * Whether the hop `hop` places from the server (0: the peer of the socket), at `address`,
 * is a proxy whose `X-Forwarded-For` is believed. Fastify is handed this function, and the
 * connection limit asks it too, so both agree on who is a proxy. (Fastify's own hop count
 * is switched off since 5.x: a number there trusts nothing.)
 */
export function createProxyTrust(trust: ProxyTrust): (address: string, hop: number) => boolean {
  switch (trust.kind) {
    case 'none':
      return () => false;
    case 'all':
      return () => true;
    case 'hops':
      return (_address, hop) => hop < trust.hops;
    case 'networks': {
      const list = new BlockList();
      for (const network of trust.networks) {
        const [address = '', prefix] = network.split('/');
        const family = isIPv4(address) ? 'ipv4' : 'ipv6';
        if (prefix === undefined) list.addAddress(address, family);
        else list.addSubnet(address, Number(prefix), family);
      }
      return (address) => {
        const plain = unmapped(address);
        const family = isIP(plain);
        return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
      };
    }
  }
}

/**
 * The client's address: the nearest hop that is not a trusted proxy (Fastify's
 * `request.ip` under the trust above). What a trusted proxy wrote there that is not an
 * address at all leaves the client at the socket's peer. Sessions store it, and the
 * per-address limits key on its `networkOf`.
 */
export function clientAddressOf(request: FastifyRequest): string {
  const claimed = unmapped(request.ip);
  if (isIP(claimed) !== 0) return claimed;
  return unmapped(request.socket.remoteAddress ?? '');
}

/** The eight 16-bit groups of an IPv6 address, `::` filled in and a dotted IPv4 tail converted. */
function ipv6Groups(address: string): number[] {
  const withoutZone = address.split('%')[0] ?? '';
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(withoutZone);
  const hex = dotted
    ? withoutZone.slice(0, dotted.index) +
      [Number(dotted[1]) * 256 + Number(dotted[2]), Number(dotted[3]) * 256 + Number(dotted[4])]
        .map((group) => group.toString(16))
        .join(':')
    : withoutZone;
  const [head = '', tail] = hex.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16)));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/**
 * What the per-address limits count by: an IPv4 address itself, an IPv6 address by its
 * /64. One subscriber, home or phone gets a whole /64 and picks any address in it, so
 * limits keyed on the exact address would give it 2^64 fresh starts.
 */
export function networkOf(address: string): string {
  const plain = unmapped(address);
  if (isIP(plain) !== 6) return plain;
  const prefix = ipv6Groups(plain)
    .slice(0, 4)
    .map((group) => group.toString(16));
  return `${prefix.join(':')}::/64`;
}
