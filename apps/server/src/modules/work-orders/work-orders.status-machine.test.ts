import {
  isActorAllowed,
  type WorkOrderAction,
  type WorkOrderStatus,
  workOrderActions,
  workOrderStatuses,
  workOrderTransitions,
} from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createCustomer,
  createUser,
  createWorkOrder,
  signaturePng,
} from '../../../test/app';

/*
 * Every action from every status by every kind of actor, generated from the shared status
 * table: allowed → 200 and the table's target status; actor not allowed → 403; allowed
 * actor but wrong status → 409 invalid_transition. Nothing changes on a refusal.
 */

const t = await buildTestApp();
const { app, database } = t;
const branch = await createBranch(t, ['31.74']);
const admin = await createUser(t, 'admin');
const supervisor = await createUser(t, 'supervisor', { branchId: branch.id });
const agent = await createUser(t, 'agent');
const warehouse = await createUser(t, 'warehouse', { branchId: branch.id });
const technician = await createUser(t, 'technician', { branchId: branch.id });
const otherTechnician = await createUser(t, 'technician', { branchId: branch.id });
await t.services.users.setTechnicianAreas({ ...admin, role: 'admin', sessionId: '' }, technician.id, ['31.74']);
const customer = await createCustomer(t, { areaCode: '31.74.07' });

type ActorKind = 'admin' | 'supervisor' | 'agent' | 'warehouse' | 'technician';
const actors: Record<ActorKind, { token: string; role: ActorKind }> = {
  admin: { ...admin, role: 'admin' },
  supervisor: { ...supervisor, role: 'supervisor' },
  agent: { ...agent, role: 'agent' },
  warehouse: { ...warehouse, role: 'warehouse' },
  technician: { ...technician, role: 'technician' },
};

/** Each booking in an hour of its own: one technician holds every work order here, and may not be in two places. */
let bookings = 0;

function bodyFor(action: WorkOrderAction): Record<string, unknown> {
  switch (action) {
    case 'assign':
      return { action, technicianId: technician.id };
    case 'decline':
    case 'cancel':
    case 'reopen':
      return { action, reason: 'Pelanggan minta dijadwal ulang' };
    case 'schedule': {
      const soon = Date.now() + (1 + 3 * bookings++) * 3600_000;
      return {
        action,
        appointmentStart: new Date(soon).toISOString(),
        appointmentEnd: new Date(soon + 7200_000).toISOString(),
      };
    }
    case 'hold':
      return { action, reason: 'waiting_part' };
    case 'complete':
      return { action, diagnosis: 'Freon habis', actionTaken: 'Isi freon', result: 'fixed', signature: signaturePng };
    default:
      return { action };
  }
}

/** A work order put straight into `status`; assigned to `technician` unless it is new. */
async function workOrderIn(status: WorkOrderStatus) {
  const order = await createWorkOrder(t, agent, { customerId: customer.id });
  await database.db
    .updateTable('work_order')
    .set({
      status,
      technicianId: status === 'new' ? null : technician.id,
      inProgressSince: status === 'in_progress' ? new Date().toISOString() : null,
    })
    .where('id', '=', order.id)
    .execute();
  return order.id;
}

function expectedOutcome(action: WorkOrderAction, status: WorkOrderStatus, kind: ActorKind): number {
  const allowed = isActorAllowed(action, {
    role: kind,
    isAssignedTechnician: kind === 'technician' && status !== 'new',
    isCoveringTechnician: kind === 'technician',
  });
  if (!allowed) return 403;
  return workOrderTransitions[action].from.includes(status) ? 200 : 409;
}

describe('the status machine, from the shared table', () => {
  for (const action of workOrderActions) {
    it(`${action}: from every status, by every role`, async () => {
      for (const status of workOrderStatuses) {
        const id = await workOrderIn(status);
        // Refusals first, then the one actor that may succeed, so one work order serves all.
        const kinds = (Object.keys(actors) as ActorKind[]).sort(
          (a, b) =>
            Number(expectedOutcome(action, status, a) === 200) - Number(expectedOutcome(action, status, b) === 200),
        );
        let succeeded = false;
        for (const kind of kinds) {
          const expected = expectedOutcome(action, status, kind);
          if (expected === 200 && succeeded) continue;
          const response = await app.inject({
            method: 'POST',
            url: `/api/v1/work-orders/${id}/transitions`,
            headers: bearer(actors[kind].token),
            payload: bodyFor(action),
          });
          const label = `${action} from ${status} by ${kind}`;
          expect(response.statusCode, `${label}: ${response.body}`).toBe(expected);
          if (expected === 200) {
            expect(response.json().status, label).toBe(workOrderTransitions[action].to);
            succeeded = true;
          } else {
            expect(response.json().code, label).toBe(expected === 403 ? 'forbidden' : 'invalid_transition');
            const row = await database.db
              .selectFrom('work_order')
              .select('status')
              .where('id', '=', id)
              .executeTakeFirstOrThrow();
            expect(row.status, `${label} changed nothing`).toBe(status);
          }
        }
      }
    });
  }

  it('lets a technician act only on their own work orders, and claim only in their areas', async () => {
    const id = await workOrderIn('assigned');
    const other = await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${id}/transitions`,
      headers: bearer(otherTechnician.token),
      payload: { action: 'accept' },
    });
    expect(other.statusCode).toBe(404);
    const unclaimable = await workOrderIn('new');
    const claim = await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${unclaimable}/transitions`,
      headers: bearer(otherTechnician.token),
      payload: { action: 'claim' },
    });
    expect(claim.statusCode).toBe(404);
  });
});
