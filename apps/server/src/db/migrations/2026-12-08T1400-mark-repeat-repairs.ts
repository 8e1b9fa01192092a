import type { Kysely } from 'kysely';

/*
 * A work order on a unit repaired shortly before is a repeat of that repair: the later one
 * names the earlier (`repeatOfId`), and the earlier counts its repeats (`repeatCount`), so
 * the repeat-repair rate of a period's completed repairs is a column test, not a search.
 * No foreign key, as on the other added columns: SQLite cannot add a constraint, and
 * MariaDB's would have to be dropped by its generated name before the column.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('work_order').addColumn('repeatOfId', 'char(36)').execute();
  await db.schema
    .alterTable('work_order')
    .addColumn('repeatCount', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('work_order').dropColumn('repeatCount').execute();
  await db.schema.alterTable('work_order').dropColumn('repeatOfId').execute();
}
