import type { Kysely } from 'kysely';
import type { DB } from './schema/index';

/*
 * Counters for human-readable numbers (`WO-2611-000123`, `KW-2611-000042`), one row per
 * series in `number_sequence`.
 */

/**
 * Makes sure a number series exists before a transaction increments it. Done outside the
 * transaction: two first intakes of a month racing to create the row would otherwise
 * deadlock on MySQL's gap locks; here the loser's duplicate-key error is harmless.
 */
export async function ensureSequence(db: Kysely<DB>, name: string) {
  const existing = await db.selectFrom('number_sequence').select('name').where('name', '=', name).executeTakeFirst();
  if (existing) return;
  try {
    await db.insertInto('number_sequence').values({ name, value: 0 }).execute();
  } catch (error) {
    const created = await db.selectFrom('number_sequence').select('name').where('name', '=', name).executeTakeFirst();
    if (!created) throw error;
  }
}

/** Next value of a series, inside the caller's transaction (the row lock serializes writers). */
export async function nextSequenceValue(trx: Kysely<DB>, name: string): Promise<number> {
  await trx
    .updateTable('number_sequence')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .execute();
  const row = await trx
    .selectFrom('number_sequence')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.value;
}
