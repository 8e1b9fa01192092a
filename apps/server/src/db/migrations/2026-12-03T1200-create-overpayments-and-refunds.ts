import { type Kysely, sql } from 'kysely';

const id = 'char(36)';
const timestamp = 'varchar(24)';

/*
 * Money follows the signature: what a reopening or a cancellation found the customer had
 * paid beyond the bill (their credit), and the refunds and credit notes that give it back.
 * An overpayment can be the sum of several payments of up to a billion rupiah each: more
 * than a 32-bit INT holds on MariaDB and MySQL, so it is a BIGINT; a refund is one amount of
 * at most a billion, like a payment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('work_order_overpayment')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('workOrderId', id, (col) => col.notNull().references('work_order.id'))
    .addColumn('amount', 'bigint', (col) => col.notNull())
    .addColumn('reason', 'varchar(500)', (col) => col.notNull())
    .addColumn('recordedBy', id, (col) => col.notNull().references('user.id'))
    .addColumn('at', timestamp, (col) => col.notNull())
    .addCheckConstraint('work_order_overpayment_amount_check', sql`${sql.ref('amount')} > 0`)
    .execute();
  await db.schema
    .createIndex('work_order_overpayment_work_order_idx')
    .on('work_order_overpayment')
    .columns(['workOrderId', 'id'])
    .execute();

  await db.schema
    .createTable('work_order_refund')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('workOrderId', id, (col) => col.notNull().references('work_order.id'))
    .addColumn('kind', 'varchar(16)', (col) => col.notNull())
    .addColumn('method', 'varchar(16)')
    .addColumn('amount', 'integer', (col) => col.notNull())
    .addColumn('reference', 'varchar(120)')
    .addColumn('number', 'varchar(24)', (col) => col.notNull().unique())
    .addColumn('reason', 'varchar(500)', (col) => col.notNull())
    .addColumn('recordedBy', id, (col) => col.notNull().references('user.id'))
    .addColumn('at', timestamp, (col) => col.notNull())
    .addCheckConstraint('work_order_refund_amount_check', sql`${sql.ref('amount')} > 0`)
    .execute();
  await db.schema
    .createIndex('work_order_refund_work_order_idx')
    .on('work_order_refund')
    .columns(['workOrderId', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('work_order_refund').execute();
  await db.schema.dropTable('work_order_overpayment').execute();
}
