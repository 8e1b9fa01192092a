import type { ImportColumn } from './import-columns';
import { refusalColumns } from './import-columns';
import type { ImportKindSpec } from './import-kind';
import { type Reason, reason } from './import-text';

/** How a header cell is compared: any case, spaces, `_` and `-` ignored, accents dropped. */
export const headerKey = (cell: string) =>
  cell
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s_-]/g, '');

const ignoredHeaders = new Set(Object.values(refusalColumns).flatMap((names) => [names.en, names.id].map(headerKey)));

/** Where each known column is in the file's lines. */
export type ColumnPositions<K extends string> = Map<K, number>;

/**
 * Reads the header line: each cell names a column in either language. Unknown or repeated
 * columns and missing required ones refuse the file, every one of them named.
 */
export function readHeader<K extends string>(
  columns: readonly ImportColumn<K>[],
  cells: readonly string[],
): { positions: ColumnPositions<K> } | { problem: Reason } {
  const byHeader = new Map<string, ImportColumn<K>>();
  for (const column of columns) {
    byHeader.set(headerKey(column.headers.en), column);
    byHeader.set(headerKey(column.headers.id), column);
  }
  const positions: ColumnPositions<K> = new Map();
  const unknown: string[] = [];
  const repeated: string[] = [];
  cells.forEach((cell, index) => {
    const key = headerKey(cell);
    if (key === '' || ignoredHeaders.has(key)) return;
    const column = byHeader.get(key);
    if (column === undefined) unknown.push(cell.trim());
    else if (positions.has(column.key)) repeated.push(cell.trim());
    else positions.set(column.key, index);
  });
  const missing = columns.filter((column) => column.required && !positions.has(column.key));
  const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');
  const problems: Reason[] = [];
  if (unknown.length > 0) {
    const known = columns.map((column) => column.headers.en).join(', ');
    const dikenal = columns.map((column) => column.headers.id).join(', ');
    problems.push(
      reason(
        `unknown columns ${quoted(unknown)} (the columns are ${known})`,
        `kolom tidak dikenal ${quoted(unknown)} (kolomnya ${dikenal})`,
      ),
    );
  }
  if (repeated.length > 0) {
    problems.push(reason(`columns given twice ${quoted(repeated)}`, `kolom tertulis dua kali ${quoted(repeated)}`));
  }
  if (missing.length > 0) {
    problems.push(
      reason(
        `missing columns ${quoted(missing.map((column) => column.headers.en))}`,
        `kolom tidak ada ${quoted(missing.map((column) => column.headers.id))}`,
      ),
    );
  }
  if (problems.length === 0) return { positions };
  return { problem: { en: problems.map((p) => p.en).join('; '), id: problems.map((p) => p.id).join('; ') } };
}

/** The header as a kind reads it: its columns, then the kind's own rule across them. */
export function readKindHeader(
  kind: ImportKindSpec,
  cells: readonly string[],
): { positions: ColumnPositions<string> } | { problem: Reason } {
  const read = readHeader(kind.columns, cells);
  if ('problem' in read) return read;
  const problem = kind.checkHeader?.(read.positions);
  return problem ? { problem } : read;
}
