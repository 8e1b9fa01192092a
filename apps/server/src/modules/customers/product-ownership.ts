import type { CustomerProduct, ProductOwnershipChange } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { CustomerProductRow } from './customers.repository';
import { findOwnershipChanges, type OwnershipChangeRow } from './product-ownership.repository';

const toChange = (row: OwnershipChangeRow): ProductOwnershipChange => ({
  kind: row.kind,
  from: { id: row.fromCustomerId, name: row.fromCustomerName },
  to: { id: row.toCustomerId, name: row.toCustomerName },
  at: row.at,
  by: { id: row.actorId, name: row.actorName },
});

/** Units as the API shows them, each with the history of its owners. */
export async function toProducts(db: Kysely<DB>, rows: readonly CustomerProductRow[]): Promise<CustomerProduct[]> {
  const changes = await findOwnershipChanges(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    customerId: row.customerId,
    model: row.model,
    serialNumber: row.serialNumber,
    purchaseDate: row.purchaseDate,
    warrantyUntil: row.warrantyUntil,
    createdAt: row.createdAt,
    ownershipHistory: changes.filter((change) => change.customerProductId === row.id).map(toChange),
  }));
}
