import type { FileKey, ImportedRow, RowResult } from './import-kind';

/**
 * What the lines before have claimed: a key (an `externalId`, a unit, a code) given on two
 * lines of one file is refused on the later one, naming the first. Only keys are kept, not
 * lines, so a file of 400,000 lines needs a few tens of megabytes.
 */
export class FileDuplicates<Row extends ImportedRow> {
  /** Per scope, each value's first line: no key string is built beyond the value itself. */
  readonly #lines = new Map<string, Map<string, number>>();

  constructor(readonly keysOf: (row: Row) => FileKey[]) {}

  check(result: RowResult<Row>): RowResult<Row> {
    if (!('row' in result)) return result;
    for (const key of this.keysOf(result.row)) {
      const lines = this.#lines.get(key.scope) ?? new Map<string, number>();
      this.#lines.set(key.scope, lines);
      const earlier = lines.get(key.value);
      if (earlier !== undefined) return { refused: key.taken(earlier) };
      lines.set(key.value, result.row.line);
    }
    return result;
  }
}
