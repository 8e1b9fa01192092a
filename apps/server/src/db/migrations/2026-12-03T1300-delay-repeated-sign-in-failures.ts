import type { Kysely } from 'kysely';

/*
 * A NIK failing from one address waits longer before each further try. The earliest time
 * the next try may come sits on the counter it is judged by, so that taking a failure slot
 * and honouring the delay are one conditional update.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('login_throttle').addColumn('nextAttemptAt', 'varchar(24)').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('login_throttle').dropColumn('nextAttemptAt').execute();
}
