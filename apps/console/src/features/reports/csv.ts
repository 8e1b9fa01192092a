import type { Locale } from '@purnajual/client';

export type CsvCell = string | number;

/**
 * A text that a spreadsheet would run as a formula is written as text: one starting with
 * `=`, `+`, `-` or `@` (`-2+3+cmd|' /C calc'!A0` runs a command), or with a tab or carriage
 * return, which some spreadsheets skip before reading the rest as a formula.
 */
const formulaStart = /^[=+\-@\t\r]/;

/**
 * The list separator a spreadsheet in that language expects: Excel set to Indonesian reads
 * `;`, because the comma is its decimal separator, and opens a comma-separated file as one
 * column.
 */
const separators: Record<Locale, string> = { id: ';', en: ',' };

/** One field as RFC 4180 writes it: quoted when it holds the separator, a quote or a line break. */
function field(value: CsvCell, separator: string): string {
  const text = typeof value === 'string' && formulaStart.test(value) ? `'${value}` : String(value);
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Rows as CSV with CRLF line ends, after a UTF-8 byte order mark: without it Excel reads the
 * file in the machine's legacy code page and garbles names such as "Ruslan Ma'ruf Siregar".
 */
export function toCsv(rows: readonly (readonly CsvCell[])[], locale: Locale): string {
  const separator = separators[locale];
  return `\uFEFF${rows.map((row) => row.map((value) => field(value, separator)).join(separator)).join('\r\n')}\r\n`;
}

/** Has the browser save the rows as a CSV file; nothing leaves the browser. */
export function downloadCsv(fileName: string, rows: readonly (readonly CsvCell[])[], locale: Locale) {
  const url = URL.createObjectURL(new Blob([toCsv(rows, locale)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download has taken the bytes by the time this runs.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
