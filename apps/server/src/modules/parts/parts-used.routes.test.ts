import type { WorkOrderDetail } from '@purnajual/contract';
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
import { createPart, issueToBag, ledgerAgainstLevels, locationOf, receiveStock, stockAt } from '../../../test/parts';

const t = await buildTestApp();
const { app } = t;
const branch = await createBranch(t, ['31']);
const agent = await createUser(t, 'agent');
const supervisor = await createUser(t, 'supervisor', { branchId: branch.id });
const clerk = await createUser(t, 'warehouse', { branchId: branch.id });
const technician = await createUser(t, 'technician', { branchId: branch.id });
const warehouse = await locationOf(t, clerk, branch.id);
const capacitor = await createPart(t, clerk, { partNo: 'CAP-35UF', name: 'Kapasitor 35µF', price: 45_000 });
const sensor = await createPart(t, clerk, { partNo: 'THERM-10K', name: 'Sensor thermistor 10K', price: 35_000 });
await receiveStock(t, clerk, warehouse, [
  { partId: capacitor.id, quantity: 20 },
  { partId: sensor.id, quantity: 20 },
]);
await issueToBag(t, technician, clerk, [
  { partId: capacitor.id, quantity: 3 },
  { partId: sensor.id, quantity: 2 },
]);
const bag = (await t.services.stock.getBag({ ...technician, sessionId: '' })).location.id;

const step = (caller: { token: string }, id: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/v1/work-orders/${id}/transitions`, headers: bearer(caller.token), payload });
const detail = async (caller: { token: string }, id: string) =>
  (
    await app.inject({ method: 'GET', url: `/api/v1/work-orders/${id}`, headers: bearer(caller.token) })
  ).json<WorkOrderDetail>();
const report = (partsUsed?: { partId: string; quantity: number }[]) => ({
  action: 'complete',
  diagnosis: 'Kapasitor kompresor lemah',
  actionTaken: 'Ganti kapasitor 35µF',
  result: 'fixed',
  signature: signaturePng,
  ...(partsUsed === undefined ? {} : { partsUsed }),
});

async function inProgressOrder() {
  const customer = await createCustomer(t, { areaCode: '31.74.07' });
  const order = await createWorkOrder(t, agent, { customerId: customer.id });
  await step(agent, order.id, { action: 'assign', technicianId: technician.id });
  await step(technician, order.id, { action: 'accept' });
  await step(technician, order.id, { action: 'start' });
  return order;
}

describe('parts used in a repair', () => {
  it('leave the bag with the completion and show in the work order at the price of the day', async () => {
    const order = await inProgressOrder();
    const completed = await step(technician, order.id, report([{ partId: capacitor.id, quantity: 2 }]));
    expect(completed.statusCode).toBe(200);
    expect(completed.json().partsUsed).toEqual([
      { partId: capacitor.id, partNo: 'CAP-35UF', name: 'Kapasitor 35µF', quantity: 2, unitPrice: 45_000 },
    ]);
    expect((await stockAt(t, technician, bag)).get(capacitor.id)).toBe(1);

    await app.inject({
      method: 'PATCH',
      url: `/api/v1/parts/${capacitor.id}`,
      headers: bearer(clerk.token),
      payload: { price: 49_000 },
    });
    expect((await detail(agent, order.id)).partsUsed[0]?.unitPrice).toBe(45_000);
    const entries = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/stock/ledger?workOrderId=${order.id}`,
        headers: bearer(clerk.token),
      })
    ).json().items;
    expect(entries).toMatchObject([
      { reason: 'use', fromLocationId: bag, toLocationId: null, quantity: 2, actor: { id: technician.id } },
    ]);
  });

  it('refuse more than the bag holds (409 insufficient_stock): the work order stays in progress, nothing moves', async () => {
    const order = await inProgressOrder();
    const before = await stockAt(t, technician, bag);
    const refused = await step(
      technician,
      order.id,
      report([
        { partId: sensor.id, quantity: 1 },
        { partId: capacitor.id, quantity: 5 },
      ]),
    );
    expect(refused.statusCode).toBe(409);
    expect(problemOf(refused).code).toBe('insufficient_stock');
    const after = await detail(technician, order.id);
    expect(after).toMatchObject({ status: 'in_progress', report: null, partsUsed: [] });
    expect(after.history.map((h) => h.action)).not.toContain('complete');
    expect(await stockAt(t, technician, bag)).toEqual(before);
  });

  it('refuse unknown parts, zero or negative quantities and repeated parts with field paths', async () => {
    const order = await inProgressOrder();
    const cases: [{ partId: string; quantity: number }[], string][] = [
      [[{ partId: '01933b4c-0000-7000-8000-0000000000ff', quantity: 1 }], 'body.partsUsed.0.partId'],
      [[{ partId: sensor.id, quantity: 0 }], 'body.partsUsed.0.quantity'],
      [[{ partId: sensor.id, quantity: -1 }], 'body.partsUsed.0.quantity'],
      [
        [
          { partId: sensor.id, quantity: 1 },
          { partId: sensor.id, quantity: 1 },
        ],
        'body.partsUsed.1',
      ],
    ];
    for (const [partsUsed, path] of cases) {
      const response = await step(technician, order.id, report(partsUsed));
      expect(response.statusCode, path).toBe(400);
      expect(problemOf(response).errors?.[0]?.path).toBe(path);
    }
    expect((await detail(technician, order.id)).status).toBe('in_progress');
    // Completing without parts still works as before.
    expect((await step(technician, order.id, report())).json()).toMatchObject({ status: 'completed', partsUsed: [] });
  });

  it('come back to the bag with reversing entries when the work order is reopened or cancelled', async () => {
    const order = await inProgressOrder();
    await step(technician, order.id, report([{ partId: sensor.id, quantity: 1 }]));
    expect((await stockAt(t, technician, bag)).get(sensor.id)).toBe(1);

    const reopened = await step(supervisor, order.id, { action: 'reopen', reason: 'Masih tidak dingin' });
    expect(reopened.json()).toMatchObject({ status: 'assigned', partsUsed: [] });
    expect((await stockAt(t, technician, bag)).get(sensor.id)).toBe(2);

    await step(technician, order.id, { action: 'accept' });
    await step(technician, order.id, { action: 'start' });
    await step(technician, order.id, report([{ partId: sensor.id, quantity: 2 }]));
    expect((await detail(agent, order.id)).partsUsed).toMatchObject([{ partId: sensor.id, quantity: 2 }]);
    expect((await stockAt(t, technician, bag)).get(sensor.id) ?? 0).toBe(0);

    const cancelled = await step(agent, order.id, { action: 'cancel', reason: 'Pelanggan membatalkan' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', partsUsed: [] });
    expect((await stockAt(t, technician, bag)).get(sensor.id)).toBe(2);
    const reasons = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/stock/ledger?workOrderId=${order.id}`,
        headers: bearer(supervisor.token),
      })
    )
      .json()
      .items.map((e: { reason: string; quantity: number }) => `${e.reason} ${e.quantity}`);
    expect(reasons).toEqual(['use_reversal 2', 'use 2', 'use_reversal 1', 'use 1']);
    const { fromLedger, onHand } = await ledgerAgainstLevels(t);
    expect(fromLedger).toEqual(onHand);
  });
});
