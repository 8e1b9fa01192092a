import { describe, expect, it } from 'vitest';
import { isAddressAllowed, webhookUrlRefusal } from './webhook-urls';

describe('webhook URLs', () => {
  it('takes https to public hosts, and refuses http, this machine and private networks', () => {
    expect(webhookUrlRefusal('https://erp.example.co.id/purnajual', false)).toBeNull();
    expect(webhookUrlRefusal('https://203.0.113.10/hooks', false)).toBeNull();
    for (const url of [
      'http://erp.example.co.id/hooks',
      'http://127.0.0.1:8080/hooks',
      'https://localhost/hooks',
      'https://127.0.0.1/hooks',
      'https://[::1]/hooks',
      'https://10.0.0.5/hooks',
      'https://172.20.1.1/hooks',
      'https://192.168.0.10/hooks',
      'https://169.254.169.254/latest',
      'https://100.64.0.1/hooks',
      'https://[fe80::1]/hooks',
      'https://[::ffff:10.0.0.1]/hooks',
      'https://0.0.0.0/hooks',
    ]) {
      expect(webhookUrlRefusal(url, false), url).not.toBeNull();
    }
  });

  it('allows this machine, by http too, only when insecure URLs are allowed', () => {
    expect(webhookUrlRefusal('http://127.0.0.1:8080/hooks', true)).toBeNull();
    expect(webhookUrlRefusal('http://localhost:8080/hooks', true)).toBeNull();
    expect(webhookUrlRefusal('http://erp.example.co.id/hooks', true)).not.toBeNull();
    expect(webhookUrlRefusal('https://10.0.0.5/hooks', true)).not.toBeNull();
  });

  it('judges every resolved address: a public name that resolves inwards is refused when connecting', () => {
    expect(isAddressAllowed('93.184.216.34', false)).toBe(true);
    expect(isAddressAllowed('2606:2800:220:1::', false)).toBe(true);
    expect(isAddressAllowed('127.0.0.1', false)).toBe(false);
    expect(isAddressAllowed('::ffff:192.168.1.1', false)).toBe(false);
    expect(isAddressAllowed('fd12::1', false)).toBe(false);
    expect(isAddressAllowed('127.0.0.1', true)).toBe(true);
  });
});
