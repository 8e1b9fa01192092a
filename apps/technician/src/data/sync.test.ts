import 'fake-indexeddb/auto';
import { en, id } from '@purnajual/client';
import { createInstance } from 'i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { at, detail, json, problem, summary, uuid } from '../../../../test/fixtures';
import { recordServerTime } from './clock-offset';
import { clearLocalData, db } from './db';
import { queueNotificationRead, queuePayment, queueTransition } from './queue';
import { rejectionMessage } from './rejection';
import { drainQueue, pullWorkOrders, refreshWorkOrder, storedWorkOrderLimit, storeServerWorkOrder } from './sync';

beforeEach(async () => {
  await clearLocalData();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the phone’s store of work orders', () => {
  it('keeps the technician’s 1,000 most recent work orders, reading them 200 at a time', async () => {
    const requested: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      requested.push(url);
      const page = requested.length - 1;
      // A server with more work orders than the phone keeps: there is always a next page.
      const items = Array.from({ length: 200 }, (_, i) => summary(page * 200 + i + 1));
      return json(200, { items, nextCursor: `page-${page + 1}` });
    });
    await pullWorkOrders();
    expect(requested).toHaveLength(storedWorkOrderLimit / 200);
    expect(requested[1]).toContain('cursor=page-1');
    expect(await db.workOrders.count()).toBe(storedWorkOrderLimit);
  });

  it('drops what the server no longer lists but keeps a work order with changes still to send', async () => {
    await db.workOrders.bulkPut([1, 2, 3].map((n) => ({ ...summary(n), syncedAt: at })));
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('offline');
    });
    await queueTransition({ ...summary(2, { status: 'accepted' }), syncedAt: at }, { action: 'start' }, uuid(0));
    await drainQueue();
    vi.stubGlobal('fetch', async () => json(200, { items: [summary(1, { status: 'scheduled' })], nextCursor: null }));
    await pullWorkOrders();
    const kept = await db.workOrders.toArray();
    expect(kept.map((item) => [item.number, item.status])).toEqual([
      ['WO-2611-000001', 'scheduled'],
      ['WO-2611-000002', 'in_progress'],
    ]);
  });
  it('does not put back what a list read before a change said, when the answer to the change came first', async () => {
    await db.workOrders.put({ ...summary(1, { status: 'accepted' }), syncedAt: at });
    // The list is read while the technician starts the repair; its answer, from before
    // the start, arrives last (a slow network, a long list).
    let answerList: (response: Response) => void = () => undefined;
    const readList = vi.fn(() => new Promise<Response>((resolve) => (answerList = resolve)));
    vi.stubGlobal('fetch', readList);
    const pulling = pullWorkOrders();
    await vi.waitFor(() => expect(readList).toHaveBeenCalled());
    await storeServerWorkOrder(summary(1, { status: 'in_progress' }));
    answerList(json(200, { items: [summary(1, { status: 'accepted' }), summary(2)], nextCursor: null }));
    await pulling;
    expect((await db.workOrders.get(uuid(1)))?.status).toBe('in_progress');
    expect((await db.workOrders.get(uuid(2)))?.status).toBe('assigned');
  });

  it('keeps a detail read while the list arrived, under the list’s newer fields', async () => {
    // A new phone: right after sign-in the bill is opened while the list is still being read.
    let answerDetail: (response: Response) => void = () => undefined;
    const server = vi.fn((url: string) =>
      url.startsWith(`/api/v1/work-orders/${uuid(1)}`)
        ? new Promise<Response>((resolve) => (answerDetail = resolve))
        : Promise.resolve(json(200, { items: [summary(1, { status: 'accepted', version: 2 })], nextCursor: null })),
    );
    vi.stubGlobal('fetch', server);
    const reading = refreshWorkOrder(uuid(1));
    await vi.waitFor(() => expect(server).toHaveBeenCalled());
    await pullWorkOrders();
    answerDetail(json(200, detail(1, { status: 'assigned', version: 1 })));
    await reading;
    expect(await db.details.get(uuid(1))).toMatchObject({
      status: 'accepted',
      version: 2,
      customer: { areaName: 'Mampang Prapatan' },
      billing: { priceList: { laborOptions: [150_000] } },
    });
    expect((await db.workOrders.get(uuid(1)))?.status).toBe('accepted');
  });
});

describe('the offline queue', () => {
  it('sends changes oldest first, each with its own key; a refusal is kept with its reason and the rest still go', async () => {
    await db.workOrders.bulkPut([1, 2].map((n) => ({ ...summary(n, { status: 'accepted' }), syncedAt: at })));
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('offline');
    });
    const first = await db.workOrders.get(uuid(1));
    const second = await db.workOrders.get(uuid(2));
    if (!first || !second) throw new Error('fixture missing');
    await queueTransition(first, { action: 'depart' }, uuid(0));
    await queueTransition(second, { action: 'depart' }, uuid(0));
    await queueNotificationRead(uuid(900));
    // Let the attempts each change starts on its own finish (they fail: no network).
    await drainQueue();
    expect(await db.queue.where('state').equals('pending').count()).toBe(3);
    // Offline, nothing left the phone and the phone already shows the departures.
    expect((await db.workOrders.get(uuid(1)))?.status).toBe('en_route');

    const sent: { url: string; key: string | null }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      const key = new Headers(init.headers).get('idempotency-key');
      if (init.method === 'GET') return problem(404, 'not_found', 'Work order not found');
      sent.push({ url, key });
      if (url.includes(uuid(1))) return problem(409, 'invalid_transition', 'The work order was cancelled');
      return url.includes('/read') ? new Response(null, { status: 204 }) : json(200, {});
    });
    await drainQueue();
    expect(sent.map((request) => request.url)).toEqual([
      `/api/v1/work-orders/${uuid(1)}/transitions`,
      `/api/v1/work-orders/${uuid(2)}/transitions`,
      `/api/v1/notifications/${uuid(900)}/read`,
    ]);
    expect(new Set(sent.map((request) => request.key)).size).toBe(3);
    const left = await db.queue.toArray();
    expect(left).toEqual([
      expect.objectContaining({
        state: 'rejected',
        label: 'depart',
        workOrderId: uuid(1),
        rejection: { status: 409, code: 'invalid_transition', detail: 'The work order was cancelled' },
      }),
    ]);
  });

  it('sends a step done offline with the time it was done and the clock offset of the last answer', async () => {
    // The last answer before the network went: the server's clock 2 minutes ahead of the phone's.
    const phoneNow = new Date();
    const asked = new Date(phoneNow.getTime() - 200);
    recordServerTime(new Date(phoneNow.getTime() + 120_000).toUTCString(), asked, phoneNow);
    // An answer that took minutes says nothing reliable about the server's clock: ignored.
    recordServerTime(new Date(phoneNow.getTime() + 3_600_000).toUTCString(), new Date(phoneNow.getTime() - 120_000));
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('offline');
    });
    await db.workOrders.put({ ...summary(3, { status: 'accepted' }), syncedAt: at });
    const order = await db.workOrders.get(uuid(3));
    if (!order) throw new Error('fixture missing');
    await queueTransition(order, { action: 'start' }, uuid(0));
    await queueNotificationRead(uuid(903));
    await drainQueue();
    const queued = await db.queue.orderBy('seq').toArray();

    const bodies: unknown[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      if (init.method === 'GET') return problem(404, 'not_found', 'Work order not found');
      bodies.push(init.body === null ? null : JSON.parse(String(init.body)));
      return new Response(null, { status: 204 });
    });
    await drainQueue();
    const expectedOffset = new Date(phoneNow.getTime() + 120_000).setMilliseconds(0) + 500 - (phoneNow.getTime() - 100);
    expect(bodies).toEqual([
      { action: 'start', occurredAt: queued[0]?.createdAt, clockOffsetMs: expectedOffset },
      // A notification read is not a step of the repair: no time of its own.
      null,
    ]);
  });

  it('keeps a payment refused for want of the customer’s approval as refused, says why, and sends it once', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('offline');
    });
    await queuePayment(uuid(4), { method: 'cash', amount: 166_500 });
    await drainQueue();

    const sent: string[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      if (init.method === 'GET') return problem(404, 'not_found', 'Work order not found');
      sent.push(url);
      return problem(409, 'approval_required', 'The customer has not approved the bill yet');
    });
    await drainQueue();
    await drainQueue();
    expect(sent).toEqual([`/api/v1/work-orders/${uuid(4)}/payments`]);
    const [refused] = await db.queue.toArray();
    expect(refused).toMatchObject({ state: 'rejected', label: 'payment', rejection: { status: 409 } });
    if (!refused) throw new Error('the refused payment left the queue');
    for (const [language, resources] of [
      ['id', id],
      ['en', en],
    ] as const) {
      const i18n = createInstance();
      await i18n.init({ lng: language, resources: { [language]: { translation: resources } } });
      expect(rejectionMessage(refused, undefined, i18n.t)).toBe(resources.tech.sync.reason.approvalRequired);
    }
  });

  it('stops at a network failure and resends the same change with the same key later', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('offline');
    });
    await queueNotificationRead(uuid(901));
    await queueNotificationRead(uuid(902));
    await drainQueue();
    const keys = (await db.queue.orderBy('seq').toArray()).map((change) => change.idempotencyKey);
    expect(keys).toHaveLength(2);

    const sent: (string | null)[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      sent.push(new Headers(init.headers).get('idempotency-key'));
      return new Response(null, { status: 204 });
    });
    await drainQueue();
    expect(sent).toEqual(keys);
    expect(await db.queue.count()).toBe(0);
  });
  it('keeps a change whose first send is still being answered (a reload mid-sync) and sends it again later', async () => {
    await queueNotificationRead(uuid(903));
    vi.stubGlobal('fetch', async () => problem(409, 'request_in_progress', 'Still being processed'));
    await drainQueue();
    expect(await db.queue.toArray()).toEqual([expect.objectContaining({ state: 'pending', label: 'read' })]);
    vi.stubGlobal('fetch', async () => new Response(null, { status: 204 }));
    await drainQueue();
    expect(await db.queue.count()).toBe(0);
  });

  it('is sent by one tab at a time: each change once, in order, however many tabs try', async () => {
    // The Web Locks API, as the tabs of one origin share it: one holder at a time, in turn.
    let turn = Promise.resolve();
    const locks = {
      request: (_name: string, run: () => Promise<void>) => {
        const mine = turn.then(run);
        turn = mine.catch(() => undefined);
        return mine;
      },
    };
    vi.stubGlobal('navigator', { locks });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('offline');
    });
    for (const n of [904, 905, 906]) await queueNotificationRead(uuid(n));
    const queued = (await db.queue.orderBy('seq').toArray()).map((change) => change.idempotencyKey);
    // The server as it answers a key: once, and "still in progress" to a second send meanwhile.
    const answered = new Set<string>();
    const inFlight = new Set<string>();
    const sent: string[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      const key = new Headers(init.headers).get('idempotency-key') ?? '';
      sent.push(key);
      if (inFlight.has(key)) return problem(409, 'request_in_progress', 'Still being processed');
      inFlight.add(key);
      await new Promise((done) => setTimeout(done, 10));
      inFlight.delete(key);
      answered.add(key);
      return new Response(null, { status: 204 });
    });
    // A second tab: the same stored queue, its own copy of the code.
    vi.resetModules();
    const otherTab = await import('./sync');
    await Promise.all([drainQueue(), otherTab.drainQueue(), drainQueue()]);
    expect(sent).toEqual(queued);
    expect([...answered]).toEqual(queued);
    expect(await db.queue.count()).toBe(0);
  });
});
