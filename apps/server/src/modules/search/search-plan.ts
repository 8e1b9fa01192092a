import { normalizeIndonesianPhone, searchDigits, searchWords } from '@purnajual/contract';

/**
 * What a search text asks for. Digits (`0812-4417`, `+62 812…`, `4417`) are parts of a phone
 * number — or a serial number, which may be digits only; anything else is words (each the
 * start of a word of a name, an address or a complaint) and, written as one, a serial or
 * work-order number or its start.
 */
export type SearchPlan =
  | {
      kind: 'digits';
      /** Prefixes of the phone tokens: the digits, and for a leading 0 the number after 62 as well. */
      phonePrefixes: string[];
      /** The whole number as its token (`6281234564417`) when the digits are one, for ranking. */
      exactPhone: string | null;
      code: string;
    }
  | { kind: 'text'; words: string[]; code: string | null };

/** Words of a search that must all match; more are ignored, not searched one by one. */
export const maxSearchWords = 5;

const codePattern = /^[A-Z0-9./-]{2,40}$/;

export function planSearch(q: string): SearchPlan {
  const digits = searchDigits(q);
  if (digits !== null) {
    const prefixes = digits.startsWith('0') ? [digits, `62${digits.slice(1)}`] : [digits];
    const exact = normalizeIndonesianPhone(q);
    return {
      kind: 'digits',
      phonePrefixes: prefixes,
      exactPhone: exact === null ? null : exact.slice(1),
      code: digits,
    };
  }
  const code = q.trim().toUpperCase().replace(/\s+/g, '');
  return {
    kind: 'text',
    // The longest word first: it narrows the index range the most.
    words: [...new Set(searchWords(q))].sort((a, b) => b.length - a.length).slice(0, maxSearchWords),
    code: codePattern.test(code) ? code : null,
  };
}
