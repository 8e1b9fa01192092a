import type { WorkOrderBilling, WorkOrderDetail } from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, problemOf, signaturePng } from '../../test/app';
import { stockAt } from '../../test/parts';
import { buildSecurityWorld, type Person } from '../../test/security-world';

/*
 * Money follows the signature: the assessment's findings 5 and 6 of issue #18, replayed.
 * A technician took money before the customer signed and beyond what they signed for; a
 * reopening left a paid bill overpaid, with the parts back in the bag, and it closed so.
 */

const t = await buildTestApp();
const { app } = t;
const world = await buildSecurityWorld(t);
const { people, customer, part } = world;
const { admin, agent, technicianA } = people;

const send = (caller: Person, method: 'POST' | 'PUT', url: string, payload: Record<string, unknown>) =>
  app.inject({ method, url, headers: bearer(caller.token), payload });
const pay = (caller: Person, id: string, amount: number) =>
  send(caller, 'POST', `/api/v1/work-orders/${id}/payments`, { method: 'cash', amount });
const sign = async (id: string) => {
  const { total } = (await world.detailOf(id, technicianA)).billing;
  const signed = await send(technicianA, 'POST', `/api/v1/work-orders/${id}/approval`, {
    signature: signaturePng,
    approvedTotal: total,
    name: customer.name,
  });
  expect(signed.statusCode).toBe(201);
};

describe('money follows the signature', () => {
  it('a technician takes no money before the signature, after raising the charges, or beyond the bill', async () => {
    const order = await world.freshOrder('in_progress');
    const { laborOptions, transport } = (await world.detailOf(order.id, technicianA)).billing.priceList;
    const charge = async (labor: number | undefined) =>
      (
        await send(technicianA, 'PUT', `/api/v1/work-orders/${order.id}/charges`, { labor, transport })
      ).json<WorkOrderBilling>().customerPays;
    const signed = await charge(laborOptions[0]);
    const early = await pay(technicianA, order.id, 1_000);
    expect([early.statusCode, problemOf(early).code]).toEqual([409, 'approval_required']);

    await sign(order.id);
    const raised = await charge(laborOptions.at(-1));
    expect(raised).toBeGreaterThan(signed);
    for (const amount of [raised, signed, 1_000]) {
      const refused = await pay(technicianA, order.id, amount);
      expect([refused.statusCode, problemOf(refused).code]).toEqual([409, 'approval_required']);
    }
    const { billing } = await world.detailOf(order.id);
    expect(billing).toMatchObject({ paid: 0, approval: { customerPays: signed, isCurrent: false } });

    await sign(order.id);
    const beyond = await pay(technicianA, order.id, raised + 1);
    expect([beyond.statusCode, problemOf(beyond).code]).toEqual([409, 'payment_exceeds_balance']);
    expect((await pay(technicianA, order.id, raised)).statusCode).toBe(201);
    expect((await world.detailOf(order.id)).billing).toMatchObject({
      paid: raised,
      approval: { customerPays: raised },
    });
  });

  it('a reopened paid order records the credit and does not close overpaid until it is given back', async () => {
    const bagBefore = (await stockAt(t, technicianA, world.bagA)).get(part.id) ?? 0;
    const order = await world.freshOverpaidOrder();
    // The part is back in the bag, and its price is the customer's credit, with the reason.
    expect((await stockAt(t, technicianA, world.bagA)).get(part.id)).toBe(bagBefore);
    const reopened = await world.detailOf(order.id);
    expect(reopened.partsUsed).toEqual([]);
    const overpaid = -reopened.billing.balance;
    expect(overpaid).toBe(49_950);
    expect(reopened.billing.overpayments).toEqual([
      expect.objectContaining({
        amount: overpaid,
        reason: 'AC bocor lagi',
        recordedBy: { id: admin.id, name: admin.name },
      }),
    ]);

    await world.step(technicianA, order.id, { action: 'accept' });
    await world.step(technicianA, order.id, { action: 'start' });
    await world.step(technicianA, order.id, {
      action: 'complete',
      diagnosis: 'Sambungan pipa kendur',
      actionTaken: 'Kencangkan sambungan',
      result: 'fixed',
      signature: signaturePng,
    });
    for (const [caller, body] of [
      [agent, { action: 'close' }],
      [admin, { action: 'close', overrideReason: 'Pelanggan tidak keberatan' }],
    ] as const) {
      const refused = await send(caller, 'POST', `/api/v1/work-orders/${order.id}/transitions`, body);
      expect([refused.statusCode, problemOf(refused).code]).toEqual([409, 'overpaid_balance']);
    }
    const refund = await send(admin, 'POST', `/api/v1/work-orders/${order.id}/refunds`, {
      kind: 'refund',
      method: 'cash',
      amount: overpaid,
      reason: 'Kapasitor tidak dipakai lagi',
    });
    expect(refund.json<{ billing: WorkOrderBilling }>().billing).toMatchObject({ refunded: overpaid, balance: 0 });
    const closed = await send(agent, 'POST', `/api/v1/work-orders/${order.id}/transitions`, { action: 'close' });
    expect(closed.json<WorkOrderDetail>().status).toBe('closed');
  });
});
