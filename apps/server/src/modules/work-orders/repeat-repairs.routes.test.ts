import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createCustomer,
  createManualClock,
  createUser,
  createWorkOrder,
  problemOf,
  signaturePng,
  signIn,
} from '../../../test/app';

const clock = createManualClock();
const day = 86400;
const t = await buildTestApp({ clock, env: { REPEAT_REPAIR_DAYS: '30' } });
const { app } = t;
const branch = await t.services.branches.createBranch({
  code: 'RPT1',
  name: 'Cabang Ulang',
  address: 'Jl. Uji 1',
  timeZone: 'Asia/Jakarta',
  areaCodes: ['31.74'],
  autoAssign: false,
});
const admin = await createUser(t, 'admin');
const agent = await createUser(t, 'agent');
const tech = await createUser(t, 'technician', { branchId: branch.id, name: 'Teknisi Ulang' });
await t.services.users.setTechnicianAreas({ ...admin, role: 'admin', sessionId: '' }, tech.id, ['31.74']);

/** Days pass: the clock moves and everyone signs in again, their sessions having expired meanwhile. */
async function later(seconds: number) {
  clock.advanceSeconds(seconds);
  for (const user of [admin, agent, tech]) user.token = await signIn(app, user.employeeNo, user.password);
}

async function act(token: string, id: string, payload: Record<string, unknown>) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/work-orders/${id}/transitions`,
    headers: bearer(token),
    payload,
  });
  if (response.statusCode !== 200) throw new Error(`${String(payload.action)}: ${response.body}`);
  return response.json<{ version: number }>();
}

/** Assigned, started and completed by the technician, an hour in all. */
async function repair(id: string) {
  await act(agent.token, id, { action: 'assign', technicianId: tech.id });
  await act(tech.token, id, { action: 'accept' });
  clock.advanceSeconds(1800);
  await act(tech.token, id, { action: 'start' });
  clock.advanceSeconds(1800);
  await act(tech.token, id, {
    action: 'complete',
    diagnosis: 'Freon habis',
    actionTaken: 'Isi freon',
    result: 'fixed',
    signature: signaturePng,
  });
}

const get = async (url: string, token = agent.token) => app.inject({ method: 'GET', url, headers: bearer(token) });
const detailOf = async (id: string) =>
  (await get(`/api/v1/work-orders/${id}`)).json<{ repeatOf: { id: string; number: string } | null }>();

const customer = await createCustomer(t, { areaCode: '31.74.07' });
const unit = customer.product;
const other = await t.services.customers.addProduct(customer.id, {
  modelCode: unit.model.code,
  serialNumber: `OTHER${Date.now().toString(36).toUpperCase()}`,
  purchaseDate: null,
});
const periodStart = clock.now().toISOString().slice(0, 10);
const first = await createWorkOrder(t, agent, { customerId: customer.id, customerProductId: unit.id });
await repair(first.id);
const firstDone = clock.now().toISOString();

await later(10 * day);
const comeback = await createWorkOrder(t, agent, { customerId: customer.id, customerProductId: unit.id });
const otherUnit = await createWorkOrder(t, agent, { customerId: customer.id, customerProductId: other.id });

describe('repeat repairs', () => {
  it('marks a work order on a unit repaired within the window as a repeat, at intake and on the detail', async () => {
    expect(comeback).toMatchObject({ repeatOf: { id: first.id, number: first.number, completedAt: firstDone } });
    expect((await detailOf(comeback.id)).repeatOf?.id).toBe(first.id);
    expect(otherUnit).toMatchObject({ repeatOf: null });
    expect((await detailOf(first.id)).repeatOf).toBeNull();
  });

  it('does not mark a unit whose last repair is older than the window', async () => {
    await later(25 * day);
    const late = await createWorkOrder(t, agent, { customerId: customer.id, customerProductId: unit.id });
    expect(late).toMatchObject({ repeatOf: null });
    await later(-25 * day);
  });

  it('moves the mark when the office changes the unit of a work order, and the count with it', async () => {
    const edit = async (customerProductId: string) => {
      const { version } = (await get(`/api/v1/work-orders/${otherUnit.id}`)).json<{ version: number }>();
      const response = await app.inject({
        method: 'PATCH',
        url: `/api/v1/work-orders/${otherUnit.id}`,
        headers: bearer(agent.token),
        payload: { customerProductId, version },
      });
      expect(response.statusCode).toBe(200);
      return response.json<{ repeatOf: { id: string } | null }>();
    };
    const repeatCount = async () =>
      (
        await t.database.db
          .selectFrom('work_order')
          .select('repeatCount')
          .where('id', '=', first.id)
          .executeTakeFirstOrThrow()
      ).repeatCount;
    expect(await repeatCount()).toBe(1);
    expect((await edit(unit.id)).repeatOf?.id).toBe(first.id);
    expect(await repeatCount()).toBe(2);
    expect((await edit(other.id)).repeatOf).toBeNull();
    expect(await repeatCount()).toBe(1);
  });

  it('counts the repeated repair in the KPIs, its drill-down and the report by technician and model', async () => {
    const period = `from=${periodStart}&to=${clock.now().toISOString().slice(0, 10)}&branchId=${branch.id}`;
    const kpis = (await get(`/api/v1/reports/kpis?${period}`, admin.token)).json<{
      completed: number;
      repeatRepairRate: number | null;
    }>();
    expect(kpis).toMatchObject({ completed: 1, repeatRepairRate: 1 });
    const drill = (await get(`/api/v1/reports/kpis/work-orders?kpi=repeated&${period}`, admin.token)).json<{
      items: { id: string }[];
    }>();
    expect(drill.items.map((item) => item.id)).toEqual([first.id]);
    const report = await get(`/api/v1/reports/repeat-repairs?${period}`, admin.token);
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({
      byTechnician: [{ technicianId: tech.id, technicianName: 'Teknisi Ulang', completed: 1, repeated: 1, rate: 1 }],
      byModel: [{ modelCode: unit.model.code, brand: unit.model.brand, completed: 1, repeated: 1, rate: 1 }],
    });
  });

  it("lists a unit's history under every owner it had", async () => {
    const newOwner = await createCustomer(t, { areaCode: '31.74.07', name: 'Bapak Pembeli Baru' });
    const transfer = await app.inject({
      method: 'POST',
      url: `/api/v1/products/${unit.id}/transfer`,
      headers: bearer(agent.token),
      payload: { toCustomerId: newOwner.id },
    });
    expect(transfer.statusCode).toBe(200);
    const next = await createWorkOrder(t, agent, { customerId: newOwner.id, customerProductId: unit.id });
    const history = (await get(`/api/v1/work-orders?customerProductId=${unit.id}`)).json<{
      items: { id: string; customer: { id: string } }[];
    }>();
    const ids = history.items.map((item) => item.id);
    expect(ids[0]).toBe(next.id);
    expect(ids).toEqual(expect.arrayContaining([comeback.id, first.id]));
    expect(ids).not.toContain(otherUnit.id);
    expect(new Set(history.items.map((item) => item.customer.id))).toEqual(new Set([customer.id, newOwner.id]));
  });

  it('refuses a unit filter that is not an id', async () => {
    const response = await get('/api/v1/work-orders?customerProductId=abc');
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors?.[0]?.path).toBe('query.customerProductId');
  });
});
