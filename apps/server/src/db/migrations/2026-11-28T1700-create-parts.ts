import { type Kysely, sql } from 'kysely';

const id = 'char(36)';
const timestamp = 'varchar(24)';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('part')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('partNo', 'varchar(40)', (col) => col.notNull().unique())
    .addColumn('name', 'varchar(160)', (col) => col.notNull())
    .addColumn('price', 'integer', (col) => col.notNull())
    .addColumn('returnable', 'integer', (col) => col.notNull())
    .addColumn('mustReturnDefective', 'integer', (col) => col.notNull())
    .addColumn('reorderLevel', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addColumn('updatedAt', timestamp, (col) => col.notNull())
    .addCheckConstraint('part_price_check', sql`${sql.ref('price')} >= 0`)
    .execute();
  await db.schema.createIndex('part_name_idx').on('part').column('name').execute();

  // No foreign key to product_model: a manufacturer's parts list names models this company
  // may not have in its catalog yet, and the code is all that matching needs.
  await db.schema
    .createTable('part_model')
    .addColumn('partId', id, (col) => col.notNull().references('part.id'))
    .addColumn('modelCode', 'varchar(40)', (col) => col.notNull())
    .addPrimaryKeyConstraint('part_model_pk', ['partId', 'modelCode'])
    .execute();
  await db.schema.createIndex('part_model_model_idx').on('part_model').columns(['modelCode', 'partId']).execute();

  await db.schema
    .createTable('stock_location')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('kind', 'varchar(16)', (col) => col.notNull())
    .addColumn('branchId', id, (col) => col.references('branch.id'))
    .addColumn('technicianId', id, (col) => col.references('user.id'))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    // One warehouse and one defective bin per branch, one bag per technician. A bag's
    // branchId is null, and unique indexes let nulls repeat on both databases.
    .addUniqueConstraint('stock_location_branch_uq', ['branchId', 'kind'])
    .addUniqueConstraint('stock_location_technician_uq', ['technicianId'])
    .execute();

  await db.schema
    .createTable('stock_level')
    .addColumn('locationId', id, (col) => col.notNull().references('stock_location.id'))
    .addColumn('partId', id, (col) => col.notNull().references('part.id'))
    .addColumn('quantity', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('stock_level_pk', ['locationId', 'partId'])
    // The services never let stock go below zero; the database refuses it as well.
    .addCheckConstraint('stock_level_quantity_check', sql`${sql.ref('quantity')} >= 0`)
    .execute();
  await db.schema.createIndex('stock_level_part_idx').on('stock_level').column('partId').execute();

  await db.schema
    .createTable('stock_ledger_entry')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('partId', id, (col) => col.notNull().references('part.id'))
    .addColumn('fromLocationId', id, (col) => col.references('stock_location.id'))
    .addColumn('toLocationId', id, (col) => col.references('stock_location.id'))
    .addColumn('quantity', 'integer', (col) => col.notNull())
    .addColumn('unitPrice', 'integer', (col) => col.notNull())
    .addColumn('reason', 'varchar(16)', (col) => col.notNull())
    .addColumn('workOrderId', id, (col) => col.references('work_order.id'))
    .addColumn('partRequestId', id)
    .addColumn('partReturnId', id)
    .addColumn('reference', 'varchar(120)')
    .addColumn('actorId', id, (col) => col.notNull().references('user.id'))
    .addColumn('at', timestamp, (col) => col.notNull())
    .addCheckConstraint('stock_ledger_entry_quantity_check', sql`${sql.ref('quantity')} > 0`)
    .execute();
  // The ledger pages newest first by id (UUIDv7) within each filter of GET /stock/ledger.
  const ledgerIndexes: [string, string[]][] = [
    ['stock_ledger_entry_from_idx', ['fromLocationId', 'id']],
    ['stock_ledger_entry_to_idx', ['toLocationId', 'id']],
    ['stock_ledger_entry_part_idx', ['partId', 'id']],
    ['stock_ledger_entry_work_order_idx', ['workOrderId', 'id']],
  ];
  for (const [name, columns] of ledgerIndexes) {
    await db.schema.createIndex(name).on('stock_ledger_entry').columns(columns).execute();
  }

  await db.schema
    .createTable('work_order_part')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('workOrderId', id, (col) => col.notNull().references('work_order.id'))
    .addColumn('partId', id, (col) => col.notNull().references('part.id'))
    .addColumn('locationId', id, (col) => col.notNull().references('stock_location.id'))
    .addColumn('technicianId', id, (col) => col.notNull().references('user.id'))
    .addColumn('quantity', 'integer', (col) => col.notNull())
    .addColumn('unitPrice', 'integer', (col) => col.notNull())
    .addColumn('usedAt', timestamp, (col) => col.notNull())
    .addColumn('reversedAt', timestamp)
    .execute();
  await db.schema.createIndex('work_order_part_work_order_idx').on('work_order_part').column('workOrderId').execute();
  await db.schema
    .createIndex('work_order_part_technician_idx')
    .on('work_order_part')
    .columns(['technicianId', 'reversedAt'])
    .execute();

  await db.schema
    .createTable('part_request')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('branchId', id, (col) => col.notNull().references('branch.id'))
    .addColumn('technicianId', id, (col) => col.notNull().references('user.id'))
    .addColumn('workOrderId', id, (col) => col.references('work_order.id'))
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('note', 'varchar(500)')
    .addColumn('rejectReason', 'varchar(500)')
    .addColumn('decidedBy', id, (col) => col.references('user.id'))
    .addColumn('decidedAt', timestamp)
    .addColumn('issuedBy', id, (col) => col.references('user.id'))
    .addColumn('issuedAt', timestamp)
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addColumn('updatedAt', timestamp, (col) => col.notNull())
    .execute();
  // A warehouse's queue (branch, status), a technician's own list, a work order's requests.
  await db.schema
    .createIndex('part_request_branch_status_idx')
    .on('part_request')
    .columns(['branchId', 'status', 'id'])
    .execute();
  await db.schema.createIndex('part_request_branch_idx').on('part_request').columns(['branchId', 'id']).execute();
  await db.schema
    .createIndex('part_request_technician_idx')
    .on('part_request')
    .columns(['technicianId', 'id'])
    .execute();
  await db.schema.createIndex('part_request_work_order_idx').on('part_request').column('workOrderId').execute();

  await db.schema
    .createTable('part_request_line')
    .addColumn('requestId', id, (col) => col.notNull().references('part_request.id'))
    .addColumn('partId', id, (col) => col.notNull().references('part.id'))
    .addColumn('quantity', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('part_request_line_pk', ['requestId', 'partId'])
    .addCheckConstraint('part_request_line_quantity_check', sql`${sql.ref('quantity')} > 0`)
    .execute();

  await db.schema
    .createTable('part_return')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('branchId', id, (col) => col.notNull().references('branch.id'))
    .addColumn('technicianId', id, (col) => col.notNull().references('user.id'))
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('note', 'varchar(500)')
    .addColumn('receivedBy', id, (col) => col.references('user.id'))
    .addColumn('receivedAt', timestamp)
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addColumn('updatedAt', timestamp, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('part_return_branch_status_idx')
    .on('part_return')
    .columns(['branchId', 'status', 'id'])
    .execute();
  await db.schema.createIndex('part_return_branch_idx').on('part_return').columns(['branchId', 'id']).execute();
  await db.schema.createIndex('part_return_technician_idx').on('part_return').columns(['technicianId', 'id']).execute();

  await db.schema
    .createTable('part_return_line')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('returnId', id, (col) => col.notNull().references('part_return.id'))
    .addColumn('partId', id, (col) => col.notNull().references('part.id'))
    .addColumn('condition', 'varchar(16)', (col) => col.notNull())
    .addColumn('workOrderId', id, (col) => col.references('work_order.id'))
    .addColumn('quantity', 'integer', (col) => col.notNull())
    .addCheckConstraint('part_return_line_quantity_check', sql`${sql.ref('quantity')} > 0`)
    .execute();
  await db.schema.createIndex('part_return_line_return_idx').on('part_return_line').column('returnId').execute();
  await db.schema
    .createIndex('part_return_line_work_order_idx')
    .on('part_return_line')
    .columns(['workOrderId', 'partId'])
    .execute();

  for (const [table, owner, references] of [
    ['technician_part_limit', 'technicianId', 'user.id'],
    ['branch_part_limit', 'branchId', 'branch.id'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn(owner, id, (col) => col.primaryKey().references(references))
      .addColumn('maxItems', 'integer')
      .addColumn('maxValue', 'integer')
      .addColumn('updatedBy', id, (col) => col.notNull().references('user.id'))
      .addColumn('updatedAt', timestamp, (col) => col.notNull())
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Referencing tables first: MySQL refuses to drop a table another one still references.
  const tables = [
    'branch_part_limit',
    'technician_part_limit',
    'part_return_line',
    'part_return',
    'part_request_line',
    'part_request',
    'work_order_part',
    'stock_ledger_entry',
    'stock_level',
    'stock_location',
    'part_model',
    'part',
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
}
