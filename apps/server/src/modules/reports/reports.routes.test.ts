import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createCustomer,
  createUser,
  createWorkOrder,
  problemOf,
  signaturePng,
} from '../../../test/app';
import { createPart, locationOf } from '../../../test/parts';
import { migrateToLatest } from '../../db/migrate';
import { migrations } from '../../db/migrations/index';
import { newId } from '../../platform/ids';

let now = Date.parse('2026-03-01T00:00:00.000Z');
const clock = { now: () => new Date(now) };
const setNow = (iso: string) => {
  now = Date.parse(iso);
};

const t = await buildTestApp({
  clock,
  // The test runs the breach check itself; the app's own would race it.
  env: { SLA_HOURS_URGENT: '4', SLA_HOURS_NORMAL: '48', SLA_AT_RISK_HOURS: '4', SLA_CHECK_INTERVAL_MS: '3600000' },
});
const { app, database } = t;
const db = database.db;

// Makassar (WITA, UTC+8) serves Jakarta Selatan here; a Jakarta (WIB) branch serves Jakarta Pusat.
const makassar = await t.services.branches.createBranch({
  code: 'MKS1',
  name: 'Cabang Makassar',
  address: 'Jl. Uji 1',
  timeZone: 'Asia/Makassar',
  areaCodes: ['31.74'],
  autoAssign: false,
});
const jakarta = await t.services.branches.createBranch({
  code: 'JKT1',
  name: 'Cabang Jakarta',
  address: 'Jl. Uji 2',
  timeZone: 'Asia/Jakarta',
  areaCodes: ['31.71'],
  autoAssign: false,
});
const admin = await createUser(t, 'admin');
const agent = await createUser(t, 'agent');
const supervisor = await createUser(t, 'supervisor', { branchId: makassar.id });
const jakartaSupervisor = await createUser(t, 'supervisor', { branchId: jakarta.id });
const tech = await createUser(t, 'technician', { branchId: makassar.id });
const otherTech = await createUser(t, 'technician', { branchId: makassar.id });
await t.services.users.setTechnicianAreas({ ...admin, role: 'admin', sessionId: '' }, tech.id, ['31.74']);

async function act(token: string, id: string, at: string, payload: Record<string, unknown>) {
  setNow(at);
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/work-orders/${id}/transitions`,
    headers: bearer(token),
    payload,
  });
  if (response.statusCode !== 200)
    throw new Error(`${String(payload.action)}: ${response.statusCode} ${response.body}`);
}
const complete = {
  action: 'complete',
  diagnosis: 'Freon habis',
  actionTaken: 'Isi freon',
  result: 'fixed',
  signature: signaturePng,
};

async function intake(at: string, areaCode: string, priority: 'normal' | 'urgent' = 'normal') {
  setNow(at);
  const customer = await createCustomer(t, { areaCode });
  return createWorkOrder(t, agent, { customerId: customer.id, priority });
}

/*
 * The hand-made data set. Local day 3 March WITA is 2026-03-02T16:00Z – 2026-03-03T16:00Z.
 * A: in 00:30 WITA, assigned +1 h, started +3 h, completed +4 h (repair 1 h), fixed first time.
 * B: urgent (due 4 h after intake) in 09:00 WITA, assigned +2 h, started +2.5 h, on hold 30 min
 *    in, restarted, completed 23:30 WITA (15:30Z): repair 30 min + 11 h; late.
 * C: in 23:30 WITA (15:30Z), never assigned: still open and, by 6 March, overdue.
 * F: in 04:00 WITA, assigned +1 h, started +2 h, completed +4 h (repair 2 h), reopened,
 *    restarted and completed again at 13:00 WITA (repair 2 h more).
 * D: in 00:30 WITA on 4 March (16:30Z on the 3rd): not a 3 March figure.
 * G: in on 4 March, due at 6 March 01:00Z: at risk at 6 March 00:00Z.
 * E: the Jakarta branch's, in 3 March 17:00 WIB, never assigned.
 */
const a = await intake('2026-03-02T16:30:00.000Z', '31.74.07');
const f = await intake('2026-03-02T20:00:00.000Z', '31.74.07');
await act(agent.token, a.id, '2026-03-02T17:30:00.000Z', { action: 'assign', technicianId: tech.id });
await act(tech.token, a.id, '2026-03-02T17:40:00.000Z', { action: 'accept' });
await act(tech.token, a.id, '2026-03-02T19:30:00.000Z', { action: 'start' });
await act(tech.token, a.id, '2026-03-02T20:30:00.000Z', complete);
await act(agent.token, f.id, '2026-03-02T21:00:00.000Z', { action: 'assign', technicianId: tech.id });
await act(tech.token, f.id, '2026-03-02T21:10:00.000Z', { action: 'accept' });
await act(tech.token, f.id, '2026-03-02T22:00:00.000Z', { action: 'start' });
await act(tech.token, f.id, '2026-03-03T00:00:00.000Z', complete);
const b = await intake('2026-03-03T01:00:00.000Z', '31.74.07', 'urgent');
await act(supervisor.token, f.id, '2026-03-03T02:00:00.000Z', { action: 'reopen', reason: 'Masih bocor' });
await act(tech.token, f.id, '2026-03-03T02:10:00.000Z', { action: 'accept' });
await act(agent.token, b.id, '2026-03-03T03:00:00.000Z', { action: 'assign', technicianId: tech.id });
await act(tech.token, f.id, '2026-03-03T03:00:00.000Z', { action: 'start' });
await act(tech.token, b.id, '2026-03-03T03:10:00.000Z', { action: 'accept' });
await act(tech.token, b.id, '2026-03-03T03:30:00.000Z', { action: 'start' });
await act(tech.token, b.id, '2026-03-03T04:00:00.000Z', { action: 'hold', reason: 'waiting_part' });
await act(tech.token, b.id, '2026-03-03T04:30:00.000Z', { action: 'start' });
await act(tech.token, f.id, '2026-03-03T05:00:00.000Z', complete);
const e = await intake('2026-03-03T10:00:00.000Z', '31.71.01');
await act(tech.token, b.id, '2026-03-03T15:30:00.000Z', complete);
const c = await intake('2026-03-03T15:30:00.000Z', '31.74.07');
const d = await intake('2026-03-03T16:30:00.000Z', '31.74.07');
await act(agent.token, d.id, '2026-03-03T17:30:00.000Z', { action: 'assign', technicianId: tech.id });
const g = await intake('2026-03-04T01:00:00.000Z', '31.74.07');

// Parts, payments and surveys straight into their tables: their own modules test how they get there.
const part = await createPart(t, admin, { price: 50_000 });
const warehouse = await locationOf(t, admin, makassar.id);
const partRow = (workOrderId: string, quantity: number, usedAt: string, reversedAt: string | null = null) => ({
  id: newId(),
  workOrderId,
  partId: part.id,
  locationId: warehouse,
  technicianId: tech.id,
  quantity,
  unitPrice: 50_000,
  usedAt,
  reversedAt,
});
await db
  .insertInto('work_order_part')
  .values([
    partRow(a.id, 2, '2026-03-02T20:30:00.000Z'),
    partRow(b.id, 1, '2026-03-03T15:30:00.000Z'),
    partRow(f.id, 5, '2026-03-03T00:00:00.000Z', '2026-03-03T02:00:00.000Z'),
    partRow(d.id, 1, '2026-03-03T17:00:00.000Z'),
  ])
  .execute();
const payment = (workOrderId: string, amount: number, at: string) => ({
  id: newId(),
  workOrderId,
  method: 'cash' as const,
  amount,
  reference: null,
  receiptNumber: `KW-${newId().slice(-8)}`,
  receivedBy: agent.id,
  at,
});
await db
  .insertInto('work_order_payment')
  .values([payment(a.id, 150_000, '2026-03-03T15:59:59.999Z'), payment(b.id, 100_000, '2026-03-03T16:00:00.000Z')])
  .execute();
const refund = (workOrderId: string, kind: 'refund' | 'credit_note', amount: number, at: string) => ({
  id: newId(),
  workOrderId,
  kind,
  method: kind === 'refund' ? ('cash' as const) : null,
  amount,
  reference: null,
  number: `RF-${newId().slice(-8)}`,
  reason: 'Kelebihan bayar',
  recordedBy: supervisor.id,
  at,
});
await db
  .insertInto('work_order_refund')
  .values([
    refund(a.id, 'refund', 20_000, '2026-03-03T12:00:00.000Z'),
    refund(b.id, 'credit_note', 30_000, '2026-03-04T02:00:00.000Z'),
  ])
  .execute();
await db
  .insertInto('survey_response')
  .values([
    { workOrderId: a.id, rating: 5, comment: null, createdAt: '2026-03-04T01:00:00.000Z' },
    { workOrderId: b.id, rating: 2, comment: null, createdAt: '2026-03-04T01:00:00.000Z' },
  ])
  .execute();

setNow('2026-03-06T00:00:00.000Z');

const get = (token: string, url: string) => app.inject({ method: 'GET', url, headers: bearer(token) });
const kpis = async (token: string, query: string) => {
  const response = await get(token, `/api/v1/reports/kpis?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const drill = async (token: string, query: string) => {
  const response = await get(token, `/api/v1/reports/kpis/work-orders?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as { id: string }[]).map((item) => item.id).sort();
};
const sorted = (...ids: string[]) => ids.sort();

describe('GET /api/v1/reports/kpis', () => {
  it('computes every figure of one local day of a WITA branch', async () => {
    const figures = await kpis(supervisor.token, `from=2026-03-03&to=2026-03-03&branchId=${makassar.id}`);
    expect(figures).toEqual({
      from: '2026-03-03',
      to: '2026-03-03',
      branchId: makassar.id,
      technicianId: null,
      received: 4, // A, F, B, C — not D (00:30 WITA on the 4th)
      completed: 3, // A, F, B (B at 23:30 WITA)
      open: 1, // C
      overdue: 1, // C, due 5 March 15:30Z
      meanSecondsToAssign: (3600 + 3600 + 7200) / 3,
      meanSecondsToArrive: (10_800 + 7200 + 9000) / 3,
      meanSecondsToComplete: (14_400 + 32_400 + 52_200) / 3,
      meanRepairSeconds: (3600 + 14_400 + 41_400) / 3,
      medianRepairSeconds: 14_400,
      firstTimeFixRate: 1 / 3, // A
      reopenRate: 1 / 3, // F
      repeatRepairRate: 0, // no unit came back
      slaAttainment: 2 / 3, // B was late
      slaAttainmentByPriority: { low: null, normal: 1, high: null, urgent: 0 },
      partsUsed: 3, // A 2, B 1; F's were reversed, D's are the 4th's
      partsValue: 150_000,
      revenue: 130_000, // 23:59:59 WITA counts, 00:00 on the 4th does not; less A's refund of 20,000
      csatAverage: 3.5,
      csatResponses: 2,
      csatResponseRate: 2 / 3,
      series: [{ day: '2026-03-03', received: 4, completed: 3 }],
    });
  });

  it('takes the refunds and credit notes off the revenue of the day they were recorded', async () => {
    const fourth = await kpis(supervisor.token, `from=2026-03-04&to=2026-03-04&branchId=${makassar.id}`);
    expect(fourth.revenue).toBe(100_000 - 30_000); // B's payment at 00:00 WITA, less B's credit note
    const both = await kpis(supervisor.token, `from=2026-03-03&to=2026-03-04&branchId=${makassar.id}`);
    expect(both.revenue).toBe(150_000 + 100_000 - 20_000 - 30_000);
  });

  it('files days by each branch zone across branches, and scopes a supervisor to their branch', async () => {
    const all = await kpis(admin.token, 'from=2026-03-03&to=2026-03-04');
    expect(all.series).toEqual([
      { day: '2026-03-03', received: 5, completed: 3 }, // E: 17:00 WIB on the 3rd
      { day: '2026-03-04', received: 2, completed: 0 }, // D, G
    ]);
    expect(all).toMatchObject({ received: 7, open: 4, branchId: null });
    const own = await kpis(supervisor.token, 'from=2026-03-03&to=2026-03-04');
    expect(own).toMatchObject({ received: 6, branchId: makassar.id });
    const jakartaOnly = await kpis(jakartaSupervisor.token, 'from=2026-03-03&to=2026-03-03');
    expect(jakartaOnly).toMatchObject({ received: 1, completed: 0, open: 1, slaAttainment: null, csatAverage: null });
    const response = await get(
      supervisor.token,
      `/api/v1/reports/kpis?from=2026-03-03&to=2026-03-03&branchId=${jakarta.id}`,
    );
    expect(problemOf(response).code).toBe('forbidden');
  });

  it('answers a technician about themselves only', async () => {
    const mine = await kpis(tech.token, 'from=2026-03-03&to=2026-03-04');
    expect(mine).toMatchObject({ technicianId: tech.id, received: 4, completed: 3, partsUsed: 4 }); // A, F, B, D
    const theirs = await kpis(otherTech.token, 'from=2026-03-03&to=2026-03-04');
    expect(theirs).toMatchObject({ technicianId: otherTech.id, received: 0, completed: 0, revenue: 0 });
    const response = await get(
      otherTech.token,
      `/api/v1/reports/kpis?from=2026-03-03&to=2026-03-04&technicianId=${tech.id}`,
    );
    expect(problemOf(response).code).toBe('forbidden');
  });

  it('refuses a period that ends before it starts', async () => {
    const response = await get(admin.token, '/api/v1/reports/kpis?from=2026-03-04&to=2026-03-03');
    expect(problemOf(response).code).toBe('validation_failed');
  });
});

describe('GET /api/v1/reports/kpis/work-orders', () => {
  const day = `from=2026-03-03&to=2026-03-03&branchId=${makassar.id}`;

  it('lists the work orders behind each figure', async () => {
    expect(await drill(supervisor.token, `kpi=received&${day}`)).toEqual(sorted(a.id, b.id, c.id, f.id));
    expect(await drill(supervisor.token, `kpi=completed&${day}`)).toEqual(sorted(a.id, b.id, f.id));
    expect(await drill(supervisor.token, `kpi=open&${day}`)).toEqual([c.id]);
    expect(await drill(supervisor.token, `kpi=overdue&${day}`)).toEqual([c.id]);
    expect(await drill(supervisor.token, `kpi=firstTimeFix&${day}`)).toEqual([a.id]);
    expect(await drill(supervisor.token, `kpi=reopened&${day}`)).toEqual([f.id]);
    expect(await drill(supervisor.token, `kpi=slaMissed&${day}`)).toEqual([b.id]);
    expect(await drill(supervisor.token, `kpi=surveyed&${day}`)).toEqual(sorted(a.id, b.id));
  });

  it('pages newest first', async () => {
    const first = (await get(supervisor.token, `/api/v1/reports/kpis/work-orders?kpi=received&${day}&limit=3`)).json();
    expect(first.items).toHaveLength(3);
    const rest = (
      await get(
        supervisor.token,
        `/api/v1/reports/kpis/work-orders?kpi=received&${day}&limit=3&cursor=${first.nextCursor}`,
      )
    ).json();
    expect(rest).toMatchObject({ nextCursor: null });
    expect([...first.items, ...rest.items].map((item: { id: string }) => item.id)).toEqual(
      sorted(a.id, b.id, c.id, f.id).reverse(),
    );
  });
});

describe('SLA', () => {
  it('lists open work orders at risk and past due, scoped to the branch', async () => {
    const board = (await get(supervisor.token, '/api/v1/reports/sla')).json();
    expect(board.atRiskHours).toBe(4);
    expect(board.atRisk.map((item: { id: string }) => item.id)).toEqual([g.id]);
    expect(board.breached.map((item: { id: string }) => item.id)).toEqual([c.id, d.id]);
    const everything = (await get(agent.token, '/api/v1/reports/sla')).json();
    expect(everything.breached.map((item: { id: string }) => item.id)).toEqual([e.id, c.id, d.id]);
    expect((await get(tech.token, '/api/v1/reports/sla')).statusCode).toBe(403);
  });

  it('flags each breach once, with its event and a notification to the branch supervisors', async () => {
    const before = await db
      .selectFrom('outbox_event')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    expect(await t.services.reports.flagBreaches()).toBe(3); // C, D, E
    expect(await t.services.reports.flagBreaches()).toBe(0);
    const events = await db
      .selectFrom('outbox_event')
      .select(['type', 'workOrderId', 'recipientId'])
      .where('id', '>', Number(before.id ?? 0))
      .execute();
    expect(
      events
        .filter((event) => event.type === 'work_order.updated')
        .map((event) => event.workOrderId)
        .sort(),
    ).toEqual(sorted(c.id, d.id, e.id));
    const notified = await db
      .selectFrom('notification')
      .select(['recipientId', 'workOrderId'])
      .where('title', 'like', 'SLA%')
      .execute();
    expect(notified.map((n) => `${n.recipientId}:${n.workOrderId}`).sort()).toEqual(
      [`${supervisor.id}:${c.id}`, `${supervisor.id}:${d.id}`, `${jakartaSupervisor.id}:${e.id}`].sort(),
    );

    setNow('2026-03-06T01:00:00.001Z'); // G is now past due too
    expect(await t.services.reports.flagBreaches()).toBe(1);
    const flagged = await db
      .selectFrom('work_order')
      .select('slaBreachedAt')
      .where('id', '=', g.id)
      .executeTakeFirstOrThrow();
    expect(flagged.slaBreachedAt).toBe('2026-03-06T01:00:00.001Z');
  });
});

describe('a reopened work order', () => {
  const slaNotices = async (id: string) =>
    (
      await db
        .selectFrom('notification')
        .select('recipientId')
        .where('workOrderId', '=', id)
        .where('title', 'like', 'SLA%')
        .execute()
    ).map((n) => n.recipientId);
  const summaryOf = async (id: string) => {
    const response = await get(agent.token, `/api/v1/work-orders/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ slaDueAt: string; slaBreachedAt: string | null }>();
  };
  const ids = (items: { id: string }[]) => items.map((item) => item.id);

  it('gets a fresh due time, is flagged and notified again, and its earlier miss still counts', async () => {
    // H, urgent (4 h): breached and completed late; reopened, breached again; reopened, on time.
    const h = await intake('2026-03-10T00:00:00.000Z', '31.74.07', 'urgent');
    await act(agent.token, h.id, '2026-03-10T00:10:00.000Z', { action: 'assign', technicianId: tech.id });
    await act(tech.token, h.id, '2026-03-10T00:20:00.000Z', { action: 'accept' });
    await act(tech.token, h.id, '2026-03-10T00:30:00.000Z', { action: 'start' });
    setNow('2026-03-10T05:00:00.000Z');
    expect(await t.services.reports.flagBreaches()).toBe(1);
    expect(await summaryOf(h.id)).toMatchObject({ slaBreachedAt: '2026-03-10T05:00:00.000Z' });
    await act(tech.token, h.id, '2026-03-10T06:00:00.000Z', complete);

    await act(supervisor.token, h.id, '2026-03-11T00:00:00.000Z', { action: 'reopen', reason: 'Masih bocor' });
    expect(await summaryOf(h.id)).toMatchObject({ slaDueAt: '2026-03-11T04:00:00.000Z', slaBreachedAt: null });
    setNow('2026-03-11T01:00:00.000Z');
    expect(await t.services.reports.flagBreaches()).toBe(0);
    const board = (await get(supervisor.token, '/api/v1/reports/sla')).json();
    expect(ids(board.atRisk)).toContain(h.id);
    expect(ids(board.breached)).not.toContain(h.id);
    await act(tech.token, h.id, '2026-03-11T01:10:00.000Z', { action: 'accept' });
    await act(tech.token, h.id, '2026-03-11T01:20:00.000Z', { action: 'start' });
    setNow('2026-03-11T04:00:00.001Z');
    expect(await t.services.reports.flagBreaches()).toBe(1);
    expect(await slaNotices(h.id)).toEqual([supervisor.id, supervisor.id]);
    await act(tech.token, h.id, '2026-03-11T05:00:00.000Z', complete);

    await act(supervisor.token, h.id, '2026-03-11T20:00:00.000Z', { action: 'reopen', reason: 'Bocor lagi' });
    await act(tech.token, h.id, '2026-03-11T20:10:00.000Z', { action: 'accept' });
    await act(tech.token, h.id, '2026-03-11T21:00:00.000Z', { action: 'start' });
    await act(tech.token, h.id, '2026-03-11T22:00:00.000Z', complete); // 06:00 WITA on 12 March, due 00:00Z

    // L, urgent: on time, reopened after its first due time, on time again from the reopening.
    const l = await intake('2026-03-11T17:00:00.000Z', '31.74.07', 'urgent');
    await act(agent.token, l.id, '2026-03-11T17:10:00.000Z', { action: 'assign', technicianId: tech.id });
    await act(tech.token, l.id, '2026-03-11T17:20:00.000Z', { action: 'accept' });
    await act(tech.token, l.id, '2026-03-11T17:30:00.000Z', { action: 'start' });
    await act(tech.token, l.id, '2026-03-11T18:00:00.000Z', complete);
    await act(supervisor.token, l.id, '2026-03-12T00:00:00.000Z', { action: 'reopen', reason: 'Berisik' });
    await act(tech.token, l.id, '2026-03-12T00:10:00.000Z', { action: 'accept' });
    await act(tech.token, l.id, '2026-03-12T01:00:00.000Z', { action: 'start' });
    await act(tech.token, l.id, '2026-03-12T02:00:00.000Z', complete); // due 04:00Z from the reopening

    const day = `from=2026-03-12&to=2026-03-12&branchId=${makassar.id}`;
    const figures = await kpis(supervisor.token, day);
    expect(figures).toMatchObject({
      completed: 2, // H and L, at their latest completion
      slaAttainment: 1 / 2,
      slaAttainmentByPriority: { urgent: 1 / 2 },
      reopenRate: 1,
    });
    expect(await drill(supervisor.token, `kpi=slaMissed&${day}`)).toEqual([h.id]);
    // The days of their earlier completions no longer hold them, as for every completion figure.
    expect(await kpis(supervisor.token, `from=2026-03-10&to=2026-03-11&branchId=${makassar.id}`)).toMatchObject({
      completed: 0,
    });
  });

  it('counts a changed priority from the latest reopening, and clears a flag whose due time moved ahead', async () => {
    const m = await intake('2026-03-14T00:00:00.000Z', '31.74.07', 'urgent');
    await act(agent.token, m.id, '2026-03-14T00:10:00.000Z', { action: 'assign', technicianId: tech.id });
    await act(tech.token, m.id, '2026-03-14T00:20:00.000Z', { action: 'accept' });
    await act(tech.token, m.id, '2026-03-14T00:30:00.000Z', { action: 'start' });
    await act(tech.token, m.id, '2026-03-14T01:00:00.000Z', complete);
    await act(supervisor.token, m.id, '2026-03-16T00:00:00.000Z', { action: 'reopen', reason: 'Masih bocor' });
    setNow('2026-03-16T05:00:00.000Z');
    expect(await t.services.reports.flagBreaches()).toBe(1);
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/work-orders/${m.id}`,
      headers: bearer(agent.token),
      payload: { priority: 'normal' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ slaDueAt: '2026-03-18T00:00:00.000Z', slaBreachedAt: null });
  });

  it('lists the open work orders no branch serves with branchId=none, to the office but not a supervisor', async () => {
    const u = await intake('2026-03-18T00:00:00.000Z', '31.73.01'); // Jakarta Barat: no branch here
    expect(u.branchId).toBeNull();
    setNow('2026-03-20T01:00:00.000Z');
    const none = (await get(agent.token, '/api/v1/reports/sla?branchId=none')).json();
    expect(ids(none.breached)).toEqual([u.id]);
    const own = (await get(agent.token, `/api/v1/reports/sla?branchId=${makassar.id}`)).json();
    expect(ids(own.breached)).not.toContain(u.id);
    expect(problemOf(await get(supervisor.token, '/api/v1/reports/sla?branchId=none')).code).toBe('forbidden');
  });
});

describe('the 2026-11-28T1900 migration', () => {
  it('fills what the transitions keep for the KPIs from the history of existing work orders', async () => {
    const kept = () =>
      db
        .selectFrom('work_order')
        .select(['id', 'firstAssignedAt', 'firstStartedAt', 'startCount', 'reopenCount'])
        .orderBy('id')
        .execute();
    const before = await kept();
    expect(before.find((row) => row.id === f.id)).toMatchObject({ startCount: 2, reopenCount: 1 });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('2026-11-28T1800-create-billing-and-tracking')).error).toBeUndefined();
    // The migration under test runs first; later ones follow it.
    expect((await migrateToLatest(db))[0]).toBe('2026-11-28T1900-add-reports-and-sla-breach');
    expect(await kept()).toEqual(before);
  });
});
