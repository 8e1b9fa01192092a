import type { ProblemLanguage } from '../../platform/problem-language';

/** Spreadsheets set to Indonesian split on `;` (the comma is their decimal point), English ones on `,`. */
export const delimiterOf = (lang: ProblemLanguage) => (lang === 'id' ? ';' : ',');

/** What a spreadsheet would run as a formula when the cell starts with it (CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet opens as text, never as a formula: a leading `'` says so. The
 * importer takes the `'` off again (`restoreCell`), so a refused-lines file goes back in as
 * it is — `+62 812…` stays a phone number.
 */
export const neutralizeCell = (cell: string) => (formulaStart.test(cell) ? `'${cell}` : cell);

export const restoreCell = (cell: string) =>
  cell.startsWith("'") && formulaStart.test(cell.slice(1)) ? cell.slice(1) : cell;

/** One CSV line (RFC 4180): a cell with the delimiter, a quote or a line break is quoted. */
export function csvLine(cells: readonly string[], delimiter: string): string {
  const quoted = cells.map((cell) => {
    const safe = neutralizeCell(cell);
    return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  });
  return `${quoted.join(delimiter)}\r\n`;
}

/** Excel reads a CSV as UTF-8 only when it starts with a byte-order mark. */
export const byteOrderMark = '\uFEFF';
