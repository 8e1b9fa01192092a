import type { Kysely } from 'kysely';

const id = 'char(36)';
const timestamp = 'varchar(24)';

/*
 * Web Push to the technicians' phones. A subscription is one browser's push endpoint and
 * keys, held by the user and the session that registered it; an endpoint is unique (by its
 * SHA-256, as MySQL cannot index a 1000-character column whole), so a phone handed to
 * another technician moves to them. `push_message` is the outbox of pushes: a row per
 * notification and subscription, written in the notification's transaction and deleted
 * once delivered or given up, so it holds only work still to do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('push_subscription')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('endpointHash', 'char(64)', (col) => col.notNull())
    .addColumn('endpoint', 'varchar(1000)', (col) => col.notNull())
    .addColumn('p256dh', 'varchar(100)', (col) => col.notNull())
    .addColumn('auth', 'varchar(40)', (col) => col.notNull())
    .addColumn('userId', id, (col) => col.notNull().references('user.id'))
    .addColumn('sessionId', id, (col) => col.notNull())
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addColumn('updatedAt', timestamp, (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('push_subscription_endpoint_unique')
    .on('push_subscription')
    .column('endpointHash')
    .unique()
    .execute();
  await db.schema
    .createIndex('push_subscription_user_idx')
    .on('push_subscription')
    .columns(['userId', 'updatedAt'])
    .execute();
  await db.schema.createIndex('push_subscription_session_idx').on('push_subscription').column('sessionId').execute();

  await db.schema
    .createTable('push_message')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('subscriptionId', id, (col) => col.notNull().references('push_subscription.id').onDelete('cascade'))
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('urgency', 'varchar(10)', (col) => col.notNull())
    .addColumn('status', 'varchar(10)', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('nextAttemptAt', timestamp, (col) => col.notNull())
    .addColumn('lastError', 'varchar(500)')
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('push_message_due_idx').on('push_message').columns(['status', 'nextAttemptAt']).execute();
  await db.schema.createIndex('push_message_subscription_idx').on('push_message').column('subscriptionId').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('push_message').execute();
  await db.schema.dropTable('push_subscription').execute();
}
