import { Readable } from 'node:stream';
import ExcelJS, { type CellValue } from 'exceljs';
import { streamCsv } from '../../platform/csv';
import { restoreCell } from './import-csv-out';
import type { ImportRecord } from './import-kind';
import { type Reason, reason } from './import-text';

export type ImportFormat = 'csv' | 'xlsx';

const formulaWithoutValue = (column: number): Reason =>
  reason(
    `column ${column}: a formula without a saved value (open the file in a spreadsheet and save it again)`,
    `kolom ${column}: rumus tanpa nilai tersimpan (buka berkas di aplikasi spreadsheet lalu simpan lagi)`,
  );

const errorCell = (column: number, error: string): Reason =>
  reason(`column ${column}: the cell holds the error ${error}`, `kolom ${column}: sel berisi galat ${error}`);

/** `2026-11-28`: spreadsheets keep dates as days, exceljs gives them as UTC midnight. */
const dateText = (date: Date) => date.toISOString().slice(0, 10);

type Plain = string | number | boolean | Date;

const plainText = (value: Plain) => (value instanceof Date ? dateText(value) : String(value));

/**
 * A cell as text. A formula is never evaluated: its value as the spreadsheet last saved it
 * is taken, and one without a saved value is refused, as is a cell holding an error.
 */
function cellText(value: CellValue, column: number): string | Reason {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object' || value instanceof Date) return plainText(value);
  if ('error' in value) return errorCell(column, value.error);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined) return formulaWithoutValue(column);
    if (typeof result === 'object' && !(result instanceof Date)) return errorCell(column, result.error);
    return plainText(result);
  }
  return '';
}

/** The lines of the first sheet of a workbook, read as the zip streams in (styles kept, so dates are dates). */
async function* readXlsx(source: AsyncIterable<Buffer>): AsyncGenerator<ImportRecord> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(source), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of workbook) {
    for await (const row of sheet) {
      const values = Array.isArray(row.values) ? (row.values as CellValue[]).slice(1) : [];
      const cells: string[] = [];
      const problems: Reason[] = [];
      for (let index = 0; index < values.length; index += 1) {
        const text = cellText(values[index], index + 1);
        if (typeof text === 'string') cells.push(text);
        else {
          cells.push('');
          problems.push(text);
        }
      }
      if (cells.some((cell) => cell.trim() !== '') || problems.length > 0) yield { line: row.number, cells, problems };
    }
    // The first sheet is the data; others (notes, lookups) are not read.
    return;
  }
}

async function* readCsv(source: AsyncIterable<Buffer>): AsyncGenerator<ImportRecord> {
  for await (const record of streamCsv(source)) {
    yield { line: record.line, cells: record.fields.map(restoreCell), problems: [] };
  }
}

/** The file's lines, the header first, one at a time: a file of any size takes the memory of a few lines. */
export const readImportRecords = (format: ImportFormat, source: AsyncIterable<Buffer>) =>
  format === 'csv' ? readCsv(source) : readXlsx(source);

/** What the first bytes say the file is: a zip (an XLSX workbook) or text. */
export function sniffFormat(head: Buffer): ImportFormat | 'binary' {
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  return head.includes(0) ? 'binary' : 'csv';
}
