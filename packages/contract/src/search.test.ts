import { describe, expect, it } from 'vitest';
import { searchDigits, searchTextIssue, searchWords } from './search';

describe('search text', () => {
  it('splits into words without accents or case, at anything but letters and digits', () => {
    expect(searchWords("Désirée  O'Brien-Hartono")).toEqual(['desiree', 'o', 'brien', 'hartono']);
    expect(searchWords('%sa_ri% 😀 \u200fwulan\u200f')).toEqual(['sa', 'ri', 'wulan']);
    expect(searchWords('x'.repeat(50))).toEqual(['x'.repeat(32)]);
  });

  it('reads phone notations as their digits, and nothing else as digits', () => {
    expect(searchDigits('+62 812-3456 (4417)')).toBe('6281234564417');
    expect(searchDigits('0812.4417')).toBe('08124417');
    expect(searchDigits('AC-4417')).toBeNull();
    expect(searchDigits('--')).toBeNull();
  });

  it.each([
    ['s', 'too_short'],
    ['😀', 'too_short'],
    ['081', 'too_few_digits'],
    ['+62 8', 'too_few_digits'],
    ['sa', null],
    ['4417', null],
    ['😀😀', null],
  ])('%j → %s', (text, issue) => {
    expect(searchTextIssue(text)).toBe(issue);
  });
});
