import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';

/**
 * Marks the duplicate as merged into the survivor, if it is still at `expectedVersion` and
 * not merged yet (two merges at once: one of them does it); returns whether it did.
 */
export async function markMerged(
  trx: Kysely<DB>,
  duplicateId: string,
  expectedVersion: number,
  merge: { mergedIntoId: string; mergedAt: string; mergedBy: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('customer')
    .set({ ...merge, updatedAt: merge.mergedAt, version: expectedVersion + 1 })
    .where('id', '=', duplicateId)
    .where('version', '=', expectedVersion)
    .where('mergedIntoId', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The duplicate's numbers go: the survivor has them now. */
export const deletePhones = (trx: Kysely<DB>, customerId: string) =>
  trx.deleteFrom('customer_phone').where('customerId', '=', customerId).execute();
