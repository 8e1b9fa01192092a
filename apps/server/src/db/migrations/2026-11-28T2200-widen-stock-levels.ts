import { type Kysely, MysqlAdapter } from 'kysely';

/*
 * A part's quantity on hand at a location is the running sum of every receipt into it. A
 * receipt line may carry 10,000 units, so a warehouse that keeps receiving a cheap part
 * would pass a 32-bit INT on MariaDB and MySQL after some 214,000 receipts, and the next
 * receipt would fail. SQLite's integers are 64-bit already. The CHECK (>= 0) stays.
 */
async function setQuantityType(db: Kysely<unknown>, type: 'bigint' | 'integer') {
  if (!(db.getExecutor().adapter instanceof MysqlAdapter)) return;
  await db.schema
    .alterTable('stock_level')
    .modifyColumn('quantity', type, (col) => col.notNull())
    .execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await setQuantityType(db, 'bigint');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await setQuantityType(db, 'integer');
}
