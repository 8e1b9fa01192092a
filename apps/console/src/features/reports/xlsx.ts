import { timeZoneLabels, timeZoneOffsetHours } from '@purnajual/contract';
import type { Cell, SheetData } from 'write-excel-file/browser';
import { formatCell, type Locale, type ReportCell, type ReportTable } from './report-table';

const minuteMs = 60_000;

/**
 * The moment as the branch's wall clock, to the minute as the screen shows it. A spreadsheet
 * date has no zone: it holds the local time, and its format names the zone.
 */
const wallClock = (iso: string, offsetHours: number) =>
  new Date(Math.floor((Date.parse(iso) + offsetHours * 3_600_000) / minuteMs) * minuteMs);

/** A typed cell: numbers as numbers, rupiah as whole amounts, times as dates and durations. */
export function toXlsxCell(cell: ReportCell): Cell {
  switch (cell.kind) {
    case 'text':
      return { value: cell.value, type: String };
    case 'count':
      return { value: cell.value, type: Number, format: '#,##0' };
    case 'rupiah':
      return { value: Math.round(cell.value), type: Number, format: '"Rp "#,##0' };
    case 'rate':
      return cell.value === null ? null : { value: cell.value, type: Number, format: '0.0%' };
    case 'rating':
      return cell.value === null ? null : { value: cell.value, type: Number, format: '0.0" / 5"' };
    case 'duration':
      // Days, as a spreadsheet counts time; [h] goes past 24 hours.
      return cell.seconds === null ? null : { value: cell.seconds / 86_400, type: Number, format: '[h]:mm' };
    case 'dateTime':
      return cell.iso === null
        ? null
        : {
            value: wallClock(cell.iso, timeZoneOffsetHours[cell.timeZone]),
            type: Date,
            format: `d mmm yyyy, hh:mm "${timeZoneLabels[cell.timeZone]}"`,
          };
  }
}

/** The header row in bold, then the rows, typed. */
export const toSheetData = (table: ReportTable): SheetData => [
  table.headers.map((header): Cell => ({ value: header, type: String, fontWeight: 'bold' })),
  ...table.rows.map((row) => row.map(toXlsxCell)),
];

/** Wide enough for the longest value as shown, so that no date shows as ####. */
export const columnWidths = (table: ReportTable, locale: Locale) =>
  table.headers.map((header, index) => ({
    width: Math.min(
      60,
      2 +
        Math.max(
          header.length,
          ...table.rows.map((row) => {
            const cell = row[index];
            return cell === undefined ? 0 : formatCell(cell, locale).length;
          }),
        ),
    ),
  }));

/** A sheet name: at most 31 characters, none of []:*?/\ */
export const sheetNameOf = (title: string) => title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/**
 * Has the browser save the table as an XLSX file; nothing leaves the browser. The writer is
 * loaded on the first download, so it stays out of the first page load.
 */
export async function downloadXlsx(fileName: string, title: string, table: ReportTable, locale: Locale) {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  await writeXlsxFile(toSheetData(table), {
    sheet: sheetNameOf(title),
    columns: columnWidths(table, locale),
    stickyRowsCount: 1,
  }).toFile(fileName);
}
