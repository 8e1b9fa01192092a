import type { LocalizedText } from '../../platform/problem-language';
import type { ImportColumn } from './import-columns';

/** Why a line or a file was refused, in each language the API speaks. */
export type Reason = LocalizedText;

export const reason = (en: string, id: string): Reason => ({ en, id });

/** `column: what is wrong`, the column named by its header in each language. */
export const cellReason = (column: ImportColumn, en: string, id: string): Reason => ({
  en: `${column.headers.en}: ${en}`,
  id: `${column.headers.id}: ${id}`,
});

/** Several reasons as one sentence per language. */
export const joinReasons = (reasons: readonly Reason[]): Reason => ({
  en: reasons.map((r) => r.en).join('; '),
  id: reasons.map((r) => r.id).join('; '),
});
