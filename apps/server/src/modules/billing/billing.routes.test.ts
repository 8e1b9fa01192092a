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
/** The customer signs the bill as it is now. */
const approveCurrent = async (caller: Caller, id: string) => {
  const approved = await approve(caller, id, (await detail(caller, id)).billing.total);
  expect(approved.statusCode, approved.body).toBe(201);
};

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
    await approveCurrent(technician, order.id);
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
    await approveCurrent(technician, order.id);
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

  it('leave nothing behind when refused: no charges row for a payment where nothing is billed', async () => {
    const order = await inProgressOrder();
    const refused = await pay(technician, order.id, { method: 'cash', amount: 50_000 });
    expect(refused.statusCode).toBe(409);
    expect(problemOf(refused).code).toBe('approval_required');
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
    await approveCurrent(agent, order.id);
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
    await approveCurrent(agent, order.id);
    await pay(agent, order.id, { method: 'cash', amount: 300_000 });
    const lower = await putCharges(agent, order.id, { labor: 100_000, transport: 50_000 });
    expect(problemOf(lower).code).toBe('conflict');
  });
});

describe('payments follow the signature', () => {
  it('are refused before the customer has approved the bill (409 approval_required), and nothing is kept', async () => {
    const order = await inProgressOrder();
    await putCharges(technician, order.id, { labor: 100_000, transport: 50_000 });
    const early = await pay(technician, order.id, { method: 'cash', amount: 1_000 });
    expect(early.statusCode).toBe(409);
    expect(problemOf(early).code).toBe('approval_required');
    expect((await detail(agent, order.id)).billing).toMatchObject({ payments: [], paid: 0, balance: 166_500 });
    await approveCurrent(technician, order.id);
    expect((await pay(technician, order.id, { method: 'cash', amount: 1_000 })).statusCode).toBe(201);
  });

  it('are refused once the charges rose after the signature, until the customer approves the new bill', async () => {
    const order = await inProgressOrder();
    await putCharges(technician, order.id, { labor: 100_000, transport: 50_000 });
    await approveCurrent(technician, order.id);
    await putCharges(technician, order.id, { labor: 300_000, transport: 50_000 });
    const raised = await pay(technician, order.id, { method: 'cash', amount: 388_500 });
    expect(raised.statusCode).toBe(409);
    expect(problemOf(raised).code).toBe('approval_required');
    // Not even the amount the customer did sign for: that signature is for another bill.
    expect(problemOf(await pay(technician, order.id, { method: 'cash', amount: 166_500 })).code).toBe(
      'approval_required',
    );
    await approveCurrent(technician, order.id);
    const paid = await pay(technician, order.id, { method: 'cash', amount: 388_500 });
    expect(paid.json<{ billing: WorkOrderBilling }>().billing).toMatchObject({ paid: 388_500, balance: 0 });
  });

  it('are refused once parts fitted at completion changed the bill the customer signed', async () => {
    const order = await inProgressOrder();
    await putCharges(technician, order.id, { labor: 100_000, transport: 50_000 });
    await approveCurrent(technician, order.id);
    await complete(order.id, [{ partId: capacitor.id, quantity: 1 }]);
    expect(problemOf(await pay(technician, order.id, { method: 'cash', amount: 1_000 })).code).toBe(
      'approval_required',
    );
  });

  it('never exceed the approved total less what was paid, however much the bill rose since', async () => {
    const order = await inProgressOrder();
    await putCharges(agent, order.id, { labor: 100_000, transport: 50_000 });
    await approveCurrent(agent, order.id);
    await pay(agent, order.id, { method: 'cash', amount: 100_000 });
    const over = await pay(agent, order.id, { method: 'cash', amount: 66_501 });
    expect(problemOf(over).code).toBe('payment_exceeds_balance');
    await putCharges(agent, order.id, { labor: 300_000, transport: 50_000 });
    const raised = await pay(agent, order.id, { method: 'cash', amount: 66_500 });
    expect(problemOf(raised).code).toBe('approval_required');
    expect((await detail(agent, order.id)).billing).toMatchObject({ paid: 100_000, balance: 288_500 });
  });
});

describe('a reopened paid work order', () => {
  /** Repaired with two capacitors, signed and paid in full: Rp 266.400; the parts are Rp 99.900 of it. */
  async function paidRepair() {
    const order = await inProgressOrder();
    await putCharges(technician, order.id, { labor: 100_000, transport: 50_000 });
    await complete(order.id, [{ partId: capacitor.id, quantity: 2 }]);
    await approveCurrent(technician, order.id);
    await pay(technician, order.id, { method: 'cash', amount: 266_400 });
    return order;
  }
  const reopen = (id: string, reason = 'AC bocor lagi dua hari setelah servis') =>
    step(supervisor, id, { action: 'reopen', reason });
  const refund = (caller: Caller, id: string, payload: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${id}/refunds`,
      headers: bearer(caller.token),
      payload,
    });

  it("records what the customer paid beyond the bill, with the supervisor's reason, and shows the balance", async () => {
    const order = await paidRepair();
    const reopened = await reopen(order.id);
    expect(reopened.statusCode).toBe(200);
    const { billing, partsUsed } = reopened.json<WorkOrderDetail>();
    expect(partsUsed).toEqual([]);
    expect(billing).toMatchObject({ customerPays: 166_500, paid: 266_400, refunded: 0, balance: -99_900 });
    expect(billing.overpayments).toEqual([
      expect.objectContaining({
        amount: 99_900,
        reason: 'AC bocor lagi dua hari setelah servis',
        recordedBy: { id: supervisor.id, name: expect.any(String) },
      }),
    ]);
    // The customer's credit counts toward the repeated work: the same repair again owes nothing.
    await step(technician, order.id, { action: 'accept' });
    await step(technician, order.id, { action: 'start' });
    await complete(order.id, [{ partId: capacitor.id, quantity: 2 }]);
    expect((await detail(agent, order.id)).billing.balance).toBe(0);
    expect((await step(agent, order.id, { action: 'close' })).json()).toMatchObject({ status: 'closed' });
  });

  it('refuses to close while overpaid, override or not, until the refund and the credit note settle it', async () => {
    const order = await paidRepair();
    await reopen(order.id);
    await step(technician, order.id, { action: 'accept' });
    await step(technician, order.id, { action: 'start' });
    await complete(order.id);
    for (const body of [{ action: 'close' }, { action: 'close', overrideReason: 'Pelanggan setuju' }]) {
      const refused = await step(supervisor, order.id, body);
      expect(refused.statusCode).toBe(409);
      expect(problemOf(refused).code).toBe('overpaid_balance');
    }
    expect((await detail(agent, order.id)).status).toBe('completed');

    const tooMuch = await refund(supervisor, order.id, {
      kind: 'refund',
      method: 'cash',
      amount: 99_901,
      reason: 'Kapasitor tidak jadi dipakai',
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(problemOf(tooMuch).code).toBe('refund_exceeds_overpayment');
    const paidBack = await refund(supervisor, order.id, {
      kind: 'refund',
      method: 'transfer',
      amount: 50_000,
      reference: 'BCA 7781',
      reason: 'Kapasitor tidak jadi dipakai',
    });
    expect(paidBack.statusCode).toBe(201);
    expect(paidBack.json<{ refund: unknown }>().refund).toMatchObject({
      kind: 'refund',
      method: 'transfer',
      amount: 50_000,
      reference: 'BCA 7781',
      number: expect.stringMatching(/^RF-\d{4}-\d{6}$/),
      recordedBy: { id: supervisor.id },
    });
    expect(problemOf(await step(supervisor, order.id, { action: 'close' })).code).toBe('overpaid_balance');
    const note = await refund(supervisor, order.id, {
      kind: 'credit_note',
      amount: 49_900,
      reason: 'Sisa untuk servis berikutnya',
    });
    expect(note.json<{ billing: WorkOrderBilling }>().billing).toMatchObject({
      paid: 266_400,
      refunded: 99_900,
      balance: 0,
      refunds: [
        expect.objectContaining({ kind: 'refund' }),
        expect.objectContaining({ kind: 'credit_note', method: null }),
      ],
    });
    expect(note.json<{ refund: { number: string } }>().refund.number).toMatch(/^NK-\d{4}-\d{6}$/);
    expect((await step(agent, order.id, { action: 'close' })).json()).toMatchObject({ status: 'closed' });
  });

  it('takes refunds from a supervisor or an admin only, and none where nothing was overpaid', async () => {
    const order = await paidRepair();
    const body = { kind: 'credit_note', amount: 1_000, reason: 'Kompensasi' };
    expect(problemOf(await refund(supervisor, order.id, body)).code).toBe('refund_exceeds_overpayment');
    await reopen(order.id);
    for (const caller of [agent, technician]) expect((await refund(caller, order.id, body)).statusCode).toBe(403);
    expect((await detail(agent, order.id)).billing.refunds).toEqual([]);
  });

  it('records only what a second reopening adds, and the overpayment of a cancellation', async () => {
    const order = await paidRepair();
    await reopen(order.id);
    await step(technician, order.id, { action: 'accept' });
    await step(technician, order.id, { action: 'start' });
    await complete(order.id, [{ partId: capacitor.id, quantity: 1 }]);
    await reopen(order.id, 'Masih bocor');
    const { billing } = await detail(agent, order.id);
    expect(billing.balance).toBe(-99_900);
    expect(billing.overpayments.map((o) => [o.amount, o.reason])).toEqual([
      [99_900, 'AC bocor lagi dua hari setelah servis'],
      // The first reopening's credit had come down to Rp 49.950 with one capacitor fitted again.
      [49_950, 'Masih bocor'],
    ]);

    const cancelled = await paidRepair();
    await step(supervisor, cancelled.id, { action: 'cancel', reason: 'Pelanggan membeli unit baru' });
    const after = (await detail(agent, cancelled.id)).billing;
    expect(after.overpayments.map((o) => [o.amount, o.reason])).toEqual([[99_900, 'Pelanggan membeli unit baru']]);
    const settled = await refund(supervisor, cancelled.id, {
      kind: 'refund',
      method: 'cash',
      amount: 99_900,
      reason: 'Dikembalikan tunai',
    });
    expect(settled.json<{ billing: WorkOrderBilling }>().billing.balance).toBe(0);
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
    await approveCurrent(technician, order.id);
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

  it('waits for the customer to approve a bill that changed after their approval (409 approval_outdated)', async () => {
    const order = await inProgressOrder();
    await putCharges(technician, order.id, { labor: 100_000, transport: 50_000 });
    await approveCurrent(technician, order.id);
    await putCharges(technician, order.id, { labor: 175_000, transport: 50_000 });
    expect(problemOf(await complete(order.id)).code).toBe('approval_outdated');
    expect((await detail(agent, order.id)).status).toBe('in_progress');

    await approveCurrent(technician, order.id);
    expect((await complete(order.id, [{ partId: capacitor.id, quantity: 1 }])).statusCode).toBe(200);
    // The part fitted at completion changed the bill the customer signed, so closing waits too.
    expect(problemOf(await step(agent, order.id, { action: 'close' })).code).toBe('approval_outdated');
    const overridden = await step(supervisor, order.id, { action: 'close', overrideReason: 'Disetujui lewat telepon' });
    expect(overridden.statusCode, overridden.body).toBe(200);
    const closed = overridden.json<WorkOrderDetail>();
    expect(closed.history.at(-1)?.note).toBe(
      `Closed with a bill above the approved one and Rp ${closed.billing.balance} unpaid: Disetujui lewat telepon`,
    );
  });

  it('needs nothing for in-warranty work the warranty pays in full', async () => {
    const order = await inProgressOrder({ inWarranty: true });
    await putCharges(technician, order.id, { labor: 100_000, transport: 50_000 });
    await complete(order.id, [{ partId: capacitor.id, quantity: 1 }]);
    expect((await step(agent, order.id, { action: 'close' })).json()).toMatchObject({ status: 'closed' });
  });
});
