import { openWorkOrderStatuses } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';

/** Open work orders past due that the SLA check has not flagged yet, the most recently due first. */
export async function findUnflaggedBreaches(db: Kysely<DB>, now: string, limit: number) {
  return db
    .selectFrom('work_order')
    .select(['work_order.id', 'work_order.number', 'work_order.branchId', 'work_order.priority'])
    .where('work_order.status', 'in', openWorkOrderStatuses)
    .where('work_order.slaDueAt', '<', now)
    .where('work_order.slaBreachedAt', 'is', null)
    .orderBy('work_order.slaDueAt', 'desc')
    .limit(limit)
    .execute();
}

/** Flags a breach once: false when another pass or instance flagged it first. */
export async function flagBreach(db: Kysely<DB>, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('work_order')
    .set({ slaBreachedAt: at })
    .where('id', '=', id)
    .where('slaBreachedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
