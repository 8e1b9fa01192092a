import { type Kysely, sql } from 'kysely';

const id = 'char(36)';
const timestamp = 'varchar(24)';
const areaCode = 'varchar(13)';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('product_model')
    .addColumn('code', 'varchar(40)', (col) => col.primaryKey())
    .addColumn('brand', 'varchar(60)', (col) => col.notNull())
    .addColumn('name', 'varchar(120)', (col) => col.notNull())
    .addColumn('category', 'varchar(20)', (col) => col.notNull())
    .addColumn('warrantyMonths', 'integer', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('product_model_category_idx').on('product_model').column('category').execute();

  await db.schema
    .createTable('customer')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('name', 'varchar(120)', (col) => col.notNull())
    .addColumn('phone', 'varchar(20)', (col) => col.notNull())
    .addColumn('email', 'varchar(254)')
    .addColumn('address', 'varchar(500)', (col) => col.notNull())
    .addColumn('areaCode', areaCode, (col) => col.notNull().references('area.code'))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addColumn('updatedAt', timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('customer_phone_idx').on('customer').column('phone').execute();
  await db.schema.createIndex('customer_name_idx').on('customer').column('name').execute();

  await db.schema
    .createTable('customer_product')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('customerId', id, (col) => col.notNull().references('customer.id'))
    .addColumn('modelCode', 'varchar(40)', (col) => col.notNull().references('product_model.code'))
    .addColumn('serialNumber', 'varchar(40)', (col) => col.notNull())
    .addColumn('purchaseDate', 'varchar(10)')
    .addColumn('warrantyUntil', 'varchar(10)')
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addUniqueConstraint('customer_product_model_serial_uq', ['modelCode', 'serialNumber'])
    .execute();
  await db.schema.createIndex('customer_product_customer_idx').on('customer_product').column('customerId').execute();
  await db.schema.createIndex('customer_product_serial_idx').on('customer_product').column('serialNumber').execute();

  await db.schema
    .createTable('work_order')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('number', 'varchar(20)', (col) => col.notNull().unique())
    .addColumn('customerId', id, (col) => col.notNull().references('customer.id'))
    .addColumn('customerProductId', id, (col) => col.references('customer_product.id'))
    .addColumn('branchId', id, (col) => col.references('branch.id'))
    .addColumn('technicianId', id, (col) => col.references('user.id'))
    .addColumn('provinceCode', areaCode, (col) => col.notNull())
    .addColumn('regencyCode', areaCode, (col) => col.notNull())
    .addColumn('districtCode', areaCode, (col) => col.notNull())
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('priority', 'varchar(8)', (col) => col.notNull())
    .addColumn('serviceType', 'varchar(16)', (col) => col.notNull())
    .addColumn('complaint', 'text', (col) => col.notNull())
    .addColumn('warrantyStatus', 'varchar(16)', (col) => col.notNull())
    .addColumn('slaDueAt', timestamp, (col) => col.notNull())
    .addColumn('appointmentStart', timestamp)
    .addColumn('appointmentEnd', timestamp)
    .addColumn('holdReason', 'varchar(16)')
    .addColumn('diagnosis', 'text')
    .addColumn('actionTaken', 'text')
    .addColumn('result', 'varchar(16)')
    .addColumn('signatureFile', 'varchar(120)')
    .addColumn('completedAt', timestamp)
    .addColumn('repairSeconds', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('inProgressSince', timestamp)
    .addColumn('createdBy', id, (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addColumn('updatedAt', timestamp, (col) => col.notNull())
    .execute();
  // Lists page newest first by id (UUIDv7, so time-ordered) within each filter the apps use.
  const indexes: [string, string[]][] = [
    ['work_order_status_idx', ['status', 'id']],
    ['work_order_branch_status_idx', ['branchId', 'status', 'id']],
    ['work_order_technician_status_idx', ['technicianId', 'status', 'id']],
    ['work_order_customer_idx', ['customerId', 'id']],
    ['work_order_product_idx', ['customerProductId']],
    ['work_order_district_status_idx', ['districtCode', 'status']],
    ['work_order_regency_status_idx', ['regencyCode', 'status']],
    ['work_order_province_status_idx', ['provinceCode', 'status']],
    ['work_order_created_idx', ['createdAt']],
  ];
  for (const [name, columns] of indexes) {
    await db.schema.createIndex(name).on('work_order').columns(columns).execute();
  }

  await db.schema
    .createTable('work_order_history')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('workOrderId', id, (col) => col.notNull().references('work_order.id'))
    .addColumn('actorId', id)
    .addColumn('action', 'varchar(16)', (col) => col.notNull())
    .addColumn('fromStatus', 'varchar(16)')
    .addColumn('toStatus', 'varchar(16)', (col) => col.notNull())
    .addColumn('note', 'text')
    .addColumn('at', timestamp, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('work_order_history_work_order_idx')
    .on('work_order_history')
    .columns(['workOrderId', 'id'])
    .execute();

  await db.schema
    .createTable('number_sequence')
    .addColumn('name', 'varchar(32)', (col) => col.primaryKey())
    .addColumn('value', 'integer', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('idempotency_record')
    .addColumn('userId', id, (col) => col.notNull())
    .addColumn('key', 'varchar(100)', (col) => col.notNull())
    .addColumn('requestHash', 'char(64)', (col) => col.notNull())
    .addColumn('state', 'varchar(8)', (col) => col.notNull())
    .addColumn('responseStatus', 'integer')
    // MEDIUMTEXT: MySQL's TEXT stops at 64 KiB; SQLite reads any type name as TEXT.
    .addColumn('responseBody', sql`mediumtext`)
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addPrimaryKeyConstraint('idempotency_record_pk', ['userId', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_record_created_idx').on('idempotency_record').column('createdAt').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'idempotency_record',
    'number_sequence',
    'work_order_history',
    'work_order',
    'customer_product',
    'customer',
    'product_model',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
