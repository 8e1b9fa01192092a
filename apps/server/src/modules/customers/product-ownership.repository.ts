import type { Insertable, Kysely } from 'kysely';
import type { ProductOwnershipChangeTable } from '../../db/schema/customer';
import type { DB } from '../../db/schema/index';

/** The owner changes of these units, each unit's oldest first (ids are UUIDv7), with the names. */
export async function findOwnershipChanges(db: Kysely<DB>, productIds: string[]) {
  if (productIds.length === 0) return [];
  return db
    .selectFrom('product_ownership_change as change')
    .innerJoin('customer as fromCustomer', 'fromCustomer.id', 'change.fromCustomerId')
    .innerJoin('customer as toCustomer', 'toCustomer.id', 'change.toCustomerId')
    .innerJoin('user as actor', 'actor.id', 'change.actorId')
    .select([
      'change.customerProductId',
      'change.kind',
      'change.at',
      'change.fromCustomerId',
      'fromCustomer.name as fromCustomerName',
      'change.toCustomerId',
      'toCustomer.name as toCustomerName',
      'change.actorId',
      'actor.name as actorName',
    ])
    .where('change.customerProductId', 'in', productIds)
    .orderBy('change.customerProductId')
    .orderBy('change.id')
    .execute();
}

export type OwnershipChangeRow = Awaited<ReturnType<typeof findOwnershipChanges>>[number];

export async function insertOwnershipChanges(trx: Kysely<DB>, rows: Insertable<ProductOwnershipChangeTable>[]) {
  if (rows.length > 0) await trx.insertInto('product_ownership_change').values(rows).execute();
}

/**
 * Gives the unit to `patch.customerId` (with its dates, when given) only if `fromCustomerId`
 * still has it, so two transfers at once cannot both record theirs; returns whether it did.
 */
export async function changeOwner(
  trx: Kysely<DB>,
  id: string,
  fromCustomerId: string,
  patch: { customerId: string; purchaseDate?: string | null; warrantyUntil?: string | null },
): Promise<boolean> {
  const result = await trx
    .updateTable('customer_product')
    .set(patch)
    .where('id', '=', id)
    .where('customerId', '=', fromCustomerId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Moves every unit of one customer to another; returns the ids of those moved. */
export async function moveProducts(trx: Kysely<DB>, fromCustomerId: string, toCustomerId: string) {
  const rows = await trx.selectFrom('customer_product').select('id').where('customerId', '=', fromCustomerId).execute();
  if (rows.length > 0) {
    await trx
      .updateTable('customer_product')
      .set({ customerId: toCustomerId })
      .where('customerId', '=', fromCustomerId)
      .execute();
  }
  return rows.map((row) => row.id);
}
