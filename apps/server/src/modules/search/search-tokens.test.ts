import { describe, expect, it } from 'vitest';
import { customerTokens, phoneTokens, prefixBounds } from './search-tokens';

describe('search tokens', () => {
  it('stores every digit suffix of a number down to the shortest search', () => {
    expect(phoneTokens('+62215550123').map((t) => t.token)).toEqual([
      '62215550123',
      '2215550123',
      '215550123',
      '15550123',
      '5550123',
      '550123',
      '50123',
      '0123',
    ]);
    expect(phoneTokens('+6281234564417')).toHaveLength(10);
  });

  it("keeps a customer's words once each, and bounds how many", () => {
    const tokens = customerTokens({
      name: 'Sari Sari Wulandari',
      address: Array.from({ length: 40 }, (_, i) => `kata${i}`).join(' '),
      phones: [],
    });
    expect(tokens.filter((t) => t.field === 'name').map((t) => t.token)).toEqual(['sari', 'wulandari']);
    expect(tokens.filter((t) => t.field === 'address')).toHaveLength(24);
  });

  it('bounds a prefix by the successor of its last character', () => {
    expect(prefixBounds('sari')).toEqual(['sari', 'sarj']);
    expect(prefixBounds('4419')).toEqual(['4419', '441:']);
    expect(prefixBounds('wé')).toEqual(['wé', 'wê']);
  });
});
