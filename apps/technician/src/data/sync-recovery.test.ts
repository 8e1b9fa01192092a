import 'fake-indexeddb/auto';
import type { WorkOrderStatus } from '@purnajual/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { at, detail, json, problem, summary, uuid } from '../../../../test/fixtures';
import { clearLocalData, db, type StoredWorkOrder } from './db';
import { dismissRejected, queueNotificationRead, queueTransition } from './queue';
import { drainQueue } from './sync';

/** What reached the server: one line per change sent, reads left out. */
interface Sent {
  path: string;
  key: string | null;
  action: unknown;
}

/**
 * A server that answers each change with `answer` and each read of a work order with its
 * detail in `statusOf`'s status (what the office made of it meanwhile).
 */
function server(answer: (sent: Sent) => Response | Promise<Response>, statusOf = (): WorkOrderStatus => 'accepted') {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const n = Number.parseInt(url.split('/')[4]?.slice(4, 8) ?? '0', 16);
    if (init.method === 'GET') return json(200, detail(n, { status: statusOf() }));
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : null;
    const change = { path: url, key: new Headers(init.headers).get('idempotency-key'), action: body?.action };
    sent.push(change);
    return answer(change);
  });
  return sent;
}

const offline = () =>
  vi.stubGlobal('fetch', async () => {
    throw new TypeError('Failed to fetch');
  });

const stored = async (n: number): Promise<StoredWorkOrder> => {
  const order = await db.workOrders.get(uuid(n));
  if (!order) throw new Error(`work order ${n} is not on the phone`);
  return order;
};

/** Three steps done with no network on two work orders, in this order. */
async function workDoneOffline() {
  await db.workOrders.bulkPut([1, 2].map((n) => ({ ...summary(n, { status: 'accepted' }), syncedAt: at })));
  offline();
  await queueTransition(await stored(1), { action: 'depart' }, uuid(0));
  await queueTransition(await stored(2), { action: 'depart' }, uuid(0));
  await queueTransition(await stored(1), { action: 'start' }, uuid(0));
  await drainQueue();
  return (await db.queue.orderBy('seq').toArray()).map((change) => change.idempotencyKey);
}

const transitionsOf = (n: number) => `/api/v1/work-orders/${uuid(n)}/transitions`;
const done = (sent: Sent) => {
  const n = sent.path.includes(uuid(1)) ? 1 : 2;
  return json(200, detail(n, { status: sent.action === 'start' ? 'in_progress' : 'en_route' }));
};

beforeEach(async () => {
  await clearLocalData();
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('the offline queue when the server is back', () => {
  it('sends the steps of several work orders in the order the technician did them', async () => {
    const keys = await workDoneOffline();
    const sent = server(done);
    await drainQueue();
    expect(sent).toEqual([
      { path: transitionsOf(1), key: keys[0], action: 'depart' },
      { path: transitionsOf(2), key: keys[1], action: 'depart' },
      { path: transitionsOf(1), key: keys[2], action: 'start' },
    ]);
    expect(await db.queue.count()).toBe(0);
    expect((await stored(1)).status).toBe('in_progress');
    expect((await stored(2)).status).toBe('en_route');
  });

  for (const [why, status, code] of [
    ['the server is down', 503, 'service_unavailable'],
    ['the session ran out', 401, 'unauthenticated'],
    ['the server asks to slow down', 429, 'rate_limited'],
  ] as const) {
    it(`stops at the first step while ${why}, keeps every step, and resends them under the same keys`, async () => {
      const keys = await workDoneOffline();
      const refused = server(() => problem(status, code, why));
      await drainQueue();
      // Nothing after the first step went ahead of it.
      expect(refused).toEqual([{ path: transitionsOf(1), key: keys[0], action: 'depart' }]);
      const left = await db.queue.orderBy('seq').toArray();
      expect(left.map((change) => [change.label, change.state])).toEqual([
        ['depart', 'pending'],
        ['depart', 'pending'],
        ['start', 'pending'],
      ]);
      // The phone still shows what the technician did.
      expect((await stored(1)).status).toBe('in_progress');

      const sent = server(done);
      await drainQueue();
      expect(sent.map((change) => change.key)).toEqual(keys);
      expect(await db.queue.count()).toBe(0);
    });
  }

  it('keeps a refused step with the reason, goes on with the later ones, and never resends it', async () => {
    const keys = await workDoneOffline();
    // The office cancelled work order 1 meanwhile: both its steps are refused, work order 2's goes.
    const refusal = 'The work order is cancelled';
    const sent = server(
      (change) => (change.path.includes(uuid(1)) ? problem(409, 'invalid_transition', refusal) : done(change)),
      () => 'cancelled',
    );
    await drainQueue();
    expect(sent.map((change) => change.key)).toEqual(keys);
    const left = await db.queue.orderBy('seq').toArray();
    expect(left.map((change) => [change.label, change.workOrderId, change.state, change.rejection?.code])).toEqual([
      ['depart', uuid(1), 'rejected', 'invalid_transition'],
      ['start', uuid(1), 'rejected', 'invalid_transition'],
    ]);
    // The phone takes the server's word for the refused work order, not the steps it refused.
    expect((await stored(1)).status).toBe('cancelled');

    const again = server(done);
    await drainQueue();
    expect(again).toEqual([]);
    const [first] = left;
    if (!first?.seq) throw new Error('the refusal left the queue');
    await dismissRejected(first.seq);
    expect((await db.queue.toArray()).map((change) => change.label)).toEqual(['start']);
  });

  it('after a reload mid-sync, sends the same step again under its key and the rest after it', async () => {
    const keys = await workDoneOffline();
    // The first send is on its way when the page reloads; its answer never reaches the page.
    let unload: () => void = () => undefined;
    const hanging = server(
      () =>
        new Promise<Response>((_, fail) => {
          unload = () => fail(new TypeError('Failed to fetch'));
        }),
    );
    const beforeReload = drainQueue();
    await vi.waitFor(() => expect(hanging).toHaveLength(1));

    // The reloaded page: its own copy of the code over the same stored queue.
    vi.resetModules();
    const reloaded = await import('./sync');
    let first = true;
    const sent = server((change) => {
      // The server is still answering the send from before the reload.
      if (first) {
        first = false;
        return problem(409, 'request_in_progress', 'Still being processed');
      }
      return done(change);
    });
    await reloaded.drainQueue();
    expect(sent).toHaveLength(1);
    expect((await db.queue.toArray()).map((change) => change.state)).toEqual(['pending', 'pending', 'pending']);
    await reloaded.drainQueue();
    expect([hanging[0]?.key, ...sent.map((change) => change.key)]).toEqual([keys[0], keys[0], ...keys]);
    expect(await db.queue.count()).toBe(0);
    expect((await stored(1)).status).toBe('in_progress');
    unload();
    await beforeReload;
  });

  it('sends a change made while the last send of the queue was letting go of the tab lock', async () => {
    // The Web Locks API lets go of a lock a moment after the holder is done; the test holds that moment open.
    const lock: { letGo?: () => void; isHeld: boolean } = { isHeld: true };
    const locks = {
      request: async (_name: string, run: () => Promise<void>) => {
        await run();
        if (lock.isHeld) await new Promise<void>((done) => (lock.letGo = done));
      },
    };
    vi.stubGlobal('navigator', { locks });
    const sent = server(() => new Response(null, { status: 204 }));
    const finishing = drainQueue();
    await vi.waitFor(() => expect(lock.letGo).toBeDefined());
    await queueNotificationRead(uuid(907));
    lock.isHeld = false;
    lock.letGo?.();
    await finishing;
    await vi.waitFor(async () => expect(await db.queue.count()).toBe(0));
    expect(sent.map((change) => change.path)).toEqual([`/api/v1/notifications/${uuid(907)}/read`]);
  });
});
