import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';

/*
 * Every statement here decides on its own, in the database: several server instances share
 * these counters, and a read followed by a write would let parallel attempts all read the
 * same count. Each runs alone (no transaction): nothing to deadlock but single statements.
 */

export interface SlotRequest {
  key: string;
  max: number;
  now: string;
  /** A window that started at or before this has ended. */
  windowStartedAfter: string;
}

/**
 * Takes one of the key's `max` failure slots in its current window, when one is free and
 * the key's delay is over; starts a new window when the old one has ended. False when the
 * key refuses (or another attempt changed it meanwhile: the caller looks and asks again).
 */
export async function takeThrottleSlot(db: Kysely<DB>, { key, max, now, windowStartedAfter }: SlotRequest) {
  const inWindow = await db
    .updateTable('login_throttle')
    .set((eb) => ({ failures: eb('failures', '+', 1) }))
    .where('key', '=', key)
    .where('windowStartedAt', '>', windowStartedAfter)
    .where('failures', '<', max)
    .where((eb) => eb.or([eb('nextAttemptAt', 'is', null), eb('nextAttemptAt', '<=', now)]))
    .executeTakeFirst();
  if (inWindow.numUpdatedRows > 0n) return true;
  // Of several attempts that find the window over, the first restarts it; the others no longer match.
  const restarted = await db
    .updateTable('login_throttle')
    .set({ failures: 1, windowStartedAt: now, nextAttemptAt: null })
    .where('key', '=', key)
    .where('windowStartedAt', '<=', windowStartedAfter)
    .executeTakeFirst();
  if (restarted.numUpdatedRows > 0n) return true;
  const inserted = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, windowStartedAt: now, nextAttemptAt: null })
    .orIgnore()
    .executeTakeFirst();
  return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/** Gives back a slot taken for an attempt that turned out not to be a failure. */
export const returnThrottleSlot = (db: Kysely<DB>, key: string) =>
  db
    .updateTable('login_throttle')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();

export const findThrottle = (db: Kysely<DB>, key: string) =>
  db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();

export const setNextAttemptAt = (db: Kysely<DB>, key: string, at: string) =>
  db.updateTable('login_throttle').set({ nextAttemptAt: at }).where('key', '=', key).execute();

export const deleteThrottle = (db: Kysely<DB>, key: string) =>
  db.deleteFrom('login_throttle').where('key', '=', key).execute();

/** Retention: a bounded `DELETE … LIMIT`, oldest first, like the other retention deletes. */
export async function deleteThrottlesBefore(
  db: Kysely<DB>,
  windowStartedBefore: string,
  limit: number,
): Promise<number> {
  const result = await db
    .deleteFrom('login_throttle')
    .where('windowStartedAt', '<', windowStartedBefore)
    .orderBy('windowStartedAt')
    .limit(limit)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
