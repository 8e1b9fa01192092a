import { minSearchDigits, searchWords } from '@purnajual/contract';
import type { SearchTokenTable } from '../../db/schema/search-token';

export type SearchField = SearchTokenTable['field'];

export interface IndexToken {
  field: SearchField;
  token: string;
}

/** Distinct words kept per field: a pasted essay indexes no more than a long address does. */
const maxWordsPerField = { name: 12, address: 24, complaint: 40 } as const;

function wordTokens(field: keyof typeof maxWordsPerField, text: string): IndexToken[] {
  const words = [...new Set(searchWords(text))].slice(0, maxWordsPerField[field]);
  return words.map((token) => ({ field, token }));
}

/**
 * Every run of digits a caller may give of a number is the start of one of its digit
 * suffixes: `+6281234564417` is stored as `6281234564417`, `281234564417`, …, `4417`
 * (10 tokens for a 13-digit number, suffixes shorter than a search are never asked for),
 * and "4417", "812345" or "0812…" (read as `62812…`) are prefix searches over them.
 */
export function phoneTokens(e164: string): IndexToken[] {
  const digits = e164.replace(/\D/g, '');
  const tokens: IndexToken[] = [];
  for (let start = 0; start <= digits.length - minSearchDigits; start += 1) {
    tokens.push({ field: 'phone', token: digits.slice(start) });
  }
  return tokens;
}

export const customerTokens = (customer: { name: string; address: string; phones: readonly string[] }) => [
  ...wordTokens('name', customer.name),
  ...wordTokens('address', customer.address),
  ...customer.phones.flatMap(phoneTokens),
];

/** Serial numbers are kept normalized (upper case) and searched by their start. */
export const productTokens = (product: { serialNumber: string }): IndexToken[] => [
  { field: 'serial', token: product.serialNumber },
];

export const workOrderTokens = (workOrder: { number: string; complaint: string }): IndexToken[] => [
  { field: 'number', token: workOrder.number },
  ...wordTokens('complaint', workOrder.complaint),
];

/** Fields of each kind of record, for replacing a record's tokens. */
export const customerFields: readonly SearchField[] = ['name', 'address', 'phone'];
export const productFields: readonly SearchField[] = ['serial'];
export const workOrderFields: readonly SearchField[] = ['number', 'complaint'];

/**
 * The bounds of the tokens that start with `prefix`: [prefix, prefix with its last
 * character's successor). The column compares bytes (binary collation on MySQL, SQLite's
 * default), where UTF-8 order is code-point order, so the range holds exactly those tokens
 * and an index serves it — no LIKE, so nothing in the text is ever a wildcard.
 */
export function prefixBounds(prefix: string): [string, string] {
  const characters = Array.from(prefix);
  const last = characters.pop()?.codePointAt(0) ?? 0;
  return [prefix, characters.join('') + String.fromCodePoint(last + 1)];
}
