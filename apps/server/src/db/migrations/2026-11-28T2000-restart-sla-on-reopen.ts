import { type Kysely, MysqlAdapter } from 'kysely';

const completedIndex = 'work_order_branch_completed_idx';
const completedColumns = [
  'branchId',
  'completedAt',
  'priority',
  'repairSeconds',
  'slaDueAt',
  'createdAt',
  'result',
  'startCount',
  'reopenCount',
];

/*
 * The KPIs of completed work orders read `slaMissCount` now. The index keeps carrying every
 * column those figures read, so a month of a busy branch is still read from the index alone.
 */
async function rebuildCompletedIndex(db: Kysely<unknown>, columns: string[]) {
  // MySQL names the table in DROP INDEX; SQLite's index names are global and refuse it.
  const drop = db.schema.dropIndex(completedIndex);
  await (db.getExecutor().adapter instanceof MysqlAdapter ? drop.on('work_order') : drop).execute();
  await db.schema.createIndex(completedIndex).on('work_order').columns(columns).execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  /*
   * Work orders reopened before this migration kept the due time of their intake, so the one
   * due time still judges all their cycles: no earlier miss to carry, no reopening to count from.
   */
  await db.schema.alterTable('work_order').addColumn('reopenedAt', 'varchar(24)').execute();
  await db.schema
    .alterTable('work_order')
    .addColumn('slaMissCount', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await rebuildCompletedIndex(db, [...completedColumns, 'slaMissCount']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rebuildCompletedIndex(db, completedColumns);
  await db.schema.alterTable('work_order').dropColumn('slaMissCount').execute();
  await db.schema.alterTable('work_order').dropColumn('reopenedAt').execute();
}
