import { describe, expect, it } from 'vitest';
import { isPublicAddress, outboundUrlRefusal } from './outbound-url';

describe('URLs the server sends to on a user’s word (webhooks, push endpoints)', () => {
  it.each([
    'https://fcm.googleapis.com/fcm/send/abc',
    'https://erp.example.co.id/purnajual',
    'https://203.0.113.10/hooks',
    'https://8.8.8.8/x',
    'https://[2001:4860:4860::8888]/x',
  ])('takes %s', (url) => {
    expect(outboundUrlRefusal(url, false)).toBeNull();
  });

  it.each([
    ['not a url', 'is not a URL'],
    ['http://erp.example.co.id/hooks', 'must be an https:// URL'],
    ['http://127.0.0.1:8080/x', 'must be an https:// URL'],
    ['https://localhost/x', 'must not point to a private or loopback address'],
    ['https://push.localhost/x', 'must not point to a private or loopback address'],
    ['https://127.0.0.1/x', 'must not point to a private or loopback address'],
    ['https://[::1]/x', 'must not point to a private or loopback address'],
    ['https://[::ffff:127.0.0.1]/x', 'must not point to a private or loopback address'],
    ['https://[::ffff:10.0.0.1]/x', 'must not point to a private or loopback address'],
    ['https://10.0.0.5/x', 'must not point to a private or loopback address'],
    ['https://172.20.0.1/x', 'must not point to a private or loopback address'],
    ['https://192.168.0.10/x', 'must not point to a private or loopback address'],
    ['https://169.254.169.254/latest', 'must not point to a private or loopback address'],
    ['https://100.64.0.1/x', 'must not point to a private or loopback address'],
    ['https://0.0.0.0/x', 'must not point to a private or loopback address'],
    ['https://[fe80::1]/x', 'must not point to a private or loopback address'],
    ['https://user:secret@fcm.googleapis.com/x', 'must not carry a user name or password'],
  ])('refuses %s in production: %s', (url, reason) => {
    expect(outboundUrlRefusal(url, false)).toBe(reason);
  });

  it('takes this machine, by http too, only when insecure URLs are allowed (tests)', () => {
    expect(outboundUrlRefusal('http://127.0.0.1:8080/x', true)).toBeNull();
    expect(outboundUrlRefusal('http://localhost:8080/x', true)).toBeNull();
    expect(outboundUrlRefusal('http://[::1]:8080/x', true)).toBeNull();
    expect(outboundUrlRefusal('http://erp.example.co.id/x', true)).toBe('must be an https:// URL');
    expect(outboundUrlRefusal('https://10.0.0.1/x', true)).toBe('must not point to a private or loopback address');
  });

  it('judges every resolved address: public ones, loopback only when allowed', () => {
    expect(isPublicAddress('142.250.4.95', false)).toBe(true);
    expect(isPublicAddress('2606:2800:220:1::', false)).toBe(true);
    expect(isPublicAddress('127.0.0.1', false)).toBe(false);
    expect(isPublicAddress('127.0.0.1', true)).toBe(true);
    expect(isPublicAddress('10.0.0.1', true)).toBe(false);
    expect(isPublicAddress('::ffff:192.168.1.1', false)).toBe(false);
    expect(isPublicAddress('169.254.169.254', false)).toBe(false);
    expect(isPublicAddress('fd12::1', false)).toBe(false);
  });
});
