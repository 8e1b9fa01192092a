import type { WorkOrderStatus } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';

/*
 * What a merge of two customers asks of the work-order module. Work orders build on
 * customers, never the other way (docs/MODULES.md): the customers module declares what it
 * calls, the work-order module implements it, `services.ts` hands it in.
 */

export interface CustomerMove {
  fromCustomerId: string;
  toCustomerId: string;
  actorId: string;
  at: string;
  /** The history note of each work order moved. */
  note: string;
}

export interface CustomerWorkOrders {
  /** Every work order of a customer, unscoped: the merge applies its own rules. */
  findOfCustomer(
    db: Kysely<DB>,
    customerId: string,
  ): Promise<{ id: string; status: WorkOrderStatus; branchId: string | null }[]>;
  /** Gives one customer's work orders to another inside the merge's transaction; their ids. */
  moveToCustomer(trx: Kysely<DB>, move: CustomerMove): Promise<string[]>;
  /** The `work_order` event of a moved work order, in the same transaction. */
  recordUpdatedEvent(trx: Kysely<DB>, id: string, at: string): Promise<void>;
}
