import type { Kysely } from 'kysely';

const id = 'char(36)';
const timestamp = 'varchar(24)';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('work_order_attachment')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('workOrderId', id, (col) => col.notNull().references('work_order.id'))
    .addColumn('kind', 'varchar(16)', (col) => col.notNull())
    .addColumn('contentType', 'varchar(32)', (col) => col.notNull())
    .addColumn('byteSize', 'integer', (col) => col.notNull())
    .addColumn('width', 'integer', (col) => col.notNull())
    .addColumn('height', 'integer', (col) => col.notNull())
    .addColumn('storageName', 'varchar(120)', (col) => col.notNull())
    .addColumn('uploadedBy', id, (col) => col.notNull().references('user.id'))
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .execute();
  // The detail lists a work order's photos in upload order: ids are UUIDv7, so time-ordered.
  await db.schema
    .createIndex('work_order_attachment_work_order_idx')
    .on('work_order_attachment')
    .columns(['workOrderId', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('work_order_attachment').execute();
}
