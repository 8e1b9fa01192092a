import { type Kysely, MysqlAdapter } from 'kysely';

/*
 * The lease that lets one instance of many run each periodic job, and the index that lets
 * retention find old sign-in failures without reading them all: a password-spraying
 * attack from many addresses leaves one row per address.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_lease')
    .addColumn('name', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('holder', 'varchar(64)', (col) => col.notNull())
    .addColumn('expiresAt', 'varchar(24)', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('login_throttle_window_idx').on('login_throttle').column('windowStartedAt').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // MySQL names the table in DROP INDEX; SQLite's index names are global and refuse it.
  const drop = db.schema.dropIndex('login_throttle_window_idx');
  await (db.getExecutor().adapter instanceof MysqlAdapter ? drop.on('login_throttle') : drop).execute();
  await db.schema.dropTable('job_lease').execute();
}
