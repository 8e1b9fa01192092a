import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createCustomer,
  createManualClock,
  createUser,
  createWorkOrder,
  problemOf,
} from '../../../test/app';
import { type ReceivedWebhook, startReceiver, until, verifySignature } from '../../../test/integrations';
import { retryDelaysSeconds } from './webhook-dispatcher';

const clock = createManualClock();
const t = await buildTestApp({
  clock,
  env: { WEBHOOK_ALLOW_INSECURE_URLS: 'true', WEBHOOK_POLL_INTERVAL_MS: '50' },
});
const { app, database } = t;
const admin = await createUser(t, 'admin');
const agent = await createUser(t, 'agent');
const customer = await createCustomer(t);
const receiver = await startReceiver();
const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

async function createWebhook(payload: Record<string, unknown>) {
  const response = await app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: bearer(admin.token), payload });
  if (response.statusCode !== 201) throw new Error(`webhook refused: ${response.statusCode} ${response.body}`);
  return response.json<{ id: string; secret: string }>();
}

const webhook = await createWebhook({ url: receiver.url, events: ['work_order.*'], description: 'ERP gudang' });

/** The POSTs the receiver got for a work order's events. */
const receivedFor = (workOrderId: string) =>
  receiver.received.filter((request) => JSON.parse(request.body).data.id === workOrderId);

async function deliveryOf(workOrderId: string) {
  const request = await until(() => receivedFor(workOrderId).length > 0).then(() => receivedFor(workOrderId)[0]);
  const id = String(request?.headers['purnajual-delivery']);
  return database.db.selectFrom('webhook_delivery').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

const deliveryRow = (id: string) =>
  database.db.selectFrom('webhook_delivery').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const deliveriesPage = async () => {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/webhooks/${webhook.id}/deliveries`,
    headers: bearer(admin.token),
  });
  return response.json<{
    items: {
      id: string;
      status: string;
      attempts: number;
      lastResponseStatus: number | null;
      lastError: string | null;
    }[];
  }>();
};

const signatureOf = (request: ReceivedWebhook | undefined) => String(request?.headers['purnajual-signature']);

describe('webhooks', () => {
  it('shows the secret once and lists webhooks without it', async () => {
    expect(webhook.secret).toMatch(/^whsec_/);
    const list = await app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: bearer(admin.token) });
    expect(list.body).not.toContain(webhook.secret);
    expect(list.json().items).toContainEqual(
      expect.objectContaining({ id: webhook.id, url: receiver.url, events: ['work_order.*'], active: true }),
    );
  });

  it('posts a work-order event signed so that the receiver verifies it, and a changed body does not verify', async () => {
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    await until(() => receivedFor(order.id).length > 0);
    const [request] = receivedFor(order.id);
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'purnajual-event': 'work_order.created',
      'purnajual-delivery': expect.any(String),
    });
    const body = JSON.parse(request?.body ?? '{}');
    expect(body).toMatchObject({ type: 'work_order.created', occurredAt: expect.any(String), data: { id: order.id } });
    expect(verifySignature(webhook.secret, signatureOf(request), request?.body ?? '', nowSeconds())).toBe(true);

    const forged = (request?.body ?? '').replace(order.id, customer.id);
    expect(verifySignature(webhook.secret, signatureOf(request), forged, nowSeconds())).toBe(false);
    expect(verifySignature('whsec_another', signatureOf(request), request?.body ?? '', nowSeconds())).toBe(false);
    expect(verifySignature(webhook.secret, signatureOf(request), request?.body ?? '', nowSeconds() + 301)).toBe(false);
    const delivery = await deliveryOf(order.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, lastResponseStatus: 200 });
  });

  it('tries again after a minute when the receiver answers 500, then delivers', async () => {
    receiver.answers.push(500);
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const delivery = await deliveryOf(order.id);
    await until(
      async () =>
        (await deliveryRow(delivery.id)).attempts === 1 && (await deliveryRow(delivery.id)).status === 'pending',
    );
    const logged = (await deliveriesPage()).items.find((item) => item.id === delivery.id);
    expect(logged).toMatchObject({ status: 'pending', attempts: 1, lastResponseStatus: 500 });
    expect(logged?.lastError).toContain('500');

    clock.advanceSeconds(retryDelaysSeconds[0]);
    await until(async () => (await deliveryRow(delivery.id)).status === 'delivered');
    expect(await deliveryRow(delivery.id)).toMatchObject({ attempts: 2, lastResponseStatus: 200, lastError: null });
    const [first, second] = receivedFor(order.id);
    expect(second?.headers['purnajual-delivery']).toBe(first?.headers['purnajual-delivery']);
    expect(verifySignature(webhook.secret, signatureOf(second), second?.body ?? '', nowSeconds())).toBe(true);
  });

  it('gives up after the last retry, and "send again" sends it anyway', async () => {
    receiver.answers.push(...retryDelaysSeconds.map(() => 503), 503);
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const delivery = await deliveryOf(order.id);
    for (const [n, delay] of retryDelaysSeconds.entries()) {
      await until(
        async () =>
          (await deliveryRow(delivery.id)).attempts === n + 1 && (await deliveryRow(delivery.id)).status === 'pending',
      );
      clock.advanceSeconds(delay);
    }
    await until(async () => (await deliveryRow(delivery.id)).status === 'failed');
    expect(await deliveryRow(delivery.id)).toMatchObject({ attempts: 6, lastResponseStatus: 503, nextAttemptAt: null });
    expect(receivedFor(order.id)).toHaveLength(6);

    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${webhook.id}/deliveries/${delivery.id}/redeliver`,
      headers: bearer(admin.token),
    });
    expect(again.statusCode).toBe(202);
    await until(async () => (await deliveryRow(delivery.id)).status === 'delivered');
    expect(receivedFor(order.id)).toHaveLength(7);
  });

  it('sends a delivered event again on request', async () => {
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const delivery = await deliveryOf(order.id);
    await until(async () => (await deliveryRow(delivery.id)).status === 'delivered');
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${webhook.id}/deliveries/${delivery.id}/redeliver`,
      headers: bearer(admin.token),
    });
    expect(again.statusCode).toBe(202);
    await until(() => receivedFor(order.id).length === 2);
    await until(async () => (await deliveryRow(delivery.id)).status === 'delivered');
    expect((await deliveryRow(delivery.id)).attempts).toBe(2);
  });

  it('sends nothing to a deactivated webhook, nor events it did not subscribe to', async () => {
    const parts = await createWebhook({ url: receiver.url, events: ['part_request.created'] });
    const off = await createWebhook({ url: receiver.url, events: ['work_order.created'] });
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/webhooks/${off.id}`,
      headers: bearer(admin.token),
      payload: { active: false },
    });
    expect(patch.json()).toMatchObject({ active: false });
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    await until(() => receivedFor(order.id).length > 0);
    const rows = await database.db
      .selectFrom('webhook_delivery')
      .select('webhookId')
      .where('webhookId', 'in', [parts.id, off.id])
      .execute();
    expect(rows).toEqual([]);
    for (const id of [parts.id, off.id]) {
      const removed = await app.inject({
        method: 'DELETE',
        url: `/api/v1/webhooks/${id}`,
        headers: bearer(admin.token),
      });
      expect(removed.statusCode).toBe(204);
    }
  });

  it('refuses URLs it may not call and events it does not know with 400', async () => {
    const refused = [
      { url: 'ftp://127.0.0.1/hooks', events: ['work_order.*'] },
      { url: 'http://example.com/hooks', events: ['work_order.*'] },
      { url: 'https://10.1.2.3/hooks', events: ['work_order.*'] },
      { url: 'https://169.254.169.254/latest/meta-data', events: ['work_order.*'] },
      { url: 'https://[fd00::1]/hooks', events: ['work_order.*'] },
      { url: 'https://erp:rahasia@example.com/hooks', events: ['work_order.*'] },
      { url: 'not a url', events: ['work_order.*'] },
      { url: receiver.url, events: ['stock.changed'] },
      { url: receiver.url, events: ['work_order.deleted'] },
      { url: receiver.url, events: ['*'] },
      { url: receiver.url, events: [] },
    ];
    for (const payload of refused) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: bearer(admin.token),
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(problemOf(response).code).toBe('validation_failed');
    }
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/webhooks/${webhook.id}`,
      headers: bearer(admin.token),
      payload: { url: 'https://192.168.1.1/hooks' },
    });
    expect(patch.statusCode).toBe(400);
  });

  it('keeps at most 20 webhooks', async () => {
    const count = Number(
      (
        await database.db
          .selectFrom('webhook')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    for (let n = count; n < 20; n += 1) await createWebhook({ url: receiver.url, events: ['part_request.*'] });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: bearer(admin.token),
      payload: { url: receiver.url, events: ['part_request.*'] },
    });
    expect(response.statusCode).toBe(409);
  });

  it('forgets delivered and failed deliveries once they are older than EVENT_RETENTION', async () => {
    const finished = () =>
      database.db.selectFrom('webhook_delivery').select('id').where('status', 'in', ['delivered', 'failed']).execute();
    expect((await finished()).length).toBeGreaterThan(0);
    clock.advanceSeconds(t.config.retention.eventSeconds + 60);
    await until(async () => (await finished()).length === 0);
  });
});
