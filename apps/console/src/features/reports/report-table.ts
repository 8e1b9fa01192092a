import { formatDate, formatDateTime, formatDuration, formatRupiah, type Locale } from '@purnajual/client';
import type { TimeZone, WorkOrderSummary } from '@purnajual/contract';
import type { TFunction } from 'i18next';

export type { Locale };

/**
 * One value of a report, typed: the screen and the CSV show it as text, the XLSX writes it
 * as what it is (a number, an amount, a share, a length of time, a moment in a branch's zone).
 */
export type ReportCell =
  | { kind: 'text'; value: string }
  | { kind: 'count'; value: number }
  | { kind: 'rupiah'; value: number }
  /** A fraction 0..1 shown as a percentage. */
  | { kind: 'rate'; value: number | null }
  /** A mean survey rating out of 5. */
  | { kind: 'rating'; value: number | null }
  | { kind: 'duration'; seconds: number | null }
  | { kind: 'dateTime'; iso: string | null; timeZone: TimeZone };

/** A report table as the screen shows it and both downloads write it. */
export interface ReportTable {
  headers: string[];
  rows: ReportCell[][];
}

/** One column of a table of records: its header and the value it shows of each record. */
export interface ReportColumn<Row> {
  key: string;
  header: string;
  cell: (row: Row) => ReportCell;
}

export const tableOf = <Row>(columns: readonly ReportColumn<Row>[], rows: readonly Row[]): ReportTable => ({
  headers: columns.map((column) => column.header),
  rows: rows.map((row) => columns.map((column) => column.cell(row))),
});

const none = '—';
const numberFormats = { id: new Intl.NumberFormat('id-ID'), en: new Intl.NumberFormat('en-GB') };
const percentFormats = {
  id: new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }),
};
const ratingFormats = {
  id: new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

/** A value as the screen shows it, and the CSV writes it. */
export function formatCell(cell: ReportCell, locale: Locale): string {
  switch (cell.kind) {
    case 'text':
      return cell.value;
    case 'count':
      return numberFormats[locale].format(cell.value);
    case 'rupiah':
      return formatRupiah(cell.value, locale);
    case 'rate':
      return cell.value === null ? none : percentFormats[locale].format(cell.value);
    case 'rating':
      return cell.value === null ? none : `${ratingFormats[locale].format(cell.value)} / 5`;
    case 'duration':
      return cell.seconds === null ? none : formatDuration(cell.seconds, locale);
    case 'dateTime':
      return formatDateTime(cell.iso, cell.timeZone, locale);
  }
}

/** The header and the rows as text, as the screen shows them: what the CSV holds. */
export const toTextRows = (table: ReportTable, locale: Locale): string[][] => [
  table.headers,
  ...table.rows.map((row) => row.map((cell) => formatCell(cell, locale))),
];

/** The columns of a drill-down: the screen's table and both of its downloads. */
export function drillDownColumns(
  t: TFunction,
  zoneOf: (branchId: string | null) => TimeZone,
): ReportColumn<WorkOrderSummary>[] {
  return [
    { key: 'number', header: t('reports.table.number'), cell: (order) => ({ kind: 'text', value: order.number }) },
    {
      key: 'customer',
      header: t('reports.table.customer'),
      cell: (order) => ({ kind: 'text', value: order.customer.name }),
    },
    {
      key: 'status',
      header: t('reports.table.status'),
      cell: (order) => ({ kind: 'text', value: t(`status.${order.status}`) }),
    },
    {
      key: 'created',
      header: t('reports.table.created'),
      cell: (order) => ({ kind: 'dateTime', iso: order.createdAt, timeZone: zoneOf(order.branchId) }),
    },
    {
      key: 'due',
      header: t('reports.table.due'),
      cell: (order) => ({ kind: 'dateTime', iso: order.slaDueAt, timeZone: zoneOf(order.branchId) }),
    },
  ];
}

/** A figure of the cards: its text key and value, and the row it is in the figures' table. */
export interface ReportFigure {
  key: string;
  cell: ReportCell;
}

/** The figures' table: what the period and branch are, then each figure as the cards show it. */
export function figuresTable(
  t: TFunction,
  context: { from: string; to: string; branchName: string; locale: Locale },
  figures: readonly ReportFigure[],
): ReportTable {
  const text = (value: string): ReportCell => ({ kind: 'text', value });
  return {
    headers: [t('reports.csv.figure'), t('reports.csv.value')],
    rows: [
      [
        text(t('reports.csv.period')),
        text(`${formatDate(context.from, context.locale)} – ${formatDate(context.to, context.locale)}`),
      ],
      [text(t('reports.branch')), text(context.branchName)],
      ...figures.map((figure) => [text(t(`reports.kpi.${figure.key}`)), figure.cell]),
    ],
  };
}
