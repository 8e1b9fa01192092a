import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { problem, uuid } from '../../../../test/fixtures';
import { clearLocalData, db } from './db';
import { startLiveSync } from './live';
import { queueNotificationRead } from './queue';
import { drainQueue } from './sync';

/** An event stream that never opens: the retries under test are the ones that need no stream. */
class SilentEventSource {
  static readonly CLOSED = 2;
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  addEventListener() {}
  close() {}
}

/** The page: its `online` event, and the interval timer the test moves (see `vi.useFakeTimers`). */
const page = new EventTarget();

/** The changes that reached the server, by path; every read is refused as if the server were busy. */
function serverUp() {
  const sent: string[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (init.method === 'GET') return problem(503, 'service_unavailable', 'Busy');
    sent.push(url);
    return new Response(null, { status: 204 });
  });
  return sent;
}

const readOf = (n: number) => `/api/v1/notifications/${uuid(n)}/read`;
let stop = () => {};

beforeEach(async () => {
  await clearLocalData();
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  vi.stubGlobal('EventSource', SilentEventSource);
  vi.stubGlobal(
    'window',
    Object.assign(page, {
      setInterval: (run: () => void, ms: number) => setInterval(run, ms),
      clearInterval: (handle: number) => clearInterval(handle),
    }),
  );
  vi.stubGlobal('fetch', async () => {
    throw new TypeError('Failed to fetch');
  });
  await queueNotificationRead(uuid(901));
  await drainQueue();
});

afterEach(() => {
  stop();
  stop = () => {};
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const handlers = { onStatus: () => undefined, onNotification: () => undefined };

describe('the queue with the app open and no stream', () => {
  it('is tried again every 20 seconds while changes wait, with nothing for the technician to do', async () => {
    stop = startLiveSync(uuid(0), handlers);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await db.queue.count()).toBe(1);
    const sent = serverUp();
    await vi.advanceTimersByTimeAsync(19_000);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(async () => expect(await db.queue.count()).toBe(0));
    expect(sent).toEqual([readOf(901)]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toEqual([readOf(901)]);
  });

  it('is not tried again for a change the server refused', async () => {
    const refused: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      refused.push(url);
      return problem(404, 'not_found', 'Notification not found');
    });
    await drainQueue();
    stop = startLiveSync(uuid(0), handlers);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(refused).toEqual([readOf(901)]);
    expect(await db.queue.toArray()).toEqual([expect.objectContaining({ state: 'rejected' })]);
  });

  it('is sent as soon as the phone is back online', async () => {
    stop = startLiveSync(uuid(0), handlers);
    const sent = serverUp();
    page.dispatchEvent(new Event('online'));
    await vi.waitFor(async () => expect(await db.queue.count()).toBe(0));
    expect(sent).toEqual([readOf(901)]);
  });

  it('stops retrying once the app stops syncing (signed out)', async () => {
    startLiveSync(uuid(0), handlers)();
    const sent = serverUp();
    page.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toEqual([]);
    expect(await db.queue.count()).toBe(1);
  });
});
