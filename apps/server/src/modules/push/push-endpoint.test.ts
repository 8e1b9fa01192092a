import { describe, expect, it } from 'vitest';
import { endpointRefusal, isReachableAddress } from './push-endpoint';

describe('push endpoints the server posts to', () => {
  it.each([
    'https://fcm.googleapis.com/fcm/send/abc',
    'https://updates.push.services.mozilla.com/wpush/v2/abc',
    'https://web.push.apple.com/QGx',
    'https://8.8.8.8/x',
    'https://[2001:4860:4860::8888]/x',
  ])('takes %s', (endpoint) => {
    expect(endpointRefusal(endpoint, false)).toBeNull();
  });

  it.each([
    ['http://fcm.googleapis.com/fcm/send/abc', 'must be an https:// URL'],
    ['https://localhost/x', 'must not point to a private or loopback address'],
    ['https://push.localhost/x', 'must not point to a private or loopback address'],
    ['https://127.0.0.1/x', 'must not point to a private or loopback address'],
    ['http://127.0.0.1:8080/x', 'must be an https:// URL'],
    ['https://[::1]/x', 'must not point to a private or loopback address'],
    ['https://[::ffff:127.0.0.1]/x', 'must not point to a private or loopback address'],
    ['https://172.20.0.1/x', 'must not point to a private or loopback address'],
    ['https://100.64.0.1/x', 'must not point to a private or loopback address'],
    ['https://[fe80::1]/x', 'must not point to a private or loopback address'],
    ['https://user:secret@fcm.googleapis.com/x', 'must not carry a user name or password'],
  ])('refuses %s in production: %s', (endpoint, reason) => {
    expect(endpointRefusal(endpoint, false)).toBe(reason);
  });

  it('takes http:// on the loopback address only when insecure endpoints are allowed (tests)', () => {
    expect(endpointRefusal('http://127.0.0.1:8080/x', true)).toBeNull();
    expect(endpointRefusal('http://[::1]:8080/x', true)).toBeNull();
    expect(endpointRefusal('http://fcm.googleapis.com/x', true)).toBe('must be an https:// URL');
    expect(endpointRefusal('https://10.0.0.1/x', true)).toBe('must not point to a private or loopback address');
  });

  it('refuses resolved addresses off the public internet, loopback only when allowed', () => {
    expect(isReachableAddress('142.250.4.95', false)).toBe(true);
    expect(isReachableAddress('127.0.0.1', false)).toBe(false);
    expect(isReachableAddress('127.0.0.1', true)).toBe(true);
    expect(isReachableAddress('10.0.0.1', true)).toBe(false);
    expect(isReachableAddress('169.254.169.254', false)).toBe(false);
    expect(isReachableAddress('fd12::1', false)).toBe(false);
  });
});
