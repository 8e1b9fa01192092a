import type { Kysely } from 'kysely';
import type { DB } from '../db/schema/index';

/*
 * The lease is one row per job, changed by conditional single-row statements only. A
 * conditional UPDATE is atomic on both engines — MySQL/MariaDB lock the row and re-check
 * the condition against the latest committed version, SQLite has one writer — so no
 * transaction is held while a job runs. `SELECT … FOR UPDATE SKIP LOCKED` would hold one
 * open for the whole pass, needs its own path for SQLite, and cannot tell another
 * instance that a holder which lost its connection is gone; an expiry can.
 */

/**
 * Takes the job's lease when it has expired or this holder has it already; the first claim
 * of a job inserts its row, and when two instances insert at once one row wins.
 */
export async function claimLease(
  db: Kysely<DB>,
  lease: { name: string; holder: string; now: string; expiresAt: string },
): Promise<boolean> {
  const { name, holder, now, expiresAt } = lease;
  const updated = await db
    .updateTable('job_lease')
    .set({ holder, expiresAt })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('expiresAt', '<=', now), eb('holder', '=', holder)]))
    .executeTakeFirst();
  if (updated.numUpdatedRows > 0n) return true;
  // `insert ignore` on MySQL, `insert or ignore` on SQLite: a row already there is no error.
  const inserted = await db.insertInto('job_lease').orIgnore().values({ name, holder, expiresAt }).executeTakeFirst();
  return (inserted.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

/**
 * Moves the lease's expiry while `holder` still has it: to renew it during a pass, and at
 * the end to hold it until the next pass is due. False when another instance took it.
 */
export async function extendLease(
  db: Kysely<DB>,
  lease: { name: string; holder: string; expiresAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('job_lease')
    .set({ expiresAt: lease.expiresAt })
    .where('name', '=', lease.name)
    .where('holder', '=', lease.holder)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Gives the lease up at once while `holder` still has it: a process that ran one pass and
 * exits (the CLI) would otherwise keep every instance from the job until the lease ran out.
 */
export async function releaseLease(db: Kysely<DB>, lease: { name: string; holder: string; now: string }) {
  await db
    .updateTable('job_lease')
    .set({ expiresAt: lease.now })
    .where('name', '=', lease.name)
    .where('holder', '=', lease.holder)
    .execute();
}
