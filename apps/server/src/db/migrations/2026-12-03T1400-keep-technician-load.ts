import { type Kysely, MysqlAdapter, sql } from 'kysely';

const indexes: [string, string[]][] = [
  // The load of a technician who lost a work order: the latest change among those left, one seek.
  ['work_order_technician_updated_idx', ['technicianId', 'updatedAt']],
  // Today's appointments of a branch's technicians: one day of each, not their whole history.
  ['work_order_technician_appointment_idx', ['technicianId', 'appointmentStart']],
];

/*
 * Dispatch and auto-assignment ranked technicians by an aggregate over every work order
 * they ever had. The transitions keep the figures per technician from now on; this fills
 * them from the work orders as they are (the statuses that end a work order, frozen here).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('technician_load')
    .addColumn('technicianId', 'char(36)', (col) => col.primaryKey().references('user.id').onDelete('cascade'))
    .addColumn('openWorkOrders', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('lastActivityAt', 'varchar(24)')
    .execute();
  await sql`insert into technician_load (technicianId, openWorkOrders, lastActivityAt)
    select technicianId,
      sum(case when status not in ('completed', 'closed', 'cancelled') then 1 else 0 end),
      max(updatedAt)
    from work_order where technicianId is not null group by technicianId`.execute(db);
  for (const [name, columns] of indexes) {
    await db.schema.createIndex(name).on('work_order').columns(columns).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // MySQL names the table in DROP INDEX; SQLite's index names are global and refuse it.
  const isMysql = db.getExecutor().adapter instanceof MysqlAdapter;
  for (const [name] of indexes) {
    const drop = db.schema.dropIndex(name);
    await (isMysql ? drop.on('work_order') : drop).execute();
  }
  await db.schema.dropTable('technician_load').execute();
}
