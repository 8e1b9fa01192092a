import type { WorkOrderBilling, WorkOrderDetail } from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createCustomer,
  createUser,
  createWorkOrder,
  problemOf,
  signaturePng,
} from '../../../test/app';
import { createPart, issueToBag, locationOf, receiveStock } from '../../../test/parts';

/*
 * Charges, the customer's approval, payments and the closing rule, through the API. The
 * arithmetic itself is pinned down case by case in charges.test.ts.
 */

const t = await buildTestApp();
const { app } = t;
const branch = await createBranch(t, ['31']);
const agent = await createUser(t, 'agent');
const supervisor = await createUser(t, 'supervisor', { branchId: branch.id });
const clerk = await createUser(t, 'warehouse', { branchId: branch.id });
const technician = await createUser(t, 'technician', { branchId: branch.id });
const otherTechnician = await createUser(t, 'technician', { branchId: branch.id });
const capacitor = await createPart(t, clerk, { partNo: 'BILL-CAP-35', name: 'Kapasitor 35µF', price: 45_000 });
await receiveStock(t, clerk, await locationOf(t, clerk, branch.id), [{ partId: capacitor.id, quantity: 50 }]);
await issueToBag(t, technician, clerk, [{ partId: capacitor.id, quantity: 20 }]);

const monthAgo = new Date(Date.now() - 30 * 86400_000).toISOString().slice(0, 10);
type Caller = { token: string };

const step = (caller: Caller, id: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/v1/work-orders/${id}/transitions`, headers: bearer(caller.token), payload });
const putCharges = (
  caller: Caller,
  id: string,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
) =>
  app.inject({
    method: 'PUT',
    url: `/api/v1/work-orders/${id}/charges`,
    headers: { ...bearer(caller.token), ...headers },
    payload,
  });
const approve = (caller: Caller, id: string, approvedTotal: number) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/work-orders/${id}/approval`,
    headers: bearer(caller.token),
    payload: { signature: signaturePng, approvedTotal, name: 'Ibu Sri Wahyuni' },
  });
const pay = (caller: Caller, id: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/work-orders/${id}/payments`,
    headers: { ...bearer(caller.token), ...headers },
    payload,
  });
const detail = async (caller: Caller, id: string) =>
  (
    await app.inject({ method: 'GET', url: `/api/v1/work-orders/${id}`, headers: bearer(caller.token) })
  ).json<WorkOrderDetail>();

/** A work order the technician is repairing: out of warranty unless `inWarranty`. */
async function inProgressOrder({ inWarranty = false } = {}) {
  const customer = await createCustomer(t, { purchaseDate: inWarranty ? monthAgo : '2019-01-15' });
  const order = await createWorkOrder(t, agent, { customerId: customer.id, customerProductId: customer.product.id });
  await step(agent, order.id, { action: 'assign', technicianId: technician.id });
  await step(technician, order.id, { action: 'accept' });
  await step(technician, order.id, { action: 'start' });
  return order;
}

const complete = (id: string, partsUsed?: { partId: string; quantity: number }[]) =>
  step(technician, id, {
    action: 'complete',
    diagnosis: 'Kapasitor kompresor lemah',
    actionTaken: 'Ganti kapasitor',
    result: 'fixed',
    signature: signaturePng,
    ...(partsUsed ? { partsUsed } : {}),
  });

describe('charges', () => {
  it('itemize labor, transport and the parts used at their price, with PPN 11 %', async () => {
    const order = await inProgressOrder();
    expect((await detail(technician, order.id)).billing).toMatchObject({
      lines: [],
      total: 0,
      version: 0,
      charges: { labor: 0, transport: 0, discount: 0 },
      priceList: { laborOptions: [100_000, 175_000, 300_000], transport: 50_000 },
      approval: null,
      payments: [],
      balance: 0,
    });
    const set = await putCharges(technician, order.id, { labor: 175_000, transport: 50_000 });
    expect(set.statusCode).toBe(200);
    await complete(order.id, [{ partId: capacitor.id, quantity: 2 }]);
    const { billing } = await detail(agent, order.id);
    expect(billing).toMatchObject({
      subtotal: 315_000,
      taxRatePercent: 11,
      tax: 34_650,
      total: 349_650,
      customerPays: 349_650,
      warrantyCovers: 0,
      version: 1,
      paid: 0,
      balance: 349_650,
    });
    expect(billing.lines.map((l) => [l.kind, l.amount, l.coveredByWarranty])).toEqual([
      ['labor', 175_000, false],
      ['transport', 50_000, false],
      ['part', 90_000, false],
    ]);
  });

  it('cost an in-warranty customer nothing while the internal cost is kept', async () => {
    const order = await inProgressOrder({ inWarranty: true });
    const billing = (
      await putCharges(technician, order.id, { labor: 100_000, transport: 50_000 })
    ).json<WorkOrderBilling>();
    expect(billing).toMatchObject({ total: 166_500, customerPays: 0, warrantyCovers: 166_500, balance: 0 });
    expect(billing.lines.every((line) => line.coveredByWarranty)).toBe(true);
  });

  it("let a technician charge only the price list's amounts and no discount; the office may charge anything", async () => {
    const order = await inProgressOrder();
    const refused = await putCharges(technician, order.id, { labor: 123_000, transport: 10_000, discount: 5_000 });
    expect(refused.statusCode).toBe(403);
    expect(problemOf(refused).errors?.map((e) => e.path)).toEqual(['body.labor', 'body.transport', 'body.discount']);
    const office = await putCharges(supervisor, order.id, { labor: 123_000, transport: 10_000, discount: 5_000 });
    expect(office.json()).toMatchObject({ subtotal: 128_000, version: 1 });
    const stranger = await putCharges(otherTechnician, order.id, { labor: 100_000, transport: 50_000 });
    expect(stranger.statusCode).toBe(404);
  });

  it('refuse negative or fractional amounts and a discount above what the customer pays', async () => {
    const order = await inProgressOrder();
    for (const payload of [
      { labor: -1, transport: 0 },
      { labor: 100.5, transport: 0 },
      { labor: 1, transport: 'x' },
    ]) {
      const response = await putCharges(agent, order.id, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const tooMuch = await putCharges(agent, order.id, { labor: 100_000, transport: 50_000, discount: 150_001 });
    expect(tooMuch.statusCode).toBe(400);
    expect(problemOf(tooMuch).errors?.[0]?.path).toBe('body.discount');
    const whole = await putCharges(agent, order.id, { labor: 100_000, transport: 50_000, discount: 150_000 });
    expect(whole.json()).toMatchObject({ subtotal: 0, total: 0, customerPays: 0 });
  });

  it('guard against lost updates with If-Match on the charges version', async () => {
    const order = await inProgressOrder();
    await putCharges(agent, order.id, { labor: 100_000, transport: 50_000 }, { 'if-match': '0' });
    const stale = await putCharges(supervisor, order.id, { labor: 300_000, transport: 50_000 }, { 'if-match': '0' });
    expect(stale.statusCode).toBe(409);
    expect(problemOf(stale).code).toBe('version_conflict');
    const fresh = await putCharges(supervisor, order.id, { labor: 300_000, transport: 50_000, version: 1 });
    expect(fresh.json()).toMatchObject({ version: 2, charges: { labor: 300_000 } });
  });

  it('write a work_order.updated event but leave the work order version alone', async () => {
    const order = await inProgressOrder();
    const before = await detail(agent, order.id);
    const events = async () =>
      (await t.database.db.selectFrom('outbox_event').select('id').where('workOrderId', '=', order.id).execute())
        .length;
    const count = await events();
    await putCharges(agent, order.id, { labor: 100_000, transport: 50_000 });
    expect(await events()).toBe(count + 1);
    expect((await detail(agent, order.id)).version).toBe(before.version);
  });
});

describe('approval', () => {
  it('records the signature for the current total and refuses another total (409 total_changed)', async () => {
    const order = await inProgressOrder();
    const { total } = (
      await putCharges(technician, order.id, { labor: 100_000, transport: 50_000 })
    ).json<WorkOrderBilling>();
    const wrong = await approve(technician, order.id, total - 1);
    expect(wrong.statusCode).toBe(409);
    expect(problemOf(wrong).code).toBe('total_changed');
    const approved = await approve(technician, order.id, total);
    expect(approved.statusCode).toBe(201);
    const { approval } = approved.json<WorkOrderBilling>();
    expect(approval).toMatchObject({
      name: 'Ibu Sri Wahyuni',
      approvedTotal: 166_500,
      customerPays: 166_500,
      isCurrent: true,
    });
    const image = await app.inject({ method: 'GET', url: approval?.signatureUrl ?? '', headers: bearer(agent.token) });
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const hidden = await app.inject({
      method: 'GET',
      url: approval?.signatureUrl ?? '',
      headers: bearer(otherTechnician.token),
    });
    expect(hidden.statusCode).toBe(404);
  });

  it('stops being current when the charges or the parts change, and a new approval makes it current again', async () => {
    const order = await inProgressOrder();
    const first = (
      await putCharges(technician, order.id, { labor: 100_000, transport: 50_000 })
    ).json<WorkOrderBilling>();
    await approve(technician, order.id, first.total);

    const changed = (
      await putCharges(technician, order.id, { labor: 175_000, transport: 50_000 })
    ).json<WorkOrderBilling>();
    expect(changed.approval).toMatchObject({ approvedTotal: first.total, isCurrent: false });
    const again = (await approve(technician, order.id, changed.total)).json<WorkOrderBilling>();
    expect(again.approval).toMatchObject({ approvedTotal: changed.total, isCurrent: true });

    // Parts fitted at completion change the bill as well.
    await complete(order.id, [{ partId: capacitor.id, quantity: 1 }]);
    expect((await detail(agent, order.id)).billing.approval?.isCurrent).toBe(false);

    // A change that keeps the total (labor up, discount up by as much) still needs a new signature.
    const other = await inProgressOrder();
    const base = (await putCharges(agent, other.id, { labor: 100_000, transport: 50_000 })).json<WorkOrderBilling>();
    await approve(agent, other.id, base.total);
    const same = (
      await putCharges(agent, other.id, { labor: 110_000, transport: 50_000, discount: 10_000 })
    ).json<WorkOrderBilling>();
    expect(same.total).toBe(base.total);
    expect(same.approval?.isCurrent).toBe(false);
  });

  it('records a total beyond 2^31 rupiah, the most the largest charges add up to', async () => {
    const order = await inProgressOrder();
    const { total } = (
      await putCharges(agent, order.id, { labor: 1_000_000_000, transport: 1_000_000_000 })
    ).json<WorkOrderBilling>();
    expect(total).toBe(2_220_000_000);
    const approved = await approve(agent, order.id, total);
    expect(approved.statusCode).toBe(201);
    expect(approved.json<WorkOrderBilling>().approval).toMatchObject({ approvedTotal: total, customerPays: total });
    const paid = await pay(agent, order.id, { method: 'transfer', amount: 1_000_000_000 });
    expect(paid.json<{ billing: WorkOrderBilling }>().billing.balance).toBe(1_220_000_000);
  });

  it('needs charges to approve, and refuses a signature that is not a PNG', async () => {
    const order = await inProgressOrder();
    expect(problemOf(await approve(technician, order.id, 0)).code).toBe('conflict');
    await putCharges(technician, order.id, { labor: 100_000, transport: 50_000 });
    const notPng = await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${order.id}/approval`,
      headers: bearer(technician.token),
      payload: { signature: 'data:image/png;base64,AAAA', approvedTotal: 166_500, name: 'Budi' },
    });
    expect(notPng.statusCode).toBe(400);
  });
});

describe('payments', () => {
  it('take part payments with receipt numbers until the balance is paid, never more', async () => {
    const order = await inProgressOrder();
    await putCharges(technician, order.id, { labor: 100_000, transport: 50_000 });
    const first = await pay(technician, order.id, { method: 'cash', amount: 100_000 });
    expect(first.statusCode).toBe(201);
    const { payment, billing } = first.json<{
      payment: WorkOrderBilling['payments'][number];
      billing: WorkOrderBilling;
    }>();
    expect(payment).toMatchObject({
      method: 'cash',
      amount: 100_000,
      reference: null,
      receivedBy: { id: technician.id },
    });
    expect(payment.receiptNumber).toMatch(/^KW-\d{4}-\d{6}$/);
    expect(billing).toMatchObject({ customerPays: 166_500, paid: 100_000, balance: 66_500 });

    const over = await pay(agent, order.id, { method: 'transfer', amount: 66_501, reference: 'BCA 0098' });
    expect(over.statusCode).toBe(409);
    expect(problemOf(over).code).toBe('payment_exceeds_balance');
    const rest = await pay(agent, order.id, { method: 'qris', amount: 66_500, reference: 'QR-77812' });
    expect(rest.json().billing).toMatchObject({ paid: 166_500, balance: 0 });
    expect(rest.json().payment.receiptNumber).not.toBe(payment.receiptNumber);
    expect(problemOf(await pay(agent, order.id, { method: 'cash', amount: 1 })).code).toBe('payment_exceeds_balance');
  });

  it('are idempotent with an Idempotency-Key and refuse zero, negative or unknown methods', async () => {
    const order = await inProgressOrder();
    await putCharges(technician, order.id, { labor: 100_000, transport: 50_000 });
    const key = { 'idempotency-key': `pay-${order.id}` };
    const first = await pay(technician, order.id, { method: 'card', amount: 50_000, reference: 'EDC 1' }, key);
    const replay = await pay(technician, order.id, { method: 'card', amount: 50_000, reference: 'EDC 1' }, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    expect((await detail(agent, order.id)).billing.payments).toHaveLength(1);
    for (const payload of [
      { method: 'cash', amount: 0 },
      { method: 'cash', amount: -5 },
      { method: 'cheque', amount: 5 },
    ]) {
      expect((await pay(agent, order.id, payload)).statusCode).toBe(400);
    }
  });

  it('leave nothing behind when refused: no charges row for a payment where nothing is owed', async () => {
    const order = await inProgressOrder();
    const refused = await pay(technician, order.id, { method: 'cash', amount: 50_000 });
    expect(refused.statusCode).toBe(409);
    expect(problemOf(refused).code).toBe('payment_exceeds_balance');
    const charges = await t.database.db
      .selectFrom('work_order_charge')
      .selectAll()
      .where('workOrderId', '=', order.id)
      .execute();
    expect(charges).toEqual([]);
  });

  it('two payments at once cannot both fit into one balance', async () => {
    const order = await inProgressOrder();
    await putCharges(agent, order.id, { labor: 100_000, transport: 0 });
    const results = await Promise.all([
      pay(agent, order.id, { method: 'cash', amount: 80_000 }),
      pay(supervisor, order.id, { method: 'cash', amount: 80_000 }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((await detail(agent, order.id)).billing).toMatchObject({ paid: 80_000, balance: 31_000 });
  });

  it('refuse charges below what was already paid', async () => {
    const order = await inProgressOrder();
    await putCharges(agent, order.id, { labor: 300_000, transport: 50_000 });
    await pay(agent, order.id, { method: 'cash', amount: 300_000 });
    const lower = await putCharges(agent, order.id, { labor: 100_000, transport: 50_000 });
    expect(problemOf(lower).code).toBe('conflict');
  });
});

describe('closing', () => {
  it('is refused while the customer owes money (409 unpaid_balance), and allowed once paid', async () => {
    const order = await inProgressOrder();
    await putCharges(technician, order.id, { labor: 100_000, transport: 50_000 });
    await complete(order.id);
    const refused = await step(agent, order.id, { action: 'close' });
    expect(refused.statusCode).toBe(409);
    expect(problemOf(refused).code).toBe('unpaid_balance');
    expect((await detail(agent, order.id)).status).toBe('completed');
    await pay(agent, order.id, { method: 'cash', amount: 166_500 });
    expect((await step(agent, order.id, { action: 'close' })).json()).toMatchObject({ status: 'closed' });
    // A closed bill is final.
    expect(problemOf(await putCharges(supervisor, order.id, { labor: 1, transport: 0 })).code).toBe(
      'invalid_transition',
    );
  });

  it('lets a supervisor, not an agent, override with a reason, which the history keeps', async () => {
    const order = await inProgressOrder();
    await putCharges(technician, order.id, { labor: 100_000, transport: 50_000 });
    await complete(order.id);
    const byAgent = await step(agent, order.id, { action: 'close', overrideReason: 'Pelanggan bayar minggu depan' });
    expect(byAgent.statusCode).toBe(403);
    const bySupervisor = await step(supervisor, order.id, {
      action: 'close',
      overrideReason: 'Pelanggan bayar minggu depan',
    });
    expect(bySupervisor.statusCode).toBe(200);
    const closed = bySupervisor.json<WorkOrderDetail>();
    expect(closed.status).toBe('closed');
    expect(closed.history.at(-1)?.note).toBe('Closed with Rp 166500 unpaid: Pelanggan bayar minggu depan');
    expect(closed.billing.balance).toBe(166_500);
  });

  it('needs nothing for in-warranty work the warranty pays in full', async () => {
    const order = await inProgressOrder({ inWarranty: true });
    await putCharges(technician, order.id, { labor: 100_000, transport: 50_000 });
    await complete(order.id, [{ partId: capacitor.id, quantity: 1 }]);
    expect((await step(agent, order.id, { action: 'close' })).json()).toMatchObject({ status: 'closed' });
  });
});
