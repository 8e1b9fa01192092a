import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema/index';
import { addSeconds, toIso } from '../../platform/clock';

/**
 * A repair that needs doing again soon after is a repeat: a work order on a unit whose
 * latest repair was completed within `windowDays` before it was taken in repeats that
 * repair. Decided when the work order is taken in (or its unit is changed), against the
 * time it was taken in, so a later look at it gives the same answer.
 */
export async function findRepeatedRepair(
  db: Kysely<DB>,
  productId: string | null,
  takenInAt: string,
  windowDays: number,
  excludeId: string,
): Promise<string | null> {
  if (productId === null) return null;
  const row = await db
    .selectFrom('work_order')
    .select('id')
    .where('customerProductId', '=', productId)
    .where('id', '!=', excludeId)
    .where('status', 'in', ['completed', 'closed'])
    .where('completedAt', '>=', toIso(addSeconds(new Date(takenInAt), -windowDays * 86400)))
    .where('completedAt', '<=', takenInAt)
    .orderBy('completedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Keeps each earlier repair's count of repeats as a work order's repeat mark moves from
 * `from` to `to` (null: none), in the transaction that writes the mark.
 */
export async function countRepeatMove(trx: Kysely<DB>, from: string | null, to: string | null) {
  if (from === to) return;
  const count = (repairId: string, change: 1 | -1) =>
    trx
      .updateTable('work_order')
      .set({ repeatCount: sql<number>`repeatCount + ${change}` })
      .where('id', '=', repairId)
      .execute();
  if (from !== null) await count(from, -1);
  if (to !== null) await count(to, 1);
}
