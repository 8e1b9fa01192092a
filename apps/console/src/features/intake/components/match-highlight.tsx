import { Mark } from '@mantine/core';
import { formatPhone } from '@purnajual/client';
import { type CustomerMatch, searchDigits, searchWords } from '@purnajual/contract';
import type { ReactNode } from 'react';

/** Where in `text` the search matched: the run of digits, or the words starting with a searched word. */
function matchedRanges(text: string, q: string, field: CustomerMatch['field']): [number, number][] {
  const digits = searchDigits(q);
  if (field === 'phone' && digits !== null) {
    const national = digits.startsWith('62') ? digits.slice(2) : digits.replace(/^0/, '');
    const positions = [...text].flatMap((character, index) => (/\d/.test(character) ? [index] : []));
    const textDigits = positions.map((index) => text[index]).join('');
    const at = textDigits.indexOf(national.length >= 4 ? national : digits);
    if (at < 0) return [];
    const length = national.length >= 4 ? national.length : digits.length;
    return [[positions[at] ?? 0, (positions[at + length - 1] ?? 0) + 1]];
  }
  const words = searchWords(q);
  const ranges: [number, number][] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const folded = searchWords(match[0])[0] ?? '';
    const word = words.find((candidate) => folded.startsWith(candidate));
    if (word !== undefined) ranges.push([match.index, match.index + Math.min(word.length, match[0].length)]);
  }
  return ranges;
}

/** What a customer was found by, with the matched part marked, as the agent reads it on the call. */
export function MatchHighlight({ match, q }: { match: CustomerMatch; q: string }) {
  const text = match.field === 'phone' ? formatPhone(match.value) : match.value;
  const ranges = matchedRanges(text, q, match.field);
  const parts: ReactNode[] = [];
  let from = 0;
  for (const [start, end] of ranges) {
    if (start < from) continue;
    parts.push(text.slice(from, start), <Mark key={start}>{text.slice(start, end)}</Mark>);
    from = end;
  }
  parts.push(text.slice(from));
  return <>{parts}</>;
}
