import { type Kysely, MysqlAdapter, sql } from 'kysely';

/*
 * The imports of staff and opening stock. A user brought in by an import keeps the id it
 * has in the company's own system (`externalId`, unique, compared exactly), as customers
 * do. `import_stock_line` is what the stock import posted per line of the company's own
 * numbering: the part, the location (`warehouse:<branchId>` or `bag:<technicianId>`) and
 * the quantity, so the same file again posts nothing and a changed quantity posts only the
 * difference. Finished imports are deleted after their retention, found by `finishedAt`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Compared exactly on both engines: MySQL's default collation would take `u-1` for `U-1`.
  const isMysql = db.getExecutor().adapter instanceof MysqlAdapter;
  const exact = isMysql ? sql`collate utf8mb4_bin` : undefined;
  await db.schema
    .alterTable('user')
    .addColumn('externalId', 'varchar(64)', (col) => (exact ? col.modifyEnd(exact) : col))
    .execute();
  await db.schema.createIndex('user_external_id_unique').on('user').column('externalId').unique().execute();

  await db.schema
    .createTable('import_stock_line')
    .addColumn('externalId', 'varchar(64)', (col) => {
      const key = col.primaryKey();
      return exact ? key.modifyEnd(exact) : key;
    })
    .addColumn('partId', 'char(36)', (col) => col.notNull().references('part.id'))
    .addColumn('locationKey', 'varchar(50)', (col) => col.notNull())
    .addColumn('quantity', 'integer', (col) => col.notNull())
    .addColumn('updatedAt', 'varchar(24)', (col) => col.notNull())
    .execute();

  await db.schema.createIndex('import_job_finished_idx').on('import_job').column('finishedAt').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const isMysql = db.getExecutor().adapter instanceof MysqlAdapter;
  // MySQL names the table in DROP INDEX; SQLite's index names are global and refuse it.
  const dropIndex = async (name: string, table: string) => {
    const drop = db.schema.dropIndex(name);
    await (isMysql ? drop.on(table) : drop).execute();
  };
  await dropIndex('import_job_finished_idx', 'import_job');
  await db.schema.dropTable('import_stock_line').execute();
  await dropIndex('user_external_id_unique', 'user');
  await db.schema.alterTable('user').dropColumn('externalId').execute();
}
