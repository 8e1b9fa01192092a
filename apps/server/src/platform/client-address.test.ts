import { describe, expect, it } from 'vitest';
import { createProxyTrust, networkOf } from './client-address';

describe('networkOf', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['2001:db8:5:6::1', '2001:db8:5:6::/64'],
    ['2001:0DB8:0005:0006:ffff:ffff:ffff:ffff', '2001:db8:5:6::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::203.0.113.9', '64:ff9b:0:0::/64'],
    ['2001:db8:5:6:7:8:203.0.113.9', '2001:db8:5:6::/64'],
  ])('keys %s as %s', (address, network) => {
    expect(networkOf(address)).toBe(network);
  });
});

describe('createProxyTrust', () => {
  it('trusts the nearest hops by count, whatever their address', () => {
    const trust = createProxyTrust({ kind: 'hops', hops: 1 });
    expect(trust('198.51.100.1', 0)).toBe(true);
    expect(trust('10.0.0.1', 1)).toBe(false);
  });

  it('trusts hops in the listed networks, IPv4 peers on dual-stack sockets included, and nothing that is not an address', () => {
    const trust = createProxyTrust({ kind: 'networks', networks: ['10.20.0.0/16', '192.0.2.7', 'fd00::/8'] });
    expect(trust('10.20.3.4', 0)).toBe(true);
    expect(trust('::ffff:10.20.3.4', 0)).toBe(true);
    expect(trust('192.0.2.7', 3)).toBe(true);
    expect(trust('fd12::1', 0)).toBe(true);
    expect(trust('10.21.0.1', 0)).toBe(false);
    expect(trust('192.0.2.8', 0)).toBe(false);
    expect(trust('bukan-alamat', 0)).toBe(false);
  });

  it('trusts every hop or none', () => {
    expect(createProxyTrust({ kind: 'all' })('198.51.100.1', 5)).toBe(true);
    expect(createProxyTrust({ kind: 'none' })('10.0.0.1', 0)).toBe(false);
  });
});
