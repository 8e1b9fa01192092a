import { z } from 'zod';

/** A search needs this many characters, or this many digits when it is a phone number. */
export const minSearchCharacters = 2;
export const minSearchDigits = 4;
/** Words are compared on their first this many letters: an index key stays bounded. */
export const maxSearchWordLength = 32;

/** Only digits and what people write between them in a phone number. */
const phoneLike = /^[\d\s\-().+]+$/u;

/**
 * The words of a text as the search compares them: accents dropped (é → e), lower case,
 * split at anything that is not a letter or a digit. Punctuation, `%`, `_`, quotes, emoji
 * and direction marks separate words; none of them is ever a wildcard.
 */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .map((word) => Array.from(word).slice(0, maxSearchWordLength).join(''));
}

/** The digits of a search written like a phone number (`+62 812-4417`), or null for any other text. */
export function searchDigits(text: string): string | null {
  const trimmed = text.trim();
  if (!phoneLike.test(trimmed) || !/\d/.test(trimmed)) return null;
  return trimmed.replace(/\D/g, '');
}

/** Why a search text cannot be searched, or null when it can. */
export function searchTextIssue(text: string): 'too_few_digits' | 'too_short' | null {
  const digits = searchDigits(text);
  if (digits !== null) return digits.length < minSearchDigits ? 'too_few_digits' : null;
  return Array.from(text.trim()).length < minSearchCharacters ? 'too_short' : null;
}

const searchIssueMessages = {
  too_few_digits: `needs at least ${minSearchDigits} digits of a phone number`,
  too_short: `needs at least ${minSearchCharacters} characters`,
} as const;

/** The `q` of a search: a phone number or part of it, words of a name or address, a serial or a number. */
export const searchTextSchema = z
  .string()
  .trim()
  .max(100)
  .superRefine((value, ctx) => {
    const issue = searchTextIssue(value);
    if (issue !== null) ctx.addIssue({ code: 'custom', message: searchIssueMessages[issue], params: { issue } });
  });
