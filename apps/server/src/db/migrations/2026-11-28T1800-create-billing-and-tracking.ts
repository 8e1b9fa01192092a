import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

const id = 'char(36)';
const timestamp = 'varchar(24)';

interface WorkOrderIds {
  work_order: { id: string; createdAt: string };
  tracking_link: { token: string; workOrderId: string; createdAt: string; revokedAt: string | null };
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per work order once someone sets its charges; `version` guards PUT …/charges.
  await db.schema
    .createTable('work_order_charge')
    .addColumn('workOrderId', id, (col) => col.primaryKey().references('work_order.id'))
    .addColumn('labor', 'integer', (col) => col.notNull())
    .addColumn('transport', 'integer', (col) => col.notNull())
    .addColumn('discount', 'integer', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('updatedBy', id, (col) => col.notNull().references('user.id'))
    .addColumn('updatedAt', timestamp, (col) => col.notNull())
    .addCheckConstraint(
      'work_order_charge_amounts_check',
      sql`${sql.ref('labor')} >= 0 and ${sql.ref('transport')} >= 0 and ${sql.ref('discount')} >= 0`,
    )
    .execute();

  // Every approval is kept; the latest one is the work order's approval.
  await db.schema
    .createTable('work_order_approval')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('workOrderId', id, (col) => col.notNull().references('work_order.id'))
    .addColumn('name', 'varchar(120)', (col) => col.notNull())
    .addColumn('approvedTotal', 'integer', (col) => col.notNull())
    .addColumn('customerPays', 'integer', (col) => col.notNull())
    .addColumn('billDigest', 'char(64)', (col) => col.notNull())
    .addColumn('signatureFile', 'varchar(120)', (col) => col.notNull())
    .addColumn('recordedBy', id, (col) => col.notNull().references('user.id'))
    .addColumn('at', timestamp, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('work_order_approval_work_order_idx')
    .on('work_order_approval')
    .columns(['workOrderId', 'id'])
    .execute();

  await db.schema
    .createTable('work_order_payment')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('workOrderId', id, (col) => col.notNull().references('work_order.id'))
    .addColumn('method', 'varchar(16)', (col) => col.notNull())
    .addColumn('amount', 'integer', (col) => col.notNull())
    .addColumn('reference', 'varchar(120)')
    .addColumn('receiptNumber', 'varchar(24)', (col) => col.notNull().unique())
    .addColumn('receivedBy', id, (col) => col.notNull().references('user.id'))
    .addColumn('at', timestamp, (col) => col.notNull())
    .addCheckConstraint('work_order_payment_amount_check', sql`${sql.ref('amount')} > 0`)
    .execute();
  await db.schema
    .createIndex('work_order_payment_work_order_idx')
    .on('work_order_payment')
    .columns(['workOrderId', 'id'])
    .execute();

  // The token itself is kept, not a hash: the office shows the link again and the
  // customer's messages carry it. A revoked link stays, so its token is never reissued.
  await db.schema
    .createTable('tracking_link')
    .addColumn('token', 'varchar(43)', (col) => col.primaryKey())
    .addColumn('workOrderId', id, (col) => col.notNull().references('work_order.id'))
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addColumn('revokedAt', timestamp)
    .execute();
  await db.schema
    .createIndex('tracking_link_work_order_idx')
    .on('tracking_link')
    .columns(['workOrderId', 'revokedAt'])
    .execute();

  // The primary key is the "once per work order" rule, also under concurrent answers.
  await db.schema
    .createTable('survey_response')
    .addColumn('workOrderId', id, (col) => col.primaryKey().references('work_order.id'))
    .addColumn('rating', 'integer', (col) => col.notNull())
    .addColumn('comment', 'varchar(1000)')
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addCheckConstraint('survey_response_rating_check', sql`${sql.ref('rating')} between 1 and 5`)
    .execute();
  await db.schema.createIndex('survey_response_created_idx').on('survey_response').column('createdAt').execute();

  await db.schema
    .createTable('customer_message')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('workOrderId', id, (col) => col.notNull().references('work_order.id'))
    .addColumn('kind', 'varchar(32)', (col) => col.notNull())
    .addColumn('recipient', 'varchar(20)', (col) => col.notNull())
    .addColumn('body', 'varchar(1000)', (col) => col.notNull())
    .addColumn('status', 'varchar(16)', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('nextAttemptAt', timestamp, (col) => col.notNull())
    .addColumn('lastError', 'varchar(500)')
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addColumn('sentAt', timestamp)
    .execute();
  await db.schema
    .createIndex('customer_message_work_order_idx')
    .on('customer_message')
    .columns(['workOrderId', 'id'])
    .execute();
  // The sender's queue: what is due, oldest first.
  await db.schema
    .createIndex('customer_message_due_idx')
    .on('customer_message')
    .columns(['status', 'nextAttemptAt'])
    .execute();

  // Work orders taken before tracking existed get their link now, like every new one does.
  const typed = db as unknown as Kysely<WorkOrderIds>;
  const orders = await typed.selectFrom('work_order').select(['id', 'createdAt']).execute();
  for (let start = 0; start < orders.length; start += 500) {
    const batch = orders.slice(start, start + 500);
    await typed
      .insertInto('tracking_link')
      .values(
        batch.map((order) => ({
          token: randomBytes(32).toString('base64url'),
          workOrderId: order.id,
          createdAt: order.createdAt,
          revokedAt: null,
        })),
      )
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'customer_message',
    'survey_response',
    'tracking_link',
    'work_order_payment',
    'work_order_approval',
    'work_order_charge',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
