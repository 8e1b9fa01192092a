import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { WorkOrderPartTable } from '../../db/schema/stock';

/**
 * The parts a repair used: the work-order module owns these rows. The parts module writes
 * them through here, inside its stock transaction, when it takes the parts out of the bag
 * or puts them back.
 */
export async function insertWorkOrderParts(db: Kysely<DB>, rows: Insertable<WorkOrderPartTable>[]) {
  if (rows.length === 0) return;
  await db.insertInto('work_order_part').values(rows).execute();
}

/** Parts a repair uses now (not reversed), with their part numbers and names. */
export const findActiveWorkOrderParts = (db: Kysely<DB>, workOrderId: string) =>
  db
    .selectFrom('work_order_part')
    .innerJoin('part', 'part.id', 'work_order_part.partId')
    .selectAll('work_order_part')
    .select(['part.partNo', 'part.name'])
    .where('work_order_part.workOrderId', '=', workOrderId)
    .where('work_order_part.reversedAt', 'is', null)
    .orderBy('work_order_part.id')
    .execute();

/** Marks uses reversed; the work order's version check lets only one transaction do it. */
export async function markWorkOrderPartsReversed(db: Kysely<DB>, ids: string[], at: string) {
  await db.updateTable('work_order_part').set({ reversedAt: at }).where('id', 'in', ids).execute();
}
