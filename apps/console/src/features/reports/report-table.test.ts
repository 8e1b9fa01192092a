import { en, id } from '@purnajual/client';
import type { TimeZone, WorkOrderSummary } from '@purnajual/contract';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { drillDownColumns, figuresTable, formatCell, type ReportCell, tableOf, toTextRows } from './report-table';

async function translator(lng: 'id' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    resources: { id: { translation: id }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

const makassar = '0193a000-0000-7000-8000-000000000001';
const zoneOf = (branchId: string | null): TimeZone => (branchId === makassar ? 'Asia/Makassar' : 'Asia/Jakarta');

const order = (patch: Partial<WorkOrderSummary>): WorkOrderSummary => ({
  id: '0193a000-0000-7000-8000-000000000010',
  number: 'WO-2603-000001',
  status: 'in_progress',
  priority: 'normal',
  serviceType: 'home_visit',
  complaint: 'AC tidak dingin',
  warrantyStatus: 'unknown',
  branchId: makassar,
  technicianId: null,
  technicianName: null,
  customer: {
    id: '0193a000-0000-7000-8000-000000000020',
    name: 'Ruslan Ma’ruf',
    phone: '+62811',
    address: 'Jl. A',
    areaCode: '73.71.01',
  },
  product: null,
  repeatOf: null,
  appointmentStart: null,
  appointmentEnd: null,
  slaDueAt: '2026-03-05T00:30:00.000Z',
  slaBreachedAt: null,
  repairSeconds: 0,
  inProgressSince: null,
  version: 1,
  createdAt: '2026-03-02T16:30:45.500Z',
  updatedAt: '2026-03-02T16:30:45.500Z',
  ...patch,
});

describe('the drill-down table', () => {
  it('has one set of columns for the screen, the CSV and the XLSX, headed in the UI language', async () => {
    const orders = [order({}), order({ number: 'WO-2603-000002', branchId: null, status: 'new' })];
    const idTable = tableOf(drillDownColumns(await translator('id'), zoneOf), orders);
    expect(idTable.headers).toEqual(['No. order', 'Pelanggan', 'Status', 'Dibuat', 'Batas SLA']);
    expect(idTable.rows[0]).toEqual<ReportCell[]>([
      { kind: 'text', value: 'WO-2603-000001' },
      { kind: 'text', value: 'Ruslan Ma’ruf' },
      { kind: 'text', value: 'Dikerjakan' },
      { kind: 'dateTime', iso: '2026-03-02T16:30:45.500Z', timeZone: 'Asia/Makassar' },
      { kind: 'dateTime', iso: '2026-03-05T00:30:00.000Z', timeZone: 'Asia/Makassar' },
    ]);
    // Each row in its own branch's zone: 16:30Z is past midnight in Makassar, not yet in Jakarta.
    expect(toTextRows(idTable, 'id').slice(1)).toEqual([
      ['WO-2603-000001', 'Ruslan Ma’ruf', 'Dikerjakan', '3 Mar 2026, 00.30 WITA', '5 Mar 2026, 08.30 WITA'],
      ['WO-2603-000002', 'Ruslan Ma’ruf', 'Baru', '2 Mar 2026, 23.30 WIB', '5 Mar 2026, 07.30 WIB'],
    ]);

    const enTable = tableOf(drillDownColumns(await translator('en'), zoneOf), orders);
    expect(toTextRows(enTable, 'en')[0]).toEqual(['Work order', 'Customer', 'Status', 'Created', 'SLA due']);
    expect(toTextRows(enTable, 'en')[1]?.[2]).toBe('In progress');
  });
});

describe('the figures table', () => {
  it('starts with the period and branch, then each figure as its card shows it', async () => {
    const t = await translator('id');
    const table = figuresTable(
      t,
      { from: '2026-03-01', to: '2026-03-31', branchName: 'Cabang Makassar', locale: 'id' },
      [
        { key: 'received', cell: { kind: 'count', value: 1234 } },
        { key: 'meanRepair', cell: { kind: 'duration', seconds: 5400 } },
        { key: 'firstTimeFix', cell: { kind: 'rate', value: 1 / 3 } },
        { key: 'slaAttainment', cell: { kind: 'rate', value: null } },
        { key: 'revenue', cell: { kind: 'rupiah', value: 1_250_000 } },
        { key: 'csatAverage', cell: { kind: 'rating', value: 3.5 } },
      ],
    );
    expect(toTextRows(table, 'id')).toEqual([
      ['Indikator', 'Nilai'],
      ['Periode', '1 Mar 2026 – 31 Mar 2026'],
      ['Cabang', 'Cabang Makassar'],
      ['Diterima', '1.234'],
      ['Rata-rata waktu perbaikan', '1 j 30 m'],
      ['Beres sekali datang', '33,3%'],
      ['Pencapaian SLA', '—'],
      ['Pendapatan', 'Rp\u00a01.250.000'],
      ['Rata-rata kepuasan', '3,5 / 5'],
    ]);
  });

  it('writes numbers in the English way in English', () => {
    expect(formatCell({ kind: 'count', value: 1234 }, 'en')).toBe('1,234');
    expect(formatCell({ kind: 'rate', value: 0.5 }, 'en')).toBe('50%');
    expect(formatCell({ kind: 'duration', seconds: 5400 }, 'en')).toBe('1 h 30 m');
    expect(formatCell({ kind: 'rupiah', value: 1_250_000 }, 'en')).toBe('Rp\u00a01,250,000');
  });
});
