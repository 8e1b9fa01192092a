import { type Kysely, sql } from 'kysely';

/*
 * Upload quotas, counted where every instance sees them and where one conditional update
 * can take a share atomically: the photos and bytes on each work order (counted from the
 * photos it already has), and the bytes each user stored per UTC day.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('work_order')
    .addColumn('photoCount', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('work_order')
    .addColumn('photoBytes', 'bigint', (col) => col.notNull().defaultTo(0))
    .execute();
  await sql`
    update work_order set
      photoCount = (select count(*) from work_order_attachment a where a.workOrderId = work_order.id),
      photoBytes = (select coalesce(sum(a.byteSize), 0) from work_order_attachment a where a.workOrderId = work_order.id)
    where id in (select workOrderId from work_order_attachment)
  `.execute(db);
  await db.schema
    .createTable('upload_usage')
    .addColumn('userId', 'varchar(36)', (col) => col.notNull())
    .addColumn('day', 'varchar(10)', (col) => col.notNull())
    .addColumn('bytes', 'bigint', (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('upload_usage_pk', ['userId', 'day'])
    .execute();
  await db.schema.createIndex('upload_usage_day').on('upload_usage').column('day').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('upload_usage').execute();
  await db.schema.alterTable('work_order').dropColumn('photoBytes').execute();
  await db.schema.alterTable('work_order').dropColumn('photoCount').execute();
}
