import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createProductModel,
  createUser,
  createWorkOrder,
  problemOf,
} from '../../../test/app';

const t = await buildTestApp();
const { app, database } = t;
const jakarta = await createBranch(t, ['31']);
const makassar = await createBranch(t, ['73']);
const admin = await createUser(t, 'admin');
const agent = await createUser(t, 'agent', { branchId: jakarta.id });
const supervisor = await createUser(t, 'supervisor', { branchId: jakarta.id });
const makassarSupervisor = await createUser(t, 'supervisor', { branchId: makassar.id });
const technician = await createUser(t, 'technician', { branchId: jakarta.id });
const model = await createProductModel(t);

const send = (method: 'GET' | 'POST', url: string, token: string, payload?: Record<string, unknown>) =>
  app.inject({ method, url, headers: bearer(token), ...(payload === undefined ? {} : { payload }) });
const merge = (survivorId: string, duplicateId: string, token = supervisor.token) =>
  send('POST', `/api/v1/customers/${survivorId}/merge`, token, { duplicateId });
const preview = (survivorId: string, duplicateId: string, token = supervisor.token) =>
  send('GET', `/api/v1/customers/${survivorId}/merge-preview?duplicateId=${duplicateId}`, token);
const read = (path: string) => send('GET', path, agent.token);

let sequence = 0;
/** A unique run of digits for this file's numbers and serials. */
function digits() {
  sequence += 1;
  return `${String(Date.now()).slice(-5)}${String(sequence).padStart(3, '0')}`;
}

async function customer(body: Record<string, unknown>) {
  const response = await send('POST', '/api/v1/customers', agent.token, {
    address: 'Jl. Kemang Raya No. 21',
    areaCode: '31.74.07',
    ...body,
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json<{ id: string; name: string; version: number }>();
}

async function unit(customerId: string) {
  const response = await send('POST', `/api/v1/customers/${customerId}/products`, agent.token, {
    modelCode: model.code,
    serialNumber: `MRG-${digits()}`,
  });
  return response.json<{ id: string; serialNumber: string }>();
}

describe('merging a customer into another', () => {
  it("moves the duplicate's units, work orders and numbers to the survivor, and the duplicate points there", async () => {
    const shared = `0812${digits()}`;
    const own = `0857${digits()}`;
    const survivor = await customer({
      name: 'Ibu Sari Wulandari',
      phones: [
        { number: `0813${digits()}`, label: 'mobile', isPrimary: true },
        { number: shared, label: 'home' },
      ],
    });
    const duplicate = await customer({
      name: 'Ny. Sari Handoko',
      email: 'sari.handoko@contoh.co.id',
      phones: [
        { number: `+62 ${shared.slice(1)}`, label: 'whatsapp', isPrimary: true },
        { number: own, label: 'family' },
      ],
    });
    const product = await unit(duplicate.id);
    const order = await createWorkOrder(t, agent, { customerId: duplicate.id, customerProductId: product.id });
    await send('POST', `/api/v1/work-orders/${order.id}/transitions`, agent.token, {
      action: 'assign',
      technicianId: technician.id,
    });
    const load = () => database.db.selectFrom('technician_load').selectAll().execute();
    const loadBefore = await load();
    expect((await read(`/api/v1/customers?q=handoko`)).json().items.map((c: { id: string }) => c.id)).toEqual([
      duplicate.id,
    ]);

    const shown = await preview(survivor.id, duplicate.id);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({
      survivor: { customer: { id: survivor.id }, workOrderCount: 0 },
      duplicate: { customer: { id: duplicate.id, products: [{ id: product.id }] }, workOrderCount: 1 },
    });
    expect(shown.json().phones.map((p: { isPrimary: boolean }) => p.isPrimary)).toEqual([true, false, false]);

    const merged = await merge(survivor.id, duplicate.id);
    expect(merged.statusCode).toBe(200);
    expect(merged.json().moved).toEqual({ products: 1, workOrders: 1, phones: 1 });
    const kept = (await read(`/api/v1/customers/${survivor.id}`)).json();
    expect(kept).toMatchObject({ name: 'Ibu Sari Wulandari', email: 'sari.handoko@contoh.co.id' });
    expect(kept.phones).toEqual([...shown.json().phones]);
    expect(kept.phones.filter((p: { isPrimary: boolean }) => p.isPrimary)).toEqual([kept.phones[0]]);
    expect(kept.products.map((p: { id: string }) => p.id)).toEqual([product.id]);
    expect(kept.products[0].ownershipHistory).toEqual([
      {
        kind: 'merge',
        from: { id: duplicate.id, name: 'Ny. Sari Handoko' },
        to: { id: survivor.id, name: 'Ibu Sari Wulandari' },
        at: expect.any(String),
        by: { id: supervisor.id, name: supervisor.name },
      },
    ]);

    const gone = await read(`/api/v1/customers/${duplicate.id}`);
    expect(gone.statusCode).toBe(404);
    expect(problemOf(gone).mergedIntoId).toBe(survivor.id);
    expect((await read(`/api/v1/customers?q=handoko`)).json().items).toEqual([]);
    const byOwnNumber = (await read(`/api/v1/customers?q=${own}`)).json().items;
    expect(byOwnNumber.map((c: { id: string }) => c.id)).toEqual([survivor.id]);
    expect((await read(`/api/v1/customers?q=${product.serialNumber}`)).json().items[0].id).toBe(survivor.id);

    const detail = (await read(`/api/v1/work-orders/${order.id}`)).json();
    expect(detail.customer).toMatchObject({ id: survivor.id, name: 'Ibu Sari Wulandari' });
    expect(detail.status).toBe('assigned');
    expect(detail.history.at(-1)).toMatchObject({
      action: 'customer_merged',
      fromStatus: 'assigned',
      toStatus: 'assigned',
      actor: { id: supervisor.id },
    });
    expect(detail.history.at(-1).note).toContain('Ny. Sari Handoko');
    const ofSurvivor = (await read(`/api/v1/work-orders?customerId=${survivor.id}`)).json().items;
    expect(ofSurvivor.map((o: { id: string }) => o.id)).toEqual([order.id]);
    const event = await database.db
      .selectFrom('outbox_event')
      .select(['type', 'payload'])
      .where('workOrderId', '=', order.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.type).toBe('work_order.updated');
    expect(JSON.parse(event.payload).customer.id).toBe(survivor.id);
    expect(await load()).toEqual(loadBefore);
  });

  it('is refused for the customer itself, an unknown or merged duplicate, and changes nothing', async () => {
    const survivor = await customer({ name: 'Bapak Joko Susilo', phone: `0812${digits()}` });
    const duplicate = await customer({ name: 'Pak Joko S.', phone: `0812${digits()}` });
    const self = await merge(survivor.id, survivor.id);
    expect(self.statusCode).toBe(400);
    expect(problemOf(self).errors?.[0]?.path).toBe('body.duplicateId');
    const unknown = await merge(survivor.id, '0190f000-0000-7000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(problemOf(unknown).errors?.[0]?.path).toBe('body.duplicateId');
    expect((await merge(survivor.id, 'not-an-id')).statusCode).toBe(400);
    expect((await send('POST', `/api/v1/customers/${survivor.id}/merge`, supervisor.token, {})).statusCode).toBe(400);
    expect((await read(`/api/v1/customers/${duplicate.id}`)).json().version).toBe(duplicate.version);

    expect((await merge(survivor.id, duplicate.id)).statusCode).toBe(200);
    const again = await merge(survivor.id, duplicate.id);
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).mergedIntoId).toBe(survivor.id);
    const intoMerged = await merge(duplicate.id, survivor.id);
    expect(intoMerged.statusCode).toBe(404);
    expect(problemOf(intoMerged).mergedIntoId).toBe(survivor.id);
  });

  it('is for admins and for supervisors of the branch that serves both customers and their work orders', async () => {
    const survivor = await customer({ name: 'Ibu Ani Rahayu', phone: `0812${digits()}` });
    const duplicate = await customer({ name: 'Ani R.', phone: `0812${digits()}` });
    const elsewhere = await customer({ name: 'Ibu Ani Makassar', phone: `0812${digits()}`, areaCode: '73.71.09' });
    expect((await merge(survivor.id, duplicate.id, agent.token)).statusCode).toBe(403);
    expect((await merge(survivor.id, duplicate.id, technician.token)).statusCode).toBe(403);
    expect((await preview(survivor.id, duplicate.id, agent.token)).statusCode).toBe(403);
    expect((await merge(survivor.id, duplicate.id, makassarSupervisor.token)).statusCode).toBe(403);
    const across = await merge(survivor.id, elsewhere.id);
    expect(across.statusCode).toBe(403);
    expect(problemOf(across).detail).toContain('Ibu Ani Makassar');
    expect((await preview(survivor.id, elsewhere.id)).statusCode).toBe(403);

    // Moved house: the customer lives in Jakarta now, their work order was Makassar's.
    const moved = await customer({ name: 'Ani Rahayu (lama)', phone: `0812${digits()}`, areaCode: '73.71.09' });
    await createWorkOrder(t, agent, { customerId: moved.id });
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${moved.id}`,
      headers: bearer(agent.token),
      payload: { areaCode: '31.74.07' },
    });
    expect(patched.statusCode).toBe(200);
    expect((await merge(survivor.id, moved.id)).statusCode).toBe(403);
    expect((await merge(survivor.id, moved.id, admin.token)).statusCode).toBe(200);
    expect((await merge(survivor.id, elsewhere.id, admin.token)).statusCode).toBe(200);
    expect((await merge(survivor.id, duplicate.id)).statusCode).toBe(200);
  });

  it('refuses a merge that would give the survivor more than six numbers, and says so', async () => {
    const numbers = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ number: `0812${digits()}`, isPrimary: index === 0 }));
    const survivor = await customer({ name: 'Bapak Rudi Hartono', phones: numbers(4) });
    const duplicate = await customer({ name: 'Rudi H.', phones: numbers(3) });
    for (const response of [await preview(survivor.id, duplicate.id), await merge(survivor.id, duplicate.id)]) {
      expect(response.statusCode).toBe(409);
      expect(problemOf(response).code).toBe('conflict');
      expect(problemOf(response).detail).toContain('7');
    }
    expect((await read(`/api/v1/customers/${survivor.id}`)).json().phones).toHaveLength(4);
    expect((await read(`/api/v1/customers/${duplicate.id}`)).statusCode).toBe(200);
  });
});
