import { openWorkOrderStatuses } from '@purnajual/contract';
import type { Insertable, Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createCustomer,
  createManualClock,
  createUser,
  createWorkOrder,
  signaturePng,
} from '../../../test/app';
import { analyze, planOf } from '../../../test/query-plan';
import * as keepTechnicianLoad from '../../db/migrations/2026-12-03T1400-keep-technician-load';
import type { WorkOrderTable } from '../../db/schema/work-order';
import { newId } from '../../platform/ids';
import { appointmentsQuery, technicianLoadsQuery } from './technician-load.repository';

const clock = createManualClock(new Date('2026-11-30T01:00:00.000Z'));
const t = await buildTestApp({ clock });
const { app, database } = t;
const db = database.db;
const branch = await createBranch(t, ['31.74']);
const admin = await createUser(t, 'admin');
const technicians = [
  await createUser(t, 'technician', { branchId: branch.id }),
  await createUser(t, 'technician', { branchId: branch.id }),
];
for (const technician of technicians) {
  await t.services.users.setTechnicianAreas({ ...admin, role: 'admin', sessionId: '' }, technician.id, ['31.74']);
}
const [first, second] = technicians as [(typeof technicians)[number], (typeof technicians)[number]];
const customer = await createCustomer(t, { areaCode: '31.74.07' });

/** The load as dispatch used to compute it: an aggregate over every work order a technician ever had. */
async function loadsFromWorkOrders() {
  const rows = await db
    .selectFrom('work_order')
    .select((eb) => [
      'technicianId',
      eb.fn
        .sum<number | string>(eb.case().when('status', 'in', openWorkOrderStatuses).then(1).else(0).end())
        .as('open'),
      eb.fn.max('updatedAt').as('last'),
    ])
    .where('technicianId', 'in', [first.id, second.id])
    .groupBy('technicianId')
    .execute();
  return Object.fromEntries(
    technicians.map(({ id }) => {
      const row = rows.find((r) => r.technicianId === id);
      return [id, { open: Number(row?.open ?? 0), last: row?.last ?? null }];
    }),
  );
}

async function keptLoads() {
  const rows = await technicianLoadsQuery(db, [first.id, second.id]).execute();
  return Object.fromEntries(
    technicians.map(({ id }) => {
      const row = rows.find((r) => r.technicianId === id);
      return [id, { open: row?.openWorkOrders ?? 0, last: row?.lastActivityAt ?? null }];
    }),
  );
}

async function act(token: string, id: string, body: Record<string, unknown>) {
  clock.advanceSeconds(60);
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/work-orders/${id}/transitions`,
    headers: bearer(token),
    payload: body,
  });
  expect(response.statusCode, `${String(body.action)}: ${response.body}`).toBe(200);
  expect(await keptLoads(), `after ${String(body.action)}`).toEqual(await loadsFromWorkOrders());
}

const reason = { reason: 'Pelanggan minta dijadwal ulang' };

describe('technician load kept by the transitions', () => {
  it('equals the aggregate over every work order through assign, reassign, decline, complete, cancel, reopen and edits', async () => {
    const a = await createWorkOrder(t, admin, { customerId: customer.id });
    const b = await createWorkOrder(t, admin, { customerId: customer.id });
    await act(admin.token, a.id, { action: 'assign', technicianId: first.id });
    await act(admin.token, b.id, { action: 'assign', technicianId: first.id });
    // Reassigned away: the first technician's latest change falls back to the work order left to them.
    await act(admin.token, a.id, { action: 'assign', technicianId: second.id });
    await act(second.token, a.id, { action: 'decline', ...reason });
    await act(admin.token, a.id, { action: 'assign', technicianId: second.id });
    await act(second.token, a.id, { action: 'accept' });
    await act(second.token, a.id, { action: 'start' });
    await act(second.token, a.id, {
      action: 'complete',
      diagnosis: 'Freon habis',
      actionTaken: 'Isi freon',
      result: 'fixed',
      signature: signaturePng,
    });
    await act(admin.token, a.id, { action: 'reopen', ...reason });
    await act(admin.token, b.id, { action: 'cancel', ...reason });
    clock.advanceSeconds(60);
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/v1/work-orders/${a.id}`,
      headers: bearer(admin.token),
      payload: { complaint: 'AC tidak dingin sama sekali' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(await keptLoads()).toEqual(await loadsFromWorkOrders());
    expect((await keptLoads())[second.id]).toMatchObject({ open: 1 });
  });

  it('counts an auto-assigned intake, and the next intake goes to the technician with fewer open work orders', async () => {
    const auto = await createBranch(t, ['31.75']);
    await t.services.branches.updateBranch(auto.id, { autoAssign: true });
    const busy = await createUser(t, 'technician', { branchId: auto.id });
    const idle = await createUser(t, 'technician', { branchId: auto.id });
    for (const technician of [busy, idle]) {
      await t.services.users.setTechnicianAreas({ ...admin, role: 'admin', sessionId: '' }, technician.id, ['31.75']);
    }
    const there = await createCustomer(t, { areaCode: '31.75.01' });
    const taken = await createWorkOrder(t, admin, { customerId: there.id });
    const firstAssignee = taken.technicianId;
    clock.advanceSeconds(60);
    const next = await createWorkOrder(t, admin, { customerId: there.id });
    expect(next.technicianId).not.toBe(firstAssignee);
    const loads = await technicianLoadsQuery(db, [busy.id, idle.id]).execute();
    expect(loads.map((row) => row.openWorkOrders)).toEqual([1, 1]);
  });

  it('is filled from the existing work orders by the migration', async () => {
    const expected = await loadsFromWorkOrders();
    // Migrations take the database untyped, as it was when they were written.
    const untyped = db as unknown as Kysely<unknown>;
    await keepTechnicianLoad.down(untyped);
    await keepTechnicianLoad.up(untyped);
    expect(await keptLoads()).toEqual(expected);
  });
});

describe('dispatch load reads no history', () => {
  it('reads one row per technician and only one day of appointments, however long the history', async () => {
    const history: Insertable<WorkOrderTable>[] = Array.from({ length: 600 }, (_, index) => {
      const at = new Date(Date.parse('2025-01-01T00:00:00.000Z') + index * 3600_000).toISOString();
      return {
        id: newId(),
        number: `WO-HIST-${String(index).padStart(6, '0')}`,
        customerId: customer.id,
        customerProductId: null,
        branchId: branch.id,
        technicianId: technicians[index % 2]?.id ?? null,
        provinceCode: '31',
        regencyCode: '31.74',
        districtCode: '31.74.07',
        status: index % 50 === 0 ? 'scheduled' : 'closed',
        priority: 'normal',
        serviceType: 'home_visit',
        complaint: 'AC tidak dingin',
        warrantyStatus: 'unknown',
        slaDueAt: at,
        appointmentStart: at,
        appointmentEnd: at,
        holdReason: null,
        diagnosis: null,
        actionTaken: null,
        result: null,
        signatureFile: null,
        completedAt: null,
        repairSeconds: 0,
        inProgressSince: null,
        createdBy: admin.id,
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
    });
    await db.insertInto('work_order').values(history).execute();
    await analyze(db, ['work_order', 'technician_load']);
    const ids = [first.id, second.id];

    // One row per technician (a planner may scan a table this small), and no work order at all.
    const loads = await planOf(db, technicianLoadsQuery(db, ids));
    expect(loads.map((access) => access.table)).toEqual(['technician_load']);

    const appointments = await planOf(
      db,
      appointmentsQuery(db, ids, '2026-11-30T00:00:00.000Z', '2026-12-01T00:00:00.000Z'),
    );
    expect(appointments).toMatchObject([{ table: 'work_order', fullScan: false }]);
    // MariaDB may intersect it with a status index; the day's range is read either way.
    expect(appointments[0]?.index).toContain('work_order_technician_appointment_idx');
  });
});
