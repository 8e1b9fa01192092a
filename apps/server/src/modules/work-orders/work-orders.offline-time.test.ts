import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createCustomer,
  createManualClock,
  createUser,
  createWorkOrder,
  multipartForm,
  signaturePng,
} from '../../../test/app';

/*
 * A technician works a day without a network; the phone sends the queue in the evening.
 * Each step is recorded when it happened on the phone, not when it arrived.
 */
const clock = createManualClock();
const t = await buildTestApp({ clock, env: { OFFLINE_TIME_WINDOW: '72h' } });
const { app } = t;
const branch = await createBranch(t, ['31']);
const agent = await createUser(t, 'agent');
const supervisor = await createUser(t, 'supervisor', { branchId: branch.id });
const technician = await createUser(t, 'technician', { branchId: branch.id });

const hoursAgo = (hours: number) => new Date(clock.now().getTime() - hours * 3_600_000).toISOString();

async function assignedWorkOrder() {
  const customer = await createCustomer(t, { areaCode: '31.74.07' });
  const order = await createWorkOrder(t, agent, { customerId: customer.id });
  await send(supervisor.token, order.id, { action: 'assign', technicianId: technician.id });
  return order;
}

async function send(token: string, id: string, payload: Record<string, unknown>) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/work-orders/${id}/transitions`,
    headers: bearer(token),
    payload,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{
    repairSeconds: number;
    report: { completedAt: string } | null;
    history: { action: string; at: string; receivedAt: string | null; timeAdjusted: boolean }[];
  }>();
}

const complete = {
  action: 'complete',
  diagnosis: 'Kapasitor lemah',
  actionTaken: 'Ganti kapasitor',
  result: 'fixed',
  signature: signaturePng,
};

describe('steps done offline', () => {
  it('are recorded at the phone time, repair time and completion included, and marked as offline', async () => {
    // The phone was synced an hour before; its clock ran 2 minutes slow then.
    clock.advanceSeconds(3600);
    const order = await assignedWorkOrder();
    clock.advanceSeconds(8 * 3600);
    const slow = 120_000;
    const phone = (hours: number) => ({
      occurredAt: new Date(Date.parse(hoursAgo(hours)) - slow).toISOString(),
      clockOffsetMs: slow,
    });
    await send(technician.token, order.id, { action: 'accept', ...phone(7) });
    await send(technician.token, order.id, { action: 'depart', ...phone(6) });
    await send(technician.token, order.id, { action: 'start', ...phone(5) });
    const done = await send(technician.token, order.id, { ...complete, ...phone(3.5) });

    expect(done.repairSeconds).toBe(1.5 * 3600);
    expect(done.report?.completedAt).toBe(hoursAgo(3.5));
    const offline = done.history.filter((entry) => entry.receivedAt !== null);
    expect(offline.map((entry) => [entry.action, entry.at, entry.timeAdjusted])).toEqual([
      ['accept', hoursAgo(7), false],
      ['depart', hoursAgo(6), false],
      ['start', hoursAgo(5), false],
      ['complete', hoursAgo(3.5), false],
    ]);
    expect(offline.every((entry) => entry.receivedAt === clock.now().toISOString())).toBe(true);
    expect(done.history.find((entry) => entry.action === 'assign')?.receivedAt).toBeNull();
  });

  it('clamps and flags a phone time ahead of the server, before the previous step, or older than the window', async () => {
    const order = await assignedWorkOrder();
    const assignedAt = clock.now().toISOString();
    clock.advanceSeconds(2 * 3600);
    const future = await send(technician.token, order.id, { action: 'accept', occurredAt: hoursAgo(-5) });
    expect(future.history.at(-1)).toMatchObject({ at: clock.now().toISOString(), timeAdjusted: true });

    const acceptedAt = clock.now().toISOString();
    clock.advanceSeconds(3600);
    const beforeAccept = await send(technician.token, order.id, { action: 'depart', occurredAt: hoursAgo(2) });
    expect(beforeAccept.history.at(-1)).toMatchObject({ at: acceptedAt, timeAdjusted: true });
    expect(acceptedAt > assignedAt).toBe(true);

    clock.advanceSeconds(100 * 3600);
    const ancient = await send(technician.token, order.id, { action: 'start', occurredAt: hoursAgo(96) });
    expect(ancient.history.at(-1)).toMatchObject({ at: hoursAgo(72), timeAdjusted: true });
  });

  it('records a photo, an approval and a payment taken offline at the phone time', async () => {
    const order = await assignedWorkOrder();
    clock.advanceSeconds(4 * 3600);
    await send(technician.token, order.id, { action: 'accept', occurredAt: hoursAgo(2) });
    await send(technician.token, order.id, { action: 'start', occurredAt: hoursAgo(1) });
    await send(technician.token, order.id, { ...complete, occurredAt: hoursAgo(0.5) });

    const png = Buffer.from(signaturePng.split(',')[1] ?? '', 'base64');
    const form = await multipartForm({ kind: 'after', occurredAt: hoursAgo(0.4), clockOffsetMs: '0' }, [
      { content: png, type: 'image/png', name: 'foto.png' },
    ]);
    const photo = await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${order.id}/attachments`,
      headers: { ...bearer(technician.token), 'content-type': form.contentType },
      payload: form.payload,
    });
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json()).toMatchObject({ uploadedAt: hoursAgo(0.4) });

    const detail = await app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/${order.id}`,
      headers: bearer(technician.token),
    });
    const { billing } = detail.json<{
      billing: { version: number; priceList: { laborOptions: number[]; transport: number } };
    }>();
    const charged = await app.inject({
      method: 'PUT',
      url: `/api/v1/work-orders/${order.id}/charges`,
      headers: { ...bearer(technician.token), 'if-match': String(billing.version) },
      payload: { labor: billing.priceList.laborOptions[0], transport: billing.priceList.transport },
    });
    const { total, customerPays } = charged.json<{ total: number; customerPays: number }>();
    const approval = await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${order.id}/approval`,
      headers: bearer(technician.token),
      payload: { signature: signaturePng, approvedTotal: total, name: 'Ibu Sri', occurredAt: hoursAgo(0.35) },
    });
    expect(approval.statusCode, approval.body).toBe(201);
    expect(approval.json()).toMatchObject({ approval: { at: hoursAgo(0.35) } });
    const payment = await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${order.id}/payments`,
      headers: bearer(technician.token),
      payload: { method: 'cash', amount: customerPays, occurredAt: hoursAgo(0.3) },
    });
    expect(payment.statusCode, payment.body).toBe(201);
    expect(payment.json()).toMatchObject({ payment: { at: hoursAgo(0.3) } });
  });

  it('refuses a phone time that is not a time, and a clock offset of more than a day', async () => {
    const order = await assignedWorkOrder();
    for (const payload of [
      { action: 'accept', occurredAt: 'kemarin sore' },
      { action: 'accept', occurredAt: hoursAgo(1), clockOffsetMs: 90_000_000 },
    ]) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/work-orders/${order.id}/transitions`,
        headers: bearer(technician.token),
        payload,
      });
      expect(response.statusCode).toBe(400);
    }
  });
});
