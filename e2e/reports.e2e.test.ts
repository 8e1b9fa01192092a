import { readFileSync } from 'node:fs';
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

/** RFC 4180 rows, as the console writes them (no line breaks inside the fields here). */
const csvRows = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) =>
      [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)]
        .map((m) => (m[1] ?? '').replace(/^"|"$/g, '').replaceAll('""', '"'))
        .slice(0, -1),
    );

describe('reports screen of the console', () => {
  it('shows a supervisor the figures of this month, a chart, the work orders behind a figure and CSVs', async () => {
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
    for (;;) {
      const more = table.getByRole('button', { name: 'Muat lagi' });
      await expect.poll(() => rows.count()).toBeGreaterThan(0);
      if (!(await more.isVisible())) break;
      await more.click();
    }
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

    // The CSV of the figures holds what the cards show.
    const [figures] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh angka (CSV)' }).click(),
    ]);
    const figureRows = csvRows(readFileSync(await figures.path(), 'utf8'));
    expect(figureRows).toContainEqual(['Diterima', count.format(kpis.body.received)]);
    expect(figureRows).toContainEqual(['Lewat SLA', count.format(kpis.body.overdue)]);

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
