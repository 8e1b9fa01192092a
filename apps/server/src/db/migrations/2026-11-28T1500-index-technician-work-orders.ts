import { type Kysely, MysqlAdapter } from 'kysely';

/**
 * A technician's list reads their own work orders newest first without a status filter;
 * (technicianId, status, id) cannot give that order, (technicianId, id) can.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('work_order_technician_idx').on('work_order').columns(['technicianId', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // MySQL names the table in DROP INDEX; SQLite's index names are global and refuse it.
  const drop = db.schema.dropIndex('work_order_technician_idx');
  await (db.getExecutor().adapter instanceof MysqlAdapter ? drop.on('work_order') : drop).execute();
}
