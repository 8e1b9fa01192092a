import { type Kysely, MysqlAdapter, sql } from 'kysely';

const indexes: [string, string, string[]][] = [
  /*
   * KPIs read a branch's work orders received or completed in a period. The indexes carry
   * every column those figures read, so a month of a busy branch (20,000 rows) is read
   * from the index alone: on MariaDB the row lookups were most of the time.
   */
  [
    'work_order_branch_created_idx',
    'work_order',
    ['branchId', 'createdAt', 'status', 'slaDueAt', 'firstAssignedAt', 'firstStartedAt'],
  ],
  [
    'work_order_branch_completed_idx',
    'work_order',
    [
      'branchId',
      'completedAt',
      'priority',
      'repairSeconds',
      'slaDueAt',
      'createdAt',
      'result',
      'startCount',
      'reopenCount',
    ],
  ],
  ['work_order_technician_completed_idx', 'work_order', ['technicianId', 'completedAt']],
  // The SLA board and the breach check read open work orders by due time.
  ['work_order_status_sla_idx', 'work_order', ['status', 'slaDueAt']],
  ['work_order_payment_at_idx', 'work_order_payment', ['at']],
  ['work_order_part_used_idx', 'work_order_part', ['usedAt']],
];

const firstAt = (actions: string[]) =>
  sql`(select min(h.at) from work_order_history h where h.workOrderId = work_order.id and h.action in (${sql.join(actions)}))`;
const countOf = (action: string) =>
  sql`(select count(*) from work_order_history h where h.workOrderId = work_order.id and h.action = ${action})`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // When the SLA check flagged the work order as past due; null while it is not (yet).
  await db.schema.alterTable('work_order').addColumn('slaBreachedAt', 'varchar(24)').execute();
  // What the KPIs need of the history, kept by the transitions from now on.
  await db.schema.alterTable('work_order').addColumn('firstAssignedAt', 'varchar(24)').execute();
  await db.schema.alterTable('work_order').addColumn('firstStartedAt', 'varchar(24)').execute();
  await db.schema
    .alterTable('work_order')
    .addColumn('startCount', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('work_order')
    .addColumn('reopenCount', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await sql`update work_order set firstAssignedAt = ${firstAt(['assign', 'claim'])}, firstStartedAt = ${firstAt(['start'])}, startCount = ${countOf('start')}, reopenCount = ${countOf('reopen')}`.execute(
    db,
  );
  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // MySQL names the table in DROP INDEX; SQLite's index names are global and refuse it.
  const isMysql = db.getExecutor().adapter instanceof MysqlAdapter;
  for (const [name, table] of indexes) {
    const drop = db.schema.dropIndex(name);
    await (isMysql ? drop.on(table) : drop).execute();
  }
  for (const column of ['reopenCount', 'startCount', 'firstStartedAt', 'firstAssignedAt', 'slaBreachedAt']) {
    await db.schema.alterTable('work_order').dropColumn(column).execute();
  }
}
