import { type Kysely, MysqlAdapter, sql } from 'kysely';

const id = 'char(36)';
const timestamp = 'varchar(24)';

/*
 * Bulk imports of spreadsheets. A customer brought in by an import keeps the id it has in
 * the company's own system (`externalId`, unique), so importing the same file again finds
 * each customer instead of adding a twin. An import is a job: the uploaded file lies in the
 * file store, the row says how far it got (`checkpointLine`, written with each batch of
 * rows), so another instance resumes it where a dead one stopped. `activeKind` is the kind
 * while the import is queued or running and null after: its unique index lets one import
 * of a kind run at a time, decided by the database for every instance at once. The refused
 * lines are kept with their cells and reason, each in the languages the API speaks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Compared exactly on both engines: MySQL's default collation would take `c-1` for `C-1`.
  const isMysql = db.getExecutor().adapter instanceof MysqlAdapter;
  await db.schema
    .alterTable('customer')
    .addColumn('externalId', 'varchar(64)', (col) => (isMysql ? col.modifyEnd(sql`collate utf8mb4_bin`) : col))
    .execute();
  await db.schema.createIndex('customer_external_id_unique').on('customer').column('externalId').unique().execute();

  await db.schema
    .createTable('import_job')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('kind', 'varchar(20)', (col) => col.notNull())
    .addColumn('activeKind', 'varchar(20)')
    .addColumn('dryRun', 'integer', (col) => col.notNull())
    .addColumn('status', 'varchar(10)', (col) => col.notNull())
    .addColumn('format', 'varchar(4)', (col) => col.notNull())
    .addColumn('fileName', 'varchar(200)')
    .addColumn('storageName', 'varchar(100)', (col) => col.notNull())
    .addColumn('header', 'text')
    .addColumn('rowsTotal', 'integer')
    .addColumn('rowsDone', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('rowsCreated', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('rowsUpdated', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('rowsUnchanged', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('rowsRefused', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('checkpointLine', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('errorEn', 'text')
    .addColumn('errorId', 'text')
    .addColumn('createdAt', timestamp, (col) => col.notNull())
    .addColumn('startedAt', timestamp)
    .addColumn('finishedAt', timestamp)
    .addColumn('createdBy', id, (col) => col.notNull().references('user.id'))
    .execute();
  await db.schema.createIndex('import_job_active_kind_unique').on('import_job').column('activeKind').unique().execute();
  await db.schema.createIndex('import_job_created_idx').on('import_job').columns(['createdAt', 'id']).execute();

  await db.schema
    .createTable('import_refusal')
    .addColumn('importId', id, (col) => col.notNull().references('import_job.id'))
    .addColumn('line', 'integer', (col) => col.notNull())
    .addColumn('cells', 'text', (col) => col.notNull())
    .addColumn('reasonEn', 'text', (col) => col.notNull())
    .addColumn('reasonId', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('import_refusal_pk', ['importId', 'line'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('import_refusal').execute();
  await db.schema.dropTable('import_job').execute();
  // MySQL names the table in DROP INDEX; SQLite's index names are global and refuse it.
  const drop = db.schema.dropIndex('customer_external_id_unique');
  await (db.getExecutor().adapter instanceof MysqlAdapter ? drop.on('customer') : drop).execute();
  await db.schema.alterTable('customer').dropColumn('externalId').execute();
}
