import type { Kysely } from 'kysely';

const id = 'char(36)';
const timestamp = 'varchar(24)';

/*
 * Two customers found to be one person are merged: the duplicate's row stays, marked with
 * the customer it was merged into (its reads point there), when and by whom. A unit may
 * change owner, by a transfer or with its owner in a merge; each change is kept, so the
 * unit's history says whose it was. The customer columns carry no foreign key: MySQL
 * ignores a REFERENCES clause on an added column, and SQLite cannot add a constraint.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customer').addColumn('mergedIntoId', id).execute();
  await db.schema.alterTable('customer').addColumn('mergedAt', timestamp).execute();
  await db.schema.alterTable('customer').addColumn('mergedBy', id).execute();

  await db.schema
    .createTable('product_ownership_change')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('customerProductId', id, (col) => col.notNull().references('customer_product.id'))
    .addColumn('kind', 'varchar(10)', (col) => col.notNull())
    .addColumn('fromCustomerId', id, (col) => col.notNull().references('customer.id'))
    .addColumn('toCustomerId', id, (col) => col.notNull().references('customer.id'))
    .addColumn('at', timestamp, (col) => col.notNull())
    .addColumn('actorId', id, (col) => col.notNull().references('user.id'))
    .execute();
  await db.schema
    .createIndex('product_ownership_change_product_idx')
    .on('product_ownership_change')
    .columns(['customerProductId', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('product_ownership_change').execute();
  await db.schema.alterTable('customer').dropColumn('mergedBy').execute();
  await db.schema.alterTable('customer').dropColumn('mergedAt').execute();
  await db.schema.alterTable('customer').dropColumn('mergedIntoId').execute();
}
