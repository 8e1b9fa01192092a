import { type Kysely, MysqlAdapter } from 'kysely';

const id = 'char(36)';
const timestamp = 'varchar(24)';

/*
 * API keys for other systems, the webhooks that receive the outbox's events, one delivery
 * row per (webhook, event) — unique, so fanning an event out twice sends it once — and the
 * outbox id the fan-out has reached.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The outbox's id type: a bigint on MySQL, SQLite's integer (see the outbox's migration).
  const eventIdType = db.getExecutor().adapter instanceof MysqlAdapter ? 'bigint' : 'integer';
  await db.schema
    .createTable('api_key')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('name', 'varchar(80)', (col) => col.notNull())
    .addColumn('prefix', 'char(8)', (col) => col.notNull().unique())
    .addColumn('keyHash', 'char(64)', (col) => col.notNull())
    .addColumn('scopes', 'varchar(300)', (col) => col.notNull())
    .addColumn('createdBy', id, (col) => col.notNull().references('user.id'))
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addColumn('expiresAt', timestamp)
    .addColumn('revokedAt', timestamp)
    .addColumn('lastUsedAt', timestamp)
    .addColumn('windowStartedAt', timestamp)
    .addColumn('windowRequests', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('webhook')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('url', 'varchar(2000)', (col) => col.notNull())
    .addColumn('events', 'varchar(500)', (col) => col.notNull())
    .addColumn('description', 'varchar(200)')
    .addColumn('secret', 'varchar(80)', (col) => col.notNull())
    .addColumn('active', 'integer', (col) => col.notNull())
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addColumn('updatedAt', timestamp, (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('webhook_delivery')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('webhookId', id, (col) => col.notNull().references('webhook.id').onDelete('cascade'))
    .addColumn('eventId', eventIdType, (col) => col.notNull())
    .addColumn('eventType', 'varchar(40)', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('status', 'varchar(12)', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .addColumn('nextAttemptAt', timestamp)
    .addColumn('claimedAt', timestamp)
    .addColumn('lastAttemptAt', timestamp)
    .addColumn('lastResponseStatus', 'integer')
    .addColumn('lastError', 'varchar(500)')
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addColumn('deliveredAt', timestamp)
    .execute();
  await db.schema
    .createIndex('webhook_delivery_event_uq')
    .on('webhook_delivery')
    .columns(['webhookId', 'eventId'])
    .unique()
    .execute();
  await db.schema
    .createIndex('webhook_delivery_due_idx')
    .on('webhook_delivery')
    .columns(['status', 'nextAttemptAt'])
    .execute();
  // The log pages a webhook's deliveries newest first; retention deletes the oldest finished ones.
  await db.schema.createIndex('webhook_delivery_log_idx').on('webhook_delivery').columns(['webhookId', 'id']).execute();
  await db.schema
    .createIndex('webhook_delivery_finished_idx')
    .on('webhook_delivery')
    .columns(['status', 'createdAt'])
    .execute();

  await db.schema
    .createTable('webhook_feed')
    .addColumn('name', 'varchar(32)', (col) => col.primaryKey())
    .addColumn('lastEventId', eventIdType, (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_feed').execute();
  await db.schema.dropTable('webhook_delivery').execute();
  await db.schema.dropTable('webhook').execute();
  await db.schema.dropTable('api_key').execute();
}
