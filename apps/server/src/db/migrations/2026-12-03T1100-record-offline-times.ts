import type { Kysely } from 'kysely';

/*
 * A step a technician took offline is recorded at the time it happened on the phone; the
 * history keeps when the server received it (null for steps that arrived live) and whether
 * the phone's time had to be clamped, so the office sees both.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('work_order_history').addColumn('receivedAt', 'varchar(24)').execute();
  await db.schema
    .alterTable('work_order_history')
    .addColumn('timeAdjusted', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('work_order_history').dropColumn('timeAdjusted').execute();
  await db.schema.alterTable('work_order_history').dropColumn('receivedAt').execute();
}
