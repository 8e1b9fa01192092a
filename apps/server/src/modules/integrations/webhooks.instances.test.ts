import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestInstances,
  createCustomer,
  createManualClock,
  createUser,
  createWorkOrder,
} from '../../../test/app';
import { startReceiver, until } from '../../../test/integrations';

/*
 * Two server instances on one database, each with its fan-out job and its dispatcher: every
 * event reaches each webhook once, whichever instance wrote it and whichever sends it.
 */
const clock = createManualClock();
const t = await buildTestInstances(2, {
  clock,
  env: { WEBHOOK_ALLOW_INSECURE_URLS: 'true', WEBHOOK_POLL_INTERVAL_MS: '50' },
});
const admin = await createUser(t, 'admin');
const agent = await createUser(t, 'agent');
const customer = await createCustomer(t);
const receivers = [await startReceiver(), await startReceiver()];

describe('webhooks on two instances', () => {
  it('delivers each event to each webhook exactly once', async () => {
    for (const [n, receiver] of receivers.entries()) {
      const response = await t.instances[n]?.app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: bearer(admin.token),
        payload: { url: receiver.url, events: ['work_order.created'] },
      });
      expect(response?.statusCode).toBe(201);
    }
    const orders = [];
    for (let n = 0; n < 6; n += 1) {
      const instance = t.instances[n % 2];
      if (!instance) throw new Error('two instances');
      orders.push(await createWorkOrder({ ...t, app: instance.app }, agent, { customerId: customer.id }));
    }
    const rows = () => t.database.db.selectFrom('webhook_delivery').selectAll().execute();
    await until(async () => {
      const all = await rows();
      return all.length === 12 && all.every((row) => row.status === 'delivered');
    });
    for (const receiver of receivers) {
      const ids = receiver.received.map((request) => JSON.parse(request.body).data.id);
      expect(ids.sort()).toEqual(orders.map((order) => order.id).sort());
    }
    expect((await rows()).map((row) => row.attempts)).toEqual(Array(12).fill(1));
  });
});
