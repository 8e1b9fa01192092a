import { type Kysely, MysqlAdapter } from 'kysely';

/*
 * An approval records the bill's total, a sum of charges that are each up to a billion
 * rupiah plus tax: more than a 32-bit INT holds on MariaDB and MySQL (an approval of the
 * largest charges answered 500 there). SQLite's integers are 64-bit already.
 */
async function setTotalsType(db: Kysely<unknown>, type: 'bigint' | 'integer') {
  if (!(db.getExecutor().adapter instanceof MysqlAdapter)) return;
  await db.schema
    .alterTable('work_order_approval')
    .modifyColumn('approvedTotal', type, (col) => col.notNull())
    .execute();
  await db.schema
    .alterTable('work_order_approval')
    .modifyColumn('customerPays', type, (col) => col.notNull())
    .execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await setTotalsType(db, 'bigint');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await setTotalsType(db, 'integer');
}
