import { describe, expect, it } from 'vitest';
import type { ReportTable } from './report-table';
import { columnWidths, sheetNameOf, toSheetData } from './xlsx';

const table: ReportTable = {
  headers: ['Indikator', 'Nilai'],
  rows: [
    [
      { kind: 'text', value: 'WO-2603-000001' },
      { kind: 'dateTime', iso: '2026-03-02T16:30:45.500Z', timeZone: 'Asia/Makassar' },
    ],
    [
      { kind: 'count', value: 1234 },
      { kind: 'rupiah', value: 1_250_000 },
    ],
    [
      { kind: 'rate', value: 0.25 },
      { kind: 'rate', value: null },
    ],
    [
      { kind: 'duration', seconds: 5400 },
      { kind: 'rating', value: 3.5 },
    ],
    [
      { kind: 'text', value: '=1+1' },
      { kind: 'dateTime', iso: null, timeZone: 'Asia/Jakarta' },
    ],
  ],
};

describe('the XLSX of a report table', () => {
  const [header, ...rows] = toSheetData(table);

  it('heads the sheet with the headers in bold', () => {
    expect(header).toEqual([
      { value: 'Indikator', type: String, fontWeight: 'bold' },
      { value: 'Nilai', type: String, fontWeight: 'bold' },
    ]);
  });

  it('writes a moment as a date cell holding the branch’s wall clock, to the minute, with the zone in its format', () => {
    expect(rows[0]).toEqual([
      { value: 'WO-2603-000001', type: String },
      { value: new Date(Date.UTC(2026, 2, 3, 0, 30)), type: Date, format: 'd mmm yyyy, hh:mm "WITA"' },
    ]);
  });

  it('writes counts and rupiah as numbers with a thousands separator, shares as percentages', () => {
    expect(rows[1]).toEqual([
      { value: 1234, type: Number, format: '#,##0' },
      { value: 1_250_000, type: Number, format: '"Rp "#,##0' },
    ]);
    expect(rows[2]).toEqual([{ value: 0.25, type: Number, format: '0.0%' }, null]);
  });

  it('writes a length of time in days with an hours format, and a rating as a number', () => {
    expect(rows[3]).toEqual([
      { value: 5400 / 86_400, type: Number, format: '[h]:mm' },
      { value: 3.5, type: Number, format: '0.0" / 5"' },
    ]);
  });

  it('keeps text as text, even one that looks like a formula, and leaves a missing value empty', () => {
    expect(rows[4]).toEqual([{ value: '=1+1', type: String }, null]);
  });

  it('makes each column as wide as its longest value as shown', () => {
    const [first, second] = columnWidths(table, 'id');
    expect(first?.width).toBe('WO-2603-000001'.length + 2);
    expect(second?.width).toBe('3 Mar 2026, 00.30 WITA'.length + 2);
  });

  it('names the sheet within 31 characters and without the characters a sheet name refuses', () => {
    expect(sheetNameOf('Order: selesai [lewat SLA] / cabang*?')).toBe('Order  selesai  lewat SLA    ca');
    expect(sheetNameOf('Order selesai yang melewati SLA dan lainnya')).toHaveLength(31);
  });
});
