import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { newId } from '../../platform/ids';
import type { CustomerMove, CustomerWorkOrders } from '../customers/ports';

/*
 * What a merge of two customers asks of the work orders, kept apart from the work-order
 * service: the merge's own rules (roles, branches) are the customers module's.
 */

/** Every work order of a customer, unscoped: the caller applies its own rules. */
export const findWorkOrdersOfCustomer = (db: Kysely<DB>, customerId: string) =>
  db
    .selectFrom('work_order')
    .select(['id', 'status', 'branchId'])
    .where('customerId', '=', customerId)
    .orderBy('id')
    .execute();

/**
 * Gives the work orders of one customer to another, inside the caller's transaction, with a
 * `customer_merged` history entry on each; returns their ids. The work order is otherwise
 * unchanged — status, `version`, `updatedAt` — so an edit in flight is not refused and the
 * technicians' load (kept from `updatedAt`) stays as it is.
 */
export async function moveWorkOrdersToCustomer(trx: Kysely<DB>, move: CustomerMove): Promise<string[]> {
  const rows = await findWorkOrdersOfCustomer(trx, move.fromCustomerId);
  if (rows.length === 0) return [];
  await trx
    .updateTable('work_order')
    .set({ customerId: move.toCustomerId })
    .where('customerId', '=', move.fromCustomerId)
    .execute();
  await trx
    .insertInto('work_order_history')
    .values(
      rows.map((row) => ({
        id: newId(),
        workOrderId: row.id,
        actorId: move.actorId,
        action: 'customer_merged',
        fromStatus: row.status,
        toStatus: row.status,
        note: move.note,
        at: move.at,
        receivedAt: null,
      })),
    )
    .execute();
  return rows.map((row) => row.id);
}

/** The work-order side of a customer merge, as the customers module asks for it. */
export const customerMoves: Pick<CustomerWorkOrders, 'findOfCustomer' | 'moveToCustomer'> = {
  findOfCustomer: findWorkOrdersOfCustomer,
  moveToCustomer: moveWorkOrdersToCustomer,
};
