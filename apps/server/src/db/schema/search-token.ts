/**
 * The search index: the words and number parts a search may start with, each pointing at
 * what it was taken from. `field` says what kind of thing `entityId` is — a customer
 * (`name`, `address`, `phone`), a customer's product (`serial`) or a work order
 * (`number`, `complaint`). Written in the same transaction as the record it indexes.
 */
export interface SearchTokenTable {
  field: 'name' | 'address' | 'phone' | 'serial' | 'number' | 'complaint';
  token: string;
  entityId: string;
}
