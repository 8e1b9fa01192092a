import type { WorkOrderTransitionBody } from '@purnajual/contract';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createCustomer,
  createUser,
  createWorkOrder,
  signaturePng,
} from '../../test/app';
import { testDialect } from '../../test/database';
import { pixelsOf, pixelsOfDataUrl } from '../../test/images';
import { approvedRequest, createPart, ledgerAgainstLevels, locationOf, receiveStock, stockAt } from '../../test/parts';
import { requireActor } from './auth';

/*
 * The change a request makes and the answer stored for its Idempotency-Key are one
 * transaction. Found by the fault-injection run (`npm run chaos`): a server killed — or a
 * database lost — between committing a transition and storing its answer left the key "in
 * progress"; a minute later the retry ran the transition again and was refused with 409,
 * though the change had been made, and a payment retried that way would have been taken
 * twice. A 5xx after the commit deleted the record outright, with the same result.
 */
const t = await buildTestApp();
const { app } = t;

// A transition followed by a failure, as a server dying before it answers: once only.
let failuresLeft = 0;
app.post<{ Params: { id: string }; Body: WorkOrderTransitionBody }>(
  '/api/v1/test/transition-then-fail/:id',
  { config: { access: 'signedIn' } },
  async (request) => {
    const detail = await t.services.workOrders.transition(
      requireActor(request),
      request.params.id,
      request.body,
      undefined,
    );
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error('the server failed after the change');
    }
    return { version: detail.version };
  },
);

const branch = await createBranch(t, ['31']);
const agent = await createUser(t, 'agent');
const technician = await createUser(t, 'technician', { branchId: branch.id });
const clerk = await createUser(t, 'warehouse', { branchId: branch.id });
const supervisor = await createUser(t, 'supervisor', { branchId: branch.id });
const customer = await createCustomer(t);

const countRows = async (table: 'work_order_history' | 'outbox_event', workOrderId: string, action?: string) => {
  let query = t.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workOrderId', '=', workOrderId);
  if (action !== undefined && table === 'work_order_history') query = query.where('action', '=', action);
  return Number((await query.executeTakeFirstOrThrow()).count);
};

/** Makes storing the answer of one key fail in the database, as a node lost at that moment would. */
async function refuseToStoreAnswerOf(key: string) {
  const trigger =
    testDialect === 'mysql'
      ? sql`create trigger refuse_answer before update on idempotency_record for each row
            begin if new.\`key\` = ${sql.lit(key)} then signal sqlstate '45000' set message_text = 'refused'; end if; end`
      : sql`create trigger refuse_answer before update on idempotency_record
            when new."key" = ${sql.lit(key)} begin select raise(abort, 'refused'); end`;
  await trigger.execute(t.database.db);
}

describe('idempotency keys and the change they guard', () => {
  it.each([
    ['a change', { action: 'assign' }],
    ['a refusal', { action: 'accept' }],
  ])('answers a problem, not the raw database error, when the answer to %s cannot be stored', async (_c, body) => {
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const key = `unstorable-${order.id}`;
    await refuseToStoreAnswerOf(key);
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${order.id}/transitions`,
      headers: { ...bearer(agent.token), 'idempotency-key': key },
      payload: { ...body, technicianId: body.action === 'assign' ? technician.id : undefined },
    });
    await sql`drop trigger refuse_answer`.execute(t.database.db);
    expect(response.statusCode).toBe(500);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'internal_error', status: 500 });
    expect(response.body).not.toContain('refused');
    expect(await countRows('work_order_history', order.id, 'assign')).toBe(0);
  });

  it('keeps nothing of a change answered with a 5xx, and the retry applies it exactly once', async () => {
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const eventsBefore = await countRows('outbox_event', order.id);
    const send = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/test/transition-then-fail/${order.id}`,
        headers: { ...bearer(agent.token), 'idempotency-key': 'assign-crash-1' },
        payload: { action: 'assign', technicianId: technician.id },
      });

    failuresLeft = 1;
    expect((await send()).statusCode).toBe(500);
    expect(await countRows('work_order_history', order.id, 'assign')).toBe(0);
    expect(await countRows('outbox_event', order.id)).toBe(eventsBefore);

    const retried = await send();
    expect(retried.statusCode).toBe(200);
    const replayed = await send();
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.json()).toEqual(retried.json());
    expect(await countRows('work_order_history', order.id, 'assign')).toBe(1);
    expect(await countRows('outbox_event', order.id)).toBe(eventsBefore + 1);
  });

  it('keeps the signature a rolled-back re-completion would have replaced, and replaces it on the retry', async () => {
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const step = (caller: { token: string }, payload: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/work-orders/${order.id}/transitions`,
        headers: bearer(caller.token),
        payload,
      });
    const signature = async () =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/work-orders/${order.id}/signature.png`,
          headers: bearer(agent.token),
        })
      ).rawPayload;
    const repair = { diagnosis: 'Freon habis', actionTaken: 'Isi freon', result: 'fixed' };
    await step(agent, { action: 'assign', technicianId: technician.id });
    for (const action of ['accept', 'start']) await step(technician, { action });
    expect((await step(technician, { action: 'complete', ...repair, signature: signaturePng })).statusCode).toBe(200);
    const first = await signature();
    await step(supervisor, { action: 'reopen', reason: 'Masih tidak dingin' });
    for (const action of ['accept', 'start']) await step(technician, { action });

    const secondPng =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAFElEQVQImWN0cHBgYGBgYmBgQFAADpQAxilM1wEAAAAASUVORK5CYII=';
    const send = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/test/transition-then-fail/${order.id}`,
        headers: { ...bearer(technician.token), 'idempotency-key': 'complete-crash-1' },
        payload: { action: 'complete', ...repair, signature: secondPng },
      });
    failuresLeft = 1;
    expect((await send()).statusCode).toBe(500);
    expect((await signature()).equals(first)).toBe(true);
    expect((await send()).statusCode).toBe(200);
    expect((await pixelsOf(await signature())).equals(await pixelsOfDataUrl(secondPng))).toBe(true);
  });

  it('runs the same request sent several times at once only once, and gives each the same answer', async () => {
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/work-orders',
          headers: { ...bearer(agent.token), 'idempotency-key': 'intake-at-once-1' },
          payload: { customerId: customer.id, complaint: 'Mesin cuci bocor (sekaligus)', serviceType: 'home_visit' },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(5).fill(201));
    expect(new Set(responses.map((r) => r.json().number)).size).toBe(1);
    const stored = await t.database.db
      .selectFrom('work_order')
      .select('id')
      .where('complaint', '=', 'Mesin cuci bocor (sekaligus)')
      .execute();
    expect(stored).toHaveLength(1);
  });

  it('stores a refusal with the transaction, and leaves no record of a request in progress', async () => {
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const close = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/work-orders/${order.id}/transitions`,
        headers: { ...bearer(agent.token), 'idempotency-key': 'close-too-early-1' },
        payload: { action: 'close' },
      });
    expect((await close()).statusCode).toBe(409);
    const again = await close();
    expect(again.statusCode).toBe(409);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const unfinished = await t.database.db
      .selectFrom('idempotency_record')
      .select('key')
      .where('state', '!=', 'done')
      .execute();
    expect(unfinished).toEqual([]);
  });

  it('moves stock for racing requests under keys without deadlocking on rows that already exist', async () => {
    // Each request holds its locks to its end: a blind INSERT IGNORE of an existing stock
    // level took a shared lock that two requests then both waited to upgrade (MySQL).
    const part = await createPart(t, clerk, { name: 'Sensor suhu ruang', price: 45_000 });
    const warehouse = await locationOf(t, clerk, branch.id);
    await receiveStock(t, clerk, warehouse, [{ partId: part.id, quantity: 1 }]);
    const receipts = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/stock/receipts',
          headers: { ...bearer(clerk.token), 'idempotency-key': `receipt-race-${index}` },
          payload: { locationId: warehouse, lines: [{ partId: part.id, quantity: 2 }], reference: `SJ-RACE-${index}` },
        }),
      ),
    );
    expect(receipts.map((r) => r.statusCode)).toEqual(Array(8).fill(201));

    const first = await approvedRequest(t, technician, clerk, [{ partId: part.id, quantity: 1 }]);
    const issue = (id: string, key: string) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/part-requests/${id}/transitions`,
        headers: { ...bearer(clerk.token), 'idempotency-key': key },
        payload: { action: 'issue' },
      });
    expect((await issue(first.id, 'issue-first')).statusCode).toBe(200);
    const requests = [];
    for (let index = 0; index < 6; index += 1) {
      requests.push(await approvedRequest(t, technician, clerk, [{ partId: part.id, quantity: 1 }]));
    }
    const issued = await Promise.all(requests.map((request, index) => issue(request.id, `issue-race-${index}`)));
    expect(issued.map((r) => r.statusCode)).toEqual(Array(6).fill(200));

    expect((await stockAt(t, clerk, warehouse)).get(part.id)).toBe(17 - 7);
    const { fromLedger, onHand } = await ledgerAgainstLevels(t);
    expect(fromLedger).toEqual(onHand);
  });
});
