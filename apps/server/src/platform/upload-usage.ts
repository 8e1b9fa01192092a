import type { Kysely } from 'kysely';
import type { DB } from '../db/schema/index';

/** The UTC day an upload counts on, `YYYY-MM-DD`. */
export const uploadDayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Counts `bytes` against what the user may store on `day`, if they fit under `max`: one
 * conditional update, so parallel uploads (on any instance) cannot all see room that only
 * one of them has. Run it in the upload's transaction, which gives the bytes back if the
 * upload fails after it.
 */
export async function takeUploadBytes(db: Kysely<DB>, userId: string, day: string, bytes: number, max: number) {
  await db.insertInto('upload_usage').values({ userId, day, bytes: 0 }).orIgnore().execute();
  const result = await db
    .updateTable('upload_usage')
    .set((eb) => ({ bytes: eb('bytes', '+', bytes) }))
    .where('userId', '=', userId)
    .where('day', '=', day)
    .where((eb) => eb(eb('bytes', '+', bytes), '<=', max))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Retention: the counters of days before `day`, in bounded statements like the other prunes. */
export async function pruneUploadUsageBefore(db: Kysely<DB>, day: string, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('upload_usage')
    .where('day', '<', day)
    .orderBy('day')
    .limit(limit)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
