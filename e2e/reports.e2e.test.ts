import { readFileSync } from 'node:fs';
import { type CellValue, readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import {
  apiSignIn,
  desktopContext,
  screenshot,
  screenshotOnFailure,
  seriousAccessibilityViolations,
  setUpJourneys,
  signIn,
} from './fixtures';

const journey = setUpJourneys();

interface Kpis {
  received: number;
  completed: number;
  open: number;
  overdue: number;
}
interface WorkOrderPage {
  items: { number: string }[];
  nextCursor: string | null;
}
interface SlaItem {
  id: string;
  number: string;
  slaDueAt: string;
  version: number;
  customer: { name: string };
  slaBreachedAt: string | null;
}
interface SlaBoard {
  atRisk: SlaItem[];
  breached: SlaItem[];
}

const zoneLabels: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** The zone label of the signed-in supervisor's branch, which every time on their screens is in. */
async function branchZoneLabel(token: string) {
  const me = await journey.api<{ branchId: string }>('/api/v1/me', token);
  const branches = await journey.api<{ items: { id: string; timeZone: string }[] }>('/api/v1/branches', token);
  const zone = branches.body.items.find((branch) => branch.id === me.body.branchId)?.timeZone ?? '';
  return zoneLabels[zone] ?? '';
}

/**
 * A cell read back from the XLSX as the screen would show it: a date cell holds the branch's
 * wall clock (to the minute; the float of a spreadsheet date is rounded back to the second).
 */
const wallClock = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const asShown = (cell: CellValue | null, zoneLabel: string) =>
  cell instanceof Date
    ? `${wallClock.format(new Date(Math.round(cell.getTime() / 1000) * 1000))} ${zoneLabel}`
    : String(cell);

/** Every work order behind a figure, page after page. */
async function drillDownNumbers(token: string, query: string) {
  const numbers: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: WorkOrderPage } = await journey.api<WorkOrderPage>(
      `/api/v1/reports/kpis/work-orders?${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      token,
    );
    expect(page.status).toBe(200);
    numbers.push(...page.body.items.map((item) => item.number));
    cursor = page.body.nextCursor;
  } while (cursor);
  return numbers;
}

/** RFC 4180 rows separated by ;, as the console writes them in Indonesian (no line breaks inside the fields here). */
const csvRows = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) =>
      [...line.matchAll(/("([^"]|"")*"|[^;]*)(;|$)/g)]
        .map((m) => (m[1] ?? '').replace(/^"|"$/g, '').replaceAll('""', '"'))
        .slice(0, -1),
    );

describe('reports screen of the console', () => {
  it('shows a supervisor the figures of this month, a chart, the work orders behind a figure, CSVs and XLSXs', async () => {
    const supervisor = await apiSignIn(journey.server.baseUrl, '30001');
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'console-reports');
    await signIn(page, '30001');
    await page.getByRole('link', { name: 'Laporan' }).click();
    await page.getByRole('heading', { name: 'Laporan', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/reports');

    // The supervisor's branch is fixed; the period is this month so far.
    await expect(page.getByRole('combobox', { name: 'Cabang' }).isDisabled()).resolves.toBe(true);
    const from = await page.getByLabel('Dari tanggal').inputValue();
    const to = await page.getByLabel('Sampai tanggal').inputValue();
    expect(from).toMatch(/^\d{4}-\d{2}-01$/);
    const period = `from=${from}&to=${to}`;
    const kpis = await journey.api<Kpis>(`/api/v1/reports/kpis?${period}`, supervisor);
    expect(kpis.status).toBe(200);

    const figure = (key: string) => page.getByTestId(`kpi-${key}`).getByTestId('kpi-value');
    const count = new Intl.NumberFormat('id-ID');
    for (const key of ['received', 'completed', 'open', 'overdue'] as const) {
      await expect.poll(() => figure(key).textContent()).toBe(count.format(kpis.body[key]));
    }
    await expect(figure('revenue').textContent()).resolves.toMatch(/^Rp/);

    const chart = page.getByRole('region', { name: 'Order per hari' });
    await chart.locator('svg.recharts-surface').first().waitFor();
    await screenshot(page, 'console-reports');

    // The work orders received in the period, as the API lists them.
    await page.getByTestId('kpi-received').click();
    const numbers = await drillDownNumbers(supervisor, `kpi=received&${period}`);
    expect(numbers.length).toBe(kpis.body.received);
    const table = page.getByRole('region', { name: 'Order diterima' });
    const rows = table.getByTestId('drill-down-row');
    // Page until every row is shown; each click must add rows before the next one.
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    let shownRows = await rows.count();
    while (shownRows < numbers.length) {
      const before = shownRows;
      await table.getByRole('button', { name: 'Muat lagi' }).click();
      await expect.poll(() => rows.count()).toBeGreaterThan(before);
      shownRows = await rows.count();
    }
    await expect(table.getByRole('button', { name: 'Muat lagi' }).count()).resolves.toBe(0);
    await expect.poll(() => rows.count()).toBe(numbers.length);
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
    );
    expect(shown.map((cells) => cells[0])).toEqual(numbers);
    const first = table.getByRole('link', { name: numbers[0] ?? '' });
    expect(await first.getAttribute('href')).toMatch(/^\/work-orders\//);
    await table.getByRole('heading', { name: 'Order diterima' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'console-reports-drill-down');

    // The CSV of the table: a UTF-8 byte order mark, a header and the rows as shown.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      table.getByRole('button', { name: 'Unduh tabel (CSV)' }).click(),
    ]);
    const path = await download.path();
    const csv = readFileSync(path, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...lines] = csvRows(csv);
    expect(header).toEqual(['No. order', 'Pelanggan', 'Status', 'Dibuat', 'Batas SLA']);
    expect(lines).toEqual(shown);

    // The XLSX of the same table, read back as a spreadsheet: the same rows, dates as real dates.
    const [workbook] = await Promise.all([
      page.waitForEvent('download'),
      table.getByRole('button', { name: 'Unduh tabel (XLSX)' }).click(),
    ]);
    expect(workbook.suggestedFilename()).toBe(`received-${from}-${to}.xlsx`);
    const [sheetHeader, ...sheetRows] = await readSheet(await workbook.path());
    expect(sheetHeader).toEqual(['No. order', 'Pelanggan', 'Status', 'Dibuat', 'Batas SLA']);
    expect(sheetRows.every((row) => row[3] instanceof Date && row[4] instanceof Date)).toBe(true);
    const zoneLabel = await branchZoneLabel(supervisor);
    expect(sheetRows.map((row) => row.map((cell) => asShown(cell, zoneLabel)))).toEqual(shown);

    // The CSV of the figures holds what the cards show.
    const [figures] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh angka (CSV)' }).click(),
    ]);
    const figureRows = csvRows(readFileSync(await figures.path(), 'utf8'));
    expect(figureRows).toContainEqual(['Diterima', count.format(kpis.body.received)]);
    expect(figureRows).toContainEqual(['Lewat SLA', count.format(kpis.body.overdue)]);
    const [figuresWorkbook] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh angka (XLSX)' }).click(),
    ]);
    const figureSheet = await readSheet(await figuresWorkbook.path());
    expect(figureSheet.map((row) => row[0])).toEqual(figureRows.map((row) => row[0]));
    expect(figureSheet).toContainEqual(['Diterima', kpis.body.received]);
    expect(figureSheet).toContainEqual(['Lewat SLA', kpis.body.overdue]);

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  it("starts the period on the branch's own first of the month, not the browser's", async () => {
    // 22:30 WIB on 30 November in the browser is already 00:30 WIT on 1 December in Jayapura.
    const context = await desktopContext(journey.browser, journey.server.baseUrl, { timezoneId: 'Asia/Jakarta' });
    await context.clock.setFixedTime(new Date('2026-11-30T15:30:00.000Z'));
    const page = await context.newPage();
    await signIn(page, '10001');
    await page.getByRole('link', { name: 'Laporan' }).click();
    await page.getByRole('heading', { name: 'Laporan', level: 1 }).waitFor();
    const from = page.getByLabel('Dari tanggal');
    const to = page.getByLabel('Sampai tanggal');
    // All branches, and the admin has none of their own: WIB, where it is still November.
    await expect.poll(() => from.inputValue()).toBe('2026-11-01');
    await expect(to.inputValue()).resolves.toBe('2026-11-30');
    await page.getByRole('combobox', { name: 'Cabang', exact: true }).click();
    await page.getByRole('option', { name: 'Cabang Jayapura' }).click();
    await expect.poll(() => from.inputValue()).toBe('2026-12-01');
    await expect(to.inputValue()).resolves.toBe('2026-12-01');
    await context.close();
  });

  it('lists on the board the work orders past their SLA and at risk, live, each opening its work order', async () => {
    const supervisor = await apiSignIn(journey.server.baseUrl, '30001');
    // The server's first SLA check at start flags the breaches of the demo's old work orders.
    let sla: SlaBoard = { atRisk: [], breached: [] };
    await expect
      .poll(async () => {
        sla = (await journey.api<SlaBoard>('/api/v1/reports/sla', supervisor)).body;
        return sla.breached.filter((item) => item.slaBreachedAt !== null).length;
      })
      .toBeGreaterThan(1);
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'console-board-sla');
    const opened = Date.now();
    await signIn(page, '30001');
    await page.getByRole('heading', { name: 'Papan order kerja', level: 1 }).waitFor();

    const breached = page.getByRole('list', { name: 'Lewat SLA', exact: true }).getByRole('link');
    const numbersIn = async (links: typeof breached) =>
      (await links.allTextContents()).map((text) => text.match(/WO-\d{4}-\d{6}/)?.[0] ?? text);
    await breached.first().waitFor();
    const shown = await numbersIn(breached);
    // The API answers a moment after the screen asked: only work orders that fell due since may differ.
    sla = (await journey.api<SlaBoard>('/api/v1/reports/sla', supervisor)).body;
    const dueBefore = sla.breached.filter((item) => Date.parse(item.slaDueAt) < opened).map((item) => item.number);
    expect(shown.slice(0, dueBefore.length)).toEqual(dueBefore);
    expect(sla.breached.map((item) => item.number)).toEqual(expect.arrayContaining(shown));
    await expect(breached.first().textContent()).resolves.toMatch(/terlambat \d/);
    const atRisk = await numbersIn(page.getByRole('list', { name: 'Berisiko lewat SLA' }).getByRole('link'));
    expect([...sla.atRisk, ...sla.breached].map((item) => item.number)).toEqual(expect.arrayContaining(atRisk));
    await expect(page.getByTestId('sla-at-risk-count').textContent()).resolves.toBe(String(atRisk.length));
    await screenshot(page, 'console-board-sla');

    // Another office user cancels one: the list drops it without a reload.
    const [kept, cancelled] = sla.breached.filter((item) => item.slaBreachedAt !== null);
    if (!kept || !cancelled) throw new Error('the demo has fewer than two flagged breaches');
    const cancel = await journey.api(`/api/v1/work-orders/${cancelled.id}/transitions`, supervisor, {
      action: 'cancel',
      reason: 'Pelanggan membatalkan',
      version: cancelled.version,
    });
    expect(cancel.status).toBe(200);
    await expect.poll(() => numbersIn(breached)).not.toContain(cancelled.number);

    // Each opens its work order, which says the SLA was missed.
    await page
      .getByRole('list', { name: 'Lewat SLA', exact: true })
      .getByRole('link', { name: new RegExp(kept.number) })
      .click();
    await page.getByRole('heading', { name: kept.number, level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/work-orders/${kept.id}`);
    await page.getByText('SLA terlewat').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goBack();
    await page.getByRole('list', { name: 'Lewat SLA', exact: true }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
