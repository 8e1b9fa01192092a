import { describe, expect, it } from 'vitest';
import { brokenPasswordRule, companyNameWords, passwordSchema } from './auth';

const company = 'PT Purnajual Servis Indonesia';

describe('the shared password rules', () => {
  it.each([
    ['aaaaaaaa', 'one_character'],
    ['11111111', 'one_character'],
    ['🔑🔑🔑🔑🔑🔑🔑🔑', 'one_character'],
    ['Purnajual2026!', 'company_name'],
    ['kopi-SERVIS-pagi', 'company_name'],
    ['cinta-indonesia-88', 'company_name'],
    ['aaaaaaab', null],
    ['nasi-uduk-betawi', null],
    // "PT" is the legal form, no part of the name to guess from.
    ['ptptptpt-kopi', null],
  ])('%s breaks %s', (password, rule) => {
    expect(brokenPasswordRule(password, company)).toBe(rule);
  });

  it('takes the words of the name without its legal form or short words', () => {
    expect(companyNameWords(company)).toEqual(['purnajual', 'servis', 'indonesia']);
    expect(companyNameWords('CV Maju Jaya Abadi, Tbk.')).toEqual(['maju', 'jaya', 'abadi']);
  });

  it('is what the request schema refuses too, without the company (the server knows it)', () => {
    expect(passwordSchema.safeParse('aaaaaaaa').success).toBe(false);
    expect(passwordSchema.safeParse('Purnajual2026!').success).toBe(true);
  });
});
