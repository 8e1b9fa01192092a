import { type Kysely, MysqlAdapter } from 'kysely';

const id = 'char(36)';
const timestamp = 'varchar(24)';
const areaCode = 'varchar(13)';

export async function up(db: Kysely<unknown>): Promise<void> {
  // SQLite only auto-increments an `integer primary key` (the rowid); MySQL wants a bigint
  // so the event sequence never runs out. One type name cannot serve both.
  const eventIdType = db.getExecutor().adapter instanceof MysqlAdapter ? 'bigint' : 'integer';
  await db.schema
    .createTable('outbox_event')
    .addColumn('id', eventIdType, (col) => col.primaryKey().autoIncrement())
    .addColumn('type', 'varchar(40)', (col) => col.notNull())
    .addColumn('workOrderId', id)
    .addColumn('branchId', id)
    .addColumn('technicianId', id)
    .addColumn('previousTechnicianId', id)
    .addColumn('provinceCode', areaCode)
    .addColumn('regencyCode', areaCode)
    .addColumn('districtCode', areaCode)
    .addColumn('claimable', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('recipientId', id)
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('notification')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('batchId', id, (col) => col.notNull())
    .addColumn('recipientId', id, (col) => col.notNull().references('user.id'))
    .addColumn('senderId', id)
    .addColumn('title', 'varchar(120)', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('workOrderId', id)
    .addColumn('readAt', timestamp)
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('notification_recipient_idx').on('notification').columns(['recipientId', 'id']).execute();
  await db.schema.createIndex('notification_batch_idx').on('notification').columns(['batchId']).execute();
  await db.schema.createIndex('notification_sender_idx').on('notification').columns(['senderId', 'batchId']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification').execute();
  await db.schema.dropTable('outbox_event').execute();
}
