import type { PartRequest } from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createCustomer,
  createManualClock,
  createUser,
  createWorkOrder,
} from '../../../test/app';
import { createPart, locationOf, receiveStock, requestParts, transitionRequest } from '../../../test/parts';
import { pushEnv, subscribe, subscriptionsOf } from '../../../test/push';
import { eventually, startPushService, type TestBrowser } from '../../../test/push-service';

/*
 * Pushes reach a push service on 127.0.0.1 as they would reach a browser's: encrypted to
 * the browser's keys (decrypted here as the browser would) and signed with the server's
 * VAPID key.
 */

const env = pushEnv();
const clock = createManualClock();
const t = await buildTestApp({ clock, env });
const { app } = t;
const pushService = await startPushService();
const branch = await createBranch(t, ['31']);
const agent = await createUser(t, 'agent');
const clerk = await createUser(t, 'warehouse', { branchId: branch.id });
const newTechnician = () => createUser(t, 'technician', { branchId: branch.id });

async function assign(technician: { id: string }) {
  const order = await createWorkOrder(t, agent, { customerId: (await createCustomer(t)).id });
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/work-orders/${order.id}/transitions`,
    headers: bearer(agent.token),
    payload: { action: 'assign', technicianId: technician.id },
  });
  expect(response.statusCode).toBe(200);
  return order;
}

const notify = (technician: { id: string }, title: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/notifications',
    headers: bearer(agent.token),
    payload: { title, body: 'Silakan cek aplikasi', technicianIds: [technician.id] },
  });

const titlesAt = (browser: TestBrowser) => pushService.pushesTo(browser).map((push) => push.payload.title);

const pushRows = () => t.database.db.selectFrom('push_message').selectAll().execute();

describe('pushes to the technician', () => {
  it("push an assignment to each of the technician's browsers, urgent, signed with the server's key", async () => {
    const technician = await newTechnician();
    const bystander = await newTechnician();
    const [phone, tablet, other] = [pushService.newBrowser(), pushService.newBrowser(), pushService.newBrowser()];
    for (const browser of [phone, tablet]) expect((await subscribe(t, technician, browser)).statusCode).toBe(204);
    await subscribe(t, bystander, other);

    const order = await assign(technician);
    await eventually(() => titlesAt(phone).length === 1 && titlesAt(tablet).length === 1, 'both pushes');
    for (const browser of [phone, tablet]) {
      const [push] = pushService.pushesTo(browser);
      expect(push?.payload).toEqual({
        title: `Order kerja baru: ${order.number}`,
        body: expect.stringContaining('AC tidak dingin'),
        url: `/m/work-orders/${order.id}`,
        tag: `work-order-${order.id}`,
      });
      expect(push?.vapidKey).toBe(env.VAPID_PUBLIC_KEY);
      expect(push?.headers).toMatchObject({ urgency: 'high', ttl: '86400', 'content-encoding': 'aes128gcm' });
    }
    expect(pushService.pushesTo(other)).toEqual([]);
    await eventually(async () => (await pushRows()).length === 0, 'the outbox emptied once delivered');
  });

  it('push what the office sends, to the notifications screen, at normal urgency', async () => {
    const technician = await newTechnician();
    const phone = pushService.newBrowser();
    await subscribe(t, technician, phone);
    expect((await notify(technician, 'Rapat pagi')).statusCode).toBe(201);
    await eventually(() => titlesAt(phone).length === 1, 'the push');
    const [push] = pushService.pushesTo(phone);
    expect(push?.payload).toMatchObject({ title: 'Rapat pagi', url: '/m/notifications' });
    expect(push?.payload.tag).toMatch(/^notification-/);
    expect(push?.headers.urgency).toBe('normal');
  });

  it('push the answers to a part request: approved, issued, refused', async () => {
    const technician = await newTechnician();
    const phone = pushService.newBrowser();
    await subscribe(t, technician, phone);
    const part = await createPart(t, clerk, { name: 'Kapasitor 35µF', price: 45_000 });
    await receiveStock(t, clerk, await locationOf(t, clerk, branch.id), [{ partId: part.id, quantity: 5 }]);
    const ask = async () =>
      (await requestParts(t, technician, { lines: [{ partId: part.id, quantity: 1 }] })).json<PartRequest>().id;

    const first = await ask();
    expect((await transitionRequest(t, clerk, first, { action: 'approve' })).statusCode).toBe(200);
    expect((await transitionRequest(t, clerk, first, { action: 'issue' })).statusCode).toBe(200);
    const second = await ask();
    const refusal = { action: 'reject', reason: 'Stok untuk proyek lain' };
    expect((await transitionRequest(t, clerk, second, refusal)).statusCode).toBe(200);

    await eventually(() => titlesAt(phone).length === 3, 'three pushes');
    expect(titlesAt(phone)).toEqual([
      'Permintaan suku cadang disetujui',
      'Suku cadang sudah diserahkan',
      'Permintaan suku cadang ditolak',
    ]);
    expect(pushService.pushesTo(phone)[2]?.payload.body).toContain('Stok untuk proyek lain');
    const inbox = await app.inject({ method: 'GET', url: '/api/v1/notifications', headers: bearer(technician.token) });
    expect(inbox.json<{ items: { title: string }[] }>().items[0]?.title).toBe('Permintaan suku cadang ditolak');
  });

  it('forget a browser whose push service answers 410 Gone', async () => {
    const technician = await newTechnician();
    const [gone, kept] = [pushService.newBrowser(), pushService.newBrowser()];
    await subscribe(t, technician, gone);
    await subscribe(t, technician, kept);
    pushService.answerNext(gone, 410);
    await notify(technician, 'Libur nasional');
    await eventually(async () => (await subscriptionsOf(t, technician.id)).length === 1, 'the subscription gone');
    expect(await subscriptionsOf(t, technician.id)).toEqual([kept.endpoint]);

    await notify(technician, 'Stok freon datang');
    await eventually(() => titlesAt(kept).length === 2, 'the second push');
    expect(pushService.attemptsAt(new URL(gone.endpoint).pathname)).toBe(1);
  });

  it('try again later when the push service fails (500), and deliver then', async () => {
    const technician = await newTechnician();
    const phone = pushService.newBrowser();
    await subscribe(t, technician, phone);
    pushService.answerNext(phone, 500, 503);
    await notify(technician, 'Update SOP');
    const path = new URL(phone.endpoint).pathname;
    await eventually(
      async () => (await pushRows())[0]?.status === 'pending' && pushService.attemptsAt(path) === 1,
      'a first failure',
    );
    expect(await pushRows()).toMatchObject([{ attempts: 1, lastError: 'push service answered 500' }]);

    clock.advanceSeconds(61);
    // Until the second failure is recorded, its retry time is not set: moving the clock on
    // before that would put the third attempt two minutes after the move.
    await eventually(async () => {
      const [row] = await pushRows();
      return pushService.attemptsAt(path) === 2 && row?.status === 'pending' && row.attempts === 2;
    }, 'a second attempt after a minute, recorded');
    clock.advanceSeconds(121);
    await eventually(() => titlesAt(phone).length === 1, 'the push after the retries');
    expect(titlesAt(phone)).toEqual(['Update SOP']);
    await eventually(async () => (await pushRows()).length === 0, 'the outbox emptied once delivered');
  });

  it('push nothing to the browsers of a session that signed out', async () => {
    const technician = await newTechnician();
    const phone = pushService.newBrowser();
    await subscribe(t, technician, phone);
    await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(technician.token) });
    await notify(technician, 'Rapat sore');
    const watcher = await newTechnician();
    const watched = pushService.newBrowser();
    await subscribe(t, watcher, watched);
    await notify(watcher, 'Rapat sore');
    await eventually(() => titlesAt(watched).length === 1, 'the later push');
    expect(pushService.attemptsAt(new URL(phone.endpoint).pathname)).toBe(0);
  });
});
