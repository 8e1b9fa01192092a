import { openWorkOrderStatuses, type WorkOrderStatus, workOrderStatuses } from '@purnajual/contract';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema/index';

/*
 * What dispatch reads to rank technicians, without reading their history: `technician_load`
 * (kept by every work-order write in its own transaction) and one day of appointments.
 */

/** Where a work order stands for its technician's load: whose it is, and its status. */
export interface LoadPosition {
  technicianId: string | null;
  status: WorkOrderStatus;
}

const isOpen = (status: WorkOrderStatus) => (openWorkOrderStatuses as readonly WorkOrderStatus[]).includes(status);
/** Statuses that hold a technician no longer. */
export const endedStatuses = workOrderStatuses.filter((status) => !isOpen(status));

async function updateLoad(db: Kysely<DB>, technicianId: string, openDelta: number, at: string, kept: boolean) {
  const result = await db
    .updateTable('technician_load')
    .set((eb) => ({
      openWorkOrders: eb('openWorkOrders', '+', openDelta),
      lastActivityAt: kept
        ? sql<string>`case when ${eb.ref('lastActivityAt')} is null or ${eb.ref('lastActivityAt')} < ${at} then ${at} else ${eb.ref('lastActivityAt')} end`
        : eb
            .selectFrom('work_order')
            .select((sub) => sub.fn.max('work_order.updatedAt').as('at'))
            .where('work_order.technicianId', '=', technicianId),
    }))
    .where('technicianId', '=', technicianId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Keeps `technician_load` in step with one work-order write, inside its transaction and
 * after the work order's own row: the open count follows the work order; the technician who
 * has it now had a change at `at`; one who lost it falls back to the latest change among
 * the work orders left to them (one index seek). Rows are changed in id order, so two
 * reassignments the other way round cannot deadlock; a technician's first row is created
 * only when missing, as stock levels are (an existing row is never share-locked first).
 */
export async function recordLoadChange(db: Kysely<DB>, before: LoadPosition | null, after: LoadPosition, at: string) {
  const changes = new Map<string, { openDelta: number; kept: boolean }>();
  if (before?.technicianId) {
    changes.set(before.technicianId, { openDelta: isOpen(before.status) ? -1 : 0, kept: false });
  }
  if (after.technicianId) {
    const openDelta = (changes.get(after.technicianId)?.openDelta ?? 0) + (isOpen(after.status) ? 1 : 0);
    changes.set(after.technicianId, { openDelta, kept: true });
  }
  for (const [technicianId, { openDelta, kept }] of [...changes].sort(([a], [b]) => a.localeCompare(b))) {
    if (await updateLoad(db, technicianId, openDelta, at, kept)) continue;
    await db
      .insertInto('technician_load')
      .values({ technicianId, openWorkOrders: 0, lastActivityAt: null })
      .orIgnore()
      .execute();
    await updateLoad(db, technicianId, openDelta, at, kept);
  }
}

/** The load rows of these technicians, by primary key (for the EXPLAIN test as well). */
export const technicianLoadsQuery = (db: Kysely<DB>, technicianIds: string[]) =>
  db
    .selectFrom('technician_load')
    .select(['technicianId', 'openWorkOrders', 'lastActivityAt'])
    .where('technicianId', 'in', technicianIds);

/** Open work orders per technician and when theirs last changed; technicians without a row have none. */
export async function findTechnicianLoads(db: Kysely<DB>, technicianIds: string[]) {
  if (technicianIds.length === 0) return [];
  return technicianLoadsQuery(db, technicianIds).execute();
}

/** Open appointments per technician starting within [from, to): one index range per technician. */
export const appointmentsQuery = (db: Kysely<DB>, technicianIds: string[], from: string, to: string) =>
  db
    .selectFrom('work_order')
    .select((eb) => ['technicianId', eb.fn.countAll<number | string>().as('count')])
    .where('technicianId', 'in', technicianIds)
    .where('appointmentStart', '>=', from)
    .where('appointmentStart', '<', to)
    // Not `in` the open statuses: two equalities would draw the planner to (technicianId, status), every open order.
    .where('status', 'not in', endedStatuses)
    .groupBy('technicianId');

export async function countAppointments(db: Kysely<DB>, technicianIds: string[], from: string, to: string) {
  if (technicianIds.length === 0) return [];
  return appointmentsQuery(db, technicianIds, from, to).execute();
}
