import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSignIn,
  desktopContext,
  launchBrowser,
  mobileContext,
  screenshot,
  screenshotOnFailure,
  signIn,
  startServer,
  type TestServer,
} from './fixtures';
import { call, completeRepair, createAssignedWorkOrder, signInOnPhone } from './technician-data';

/*
 * A technician's working day without a network, as it happens: the phone signs in in the
 * morning, the network goes, the day's steps are done hours apart, and the phone syncs in
 * the afternoon. Both clocks move through the day — the phone's through Playwright's clock,
 * the server's through libfaketime reading a timestamp file — so the server sees the steps
 * arrive hours after they were done, as it would in the field.
 */

const libfaketime = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
const hour = 3_600_000;
const folder = mkdtempSync(join(tmpdir(), 'purnajual-day-'));
const clockFile = join(folder, 'server-clock');
// The morning of this test's day: eight hours before now, whatever the date.
const morning = Date.now() - 8 * hour;

/** Sets the server's clock (libfaketime: `@` starts the clock at that time and lets it run). */
function setServerClock(at: number) {
  writeFileSync(clockFile, `@${new Date(at).toISOString().slice(0, 19).replace('T', ' ')}\n`);
}

interface Detail {
  status: string;
  repairSeconds: number;
  report: { completedAt: string } | null;
  history: { action: string; at: string; receivedAt: string | null; timeAdjusted: boolean }[];
}

/** The server's clock as its `Date` header tells it. */
const serverNow = async () => Date.parse((await fetch(`${server.baseUrl}/healthz`)).headers.get('date') ?? '');

/**
 * Waits until the server runs on the clock just set: libfaketime reads the file again about
 * once a second, later on a busy machine, and a step synced before that would arrive in the
 * morning, before the hour the phone did it.
 */
async function serverClockReaches(at: number) {
  const deadline = Date.now() + 30_000;
  while (Math.abs((await serverNow()) - at) > 10 * 60_000) {
    if (Date.now() > deadline) throw new Error(`the server's clock did not move to ${new Date(at).toISOString()}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  setServerClock(morning);
  server = await startServer({
    LD_PRELOAD: libfaketime,
    // A FAKETIME of the suite's own moved-clock run would win over the file.
    FAKETIME: undefined,
    FAKETIME_TIMESTAMP_FILE: clockFile,
    FAKETIME_CACHE_DURATION: '1',
    TZ: 'UTC',
  });
  browser = await launchBrowser();
  // The scenario means nothing if libfaketime did not take: say so instead of failing later.
  expect(Math.abs((await serverNow()) - morning), 'the server runs on the morning clock (libfaketime)').toBeLessThan(
    10 * 60_000,
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** The step's time as the server recorded it, in hours after the morning. */
const hoursAfterMorning = (iso: string | undefined) => (Date.parse(iso ?? '') - morning) / hour;

describe('a day offline', () => {
  it('records each step at the hour it was done, not at the afternoon sync', async () => {
    const created = await createAssignedWorkOrder(server.baseUrl, {
      technicianNo: '50003',
      customerName: 'Bapak Hendra Gunawan',
      accept: true,
    });
    const context = await mobileContext(browser, server.baseUrl);
    await context.clock.install({ time: morning });
    const page = await context.newPage();
    screenshotOnFailure(page, 'technician-offline-day');
    await signInOnPhone(page, '50003');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await page.goto(`/m/work-orders/${created.id}`);
    await page.getByRole('heading', { name: 'Riwayat' }).waitFor();

    await context.setOffline(true);
    await context.clock.setSystemTime(morning + 1 * hour);
    await page.getByRole('button', { name: 'Berangkat' }).click();
    await context.clock.setSystemTime(morning + 2 * hour);
    await page.getByRole('button', { name: 'Mulai perbaikan' }).click();
    await context.clock.setSystemTime(morning + 3.5 * hour);
    await completeRepair(page);
    // The three steps wait on the phone: none of them reached the server live.
    await page
      .getByRole('link', { name: /Menunggu sinkron/ })
      .first()
      .waitFor();

    // The afternoon: the phone finds a network again, four hours after the morning.
    setServerClock(morning + 4 * hour);
    await serverClockReaches(morning + 4 * hour);
    await context.clock.setSystemTime(morning + 4 * hour);
    await context.setOffline(false);
    await page.getByRole('link', { name: /Menunggu sinkron/ }).waitFor({ state: 'detached', timeout: 60_000 });

    const technician = await apiSignIn(server.baseUrl, '50003');
    const detail = await call<Detail>(server.baseUrl, technician, 'GET', `/api/v1/work-orders/${created.id}`);
    expect(detail.status).toBe('completed');
    const step = (action: string) => hoursAfterMorning(detail.history.find((entry) => entry.action === action)?.at);
    const received = detail.history.filter((entry) => entry.receivedAt !== null);
    // The three steps were recorded offline and arrived together at the afternoon sync...
    expect(
      received.map((entry) => [entry.action, entry.timeAdjusted]),
      JSON.stringify({ morning: new Date(morning), history: detail.history }),
    ).toEqual([
      ['depart', false],
      ['start', false],
      ['complete', false],
    ]);
    for (const entry of received) expect(hoursAfterMorning(entry.receivedAt ?? undefined)).toBeGreaterThan(3.99);
    // ...yet each keeps its hour: an hour from departure to start, an hour and a half of
    // repair, completed well before the sync (within a minute: the page takes its moments).
    expect(step('start') - step('depart')).toBeCloseTo(1, 1);
    expect(step('complete') - step('start')).toBeCloseTo(1.5, 1);
    expect(step('complete')).toBeLessThan(3.6);
    expect(hoursAfterMorning(detail.report?.completedAt)).toBeCloseTo(step('complete'), 2);
    expect(Math.abs(detail.repairSeconds - 1.5 * 3600)).toBeLessThan(120);

    // The office reads on the detail that the steps were recorded offline.
    const office = await desktopContext(browser, server.baseUrl);
    const officePage = await office.newPage();
    await signIn(officePage, '20001');
    await officePage.getByRole('heading', { name: 'Papan order kerja' }).waitFor();
    await officePage.goto(`/work-orders/${created.id}`);
    await officePage
      .getByText(/Dicatat offline di ponsel/)
      .first()
      .waitFor();
    expect(await officePage.getByText(/Dicatat offline di ponsel/).count()).toBeGreaterThanOrEqual(3);
    await screenshot(officePage, 'console-offline-history');
    await office.close();
    await context.close();
  });
});
