import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearLocalData, db } from './db';
import { fetchServiceReport, storedReportLimits } from './service-report';

const uuid = (n: number) => `0193${n.toString(16).padStart(4, '0')}-0000-7000-8000-000000000000`;

const pdf = (text: string) =>
  new Response(`%PDF-1.7 ${text}`, {
    headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${text}.pdf"` },
  });

beforeEach(async () => {
  await clearLocalData();
  vi.useFakeTimers({ toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the service reports kept on the phone', () => {
  it('hands back the report fetched online when the network is gone, and the fresh one when it is back', async () => {
    vi.stubGlobal('fetch', async () => pdf('WO-2612-000001'));
    const online = await fetchServiceReport(uuid(1), 'WO-2612-000001');
    expect(online.fileName).toBe('WO-2612-000001.pdf');

    vi.stubGlobal('fetch', async () => {
      throw new TypeError('offline');
    });
    const offline = await fetchServiceReport(uuid(1), 'WO-2612-000001');
    expect(offline.fileName).toBe('WO-2612-000001.pdf');
    expect(await offline.pdf.text()).toBe('%PDF-1.7 WO-2612-000001');
    await expect(fetchServiceReport(uuid(2), 'WO-2612-000002')).rejects.toMatchObject({ code: 'network_error' });
  });

  it('does not stand in for a report the server refuses', async () => {
    vi.stubGlobal('fetch', async () => pdf('WO-2612-000001'));
    await fetchServiceReport(uuid(1), 'WO-2612-000001');
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' }), {
          status: 404,
          headers: { 'content-type': 'application/problem+json' },
        }),
    );
    await expect(fetchServiceReport(uuid(1), 'WO-2612-000001')).rejects.toMatchObject({ status: 404 });
  });

  it(`keeps the ${storedReportLimits.count} fetched last, dropping the oldest first`, async () => {
    vi.stubGlobal('fetch', async (url: string) => pdf(url.split('/')[4] ?? ''));
    const count = storedReportLimits.count + 2;
    for (let n = 1; n <= count; n += 1) {
      vi.advanceTimersByTime(1000);
      await fetchServiceReport(uuid(n), `WO-${n}`);
    }
    // Shown again to the first customer: now the most recent.
    vi.advanceTimersByTime(1000);
    await fetchServiceReport(uuid(3), 'WO-3');
    vi.advanceTimersByTime(1000);
    await fetchServiceReport(uuid(count + 1), `WO-${count + 1}`);
    const kept = new Set(await db.reports.toCollection().primaryKeys());
    expect(kept.size).toBe(storedReportLimits.count);
    expect([1, 2, 4].map((n) => kept.has(uuid(n)))).toEqual([false, false, false]);
    expect([3, 5, count, count + 1].map((n) => kept.has(uuid(n)))).toEqual([true, true, true, true]);
  });

  it('keeps no more bytes than allowed: a report with many photos pushes out the oldest', async () => {
    const size = Math.ceil(storedReportLimits.bytes / 2.5);
    vi.stubGlobal(
      'fetch',
      async () => new Response(new Uint8Array(size), { headers: { 'content-type': 'application/pdf' } }),
    );
    for (const n of [1, 2, 3]) {
      vi.advanceTimersByTime(1000);
      await fetchServiceReport(uuid(n), `WO-${n}`);
    }
    expect(await db.reports.toCollection().primaryKeys()).toEqual([uuid(2), uuid(3)]);
    expect((await db.reports.get(uuid(3)))?.fileName).toBe('WO-3.pdf');
  });
});
