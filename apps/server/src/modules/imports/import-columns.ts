import type { ProblemLanguage } from '../../platform/problem-language';

/** A column of an import file: its key, its header in each language, and what it holds. */
export interface ImportColumn<K extends string = string> {
  key: K;
  headers: Record<ProblemLanguage, string>;
  /** A line without it is refused; a file without the column is refused whole. */
  required: boolean;
  description: Record<ProblemLanguage, string>;
}

/** The columns the refused-lines file adds, in each language; ignored when read back. */
export const refusalColumns = {
  line: { en: 'line', id: 'baris' },
  reason: { en: 'reason', id: 'alasan' },
} as const satisfies Record<string, Record<ProblemLanguage, string>>;

/** The column of `columns` with this key; a key that is none is a programming error. */
export function columnOf<K extends string>(columns: readonly ImportColumn<K>[], key: K): ImportColumn<K> {
  const found = columns.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no column ${key}`);
  return found;
}
