import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { SessionTable } from '../../db/schema/session';

/*
 * Sessions are checked on every request, so this repository joins the user row in the
 * same indexed query instead of asking the users module in a second round trip.
 */

export const findCredentialsByEmployeeNo = (db: Kysely<DB>, employeeNo: string) =>
  db
    .selectFrom('user')
    .select(['id', 'employeeNo', 'role', 'passwordHash', 'active'])
    .where('employeeNo', '=', employeeNo)
    .executeTakeFirst();

export const findCredentialsById = (db: Kysely<DB>, id: string) =>
  db.selectFrom('user').select(['id', 'passwordHash']).where('id', '=', id).executeTakeFirst();

/** The user single sign-on finds by e-mail (stored in lower case). */
export const findUserByEmail = (db: Kysely<DB>, email: string) =>
  db
    .selectFrom('user')
    .select(['id', 'employeeNo', 'role', 'active'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();

export const insertSession = (db: Kysely<DB>, session: Insertable<SessionTable>) =>
  db.insertInto('session').values(session).execute();

const selectSessionWithUser = (db: Kysely<DB>) =>
  db
    .selectFrom('session')
    .innerJoin('user', 'user.id', 'session.userId')
    .select([
      'session.id as sessionId',
      'session.lastSeenAt',
      'session.expiresAt',
      'session.revokedAt',
      'session.totpEnrolmentPending',
      'user.id as userId',
      'user.employeeNo',
      'user.name',
      'user.role',
      'user.branchId',
      'user.active',
    ]);

export const findSessionByTokenHash = (db: Kysely<DB>, tokenHash: string) =>
  selectSessionWithUser(db).where('session.tokenHash', '=', tokenHash).executeTakeFirst();

export const findSessionById = (db: Kysely<DB>, sessionId: string) =>
  selectSessionWithUser(db).where('session.id', '=', sessionId).executeTakeFirst();

export const touchSession = (db: Kysely<DB>, sessionId: string, at: string) =>
  db.updateTable('session').set({ lastSeenAt: at }).where('id', '=', sessionId).execute();

export const revokeSession = (db: Kysely<DB>, sessionId: string, at: string) =>
  db.updateTable('session').set({ revokedAt: at }).where('id', '=', sessionId).where('revokedAt', 'is', null).execute();

export const setEnrolmentPending = (db: Kysely<DB>, sessionId: string, isPending: boolean) =>
  db
    .updateTable('session')
    .set({ totpEnrolmentPending: isPending ? 1 : 0 })
    .where('id', '=', sessionId)
    .execute();

export const revokeOtherSessions = (db: Kysely<DB>, userId: string, keptSessionId: string, at: string) =>
  db
    .updateTable('session')
    .set({ revokedAt: at })
    .where('userId', '=', userId)
    .where('id', '!=', keptSessionId)
    .where('revokedAt', 'is', null)
    .execute();

export const revokeSessionsOfUser = (db: Kysely<DB>, userId: string, at: string) =>
  db
    .updateTable('session')
    .set({ revokedAt: at })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .execute();

/*
 * Retention deletes in bounded statements (`DELETE … LIMIT`, which MySQL/MariaDB and the
 * SQLite that better-sqlite3 builds both accept), ordered so that the rows a statement
 * takes are the same on every replica.
 */

/**
 * Sessions that ended before `endedBefore` — past their lifetime, signed out — or were last
 * used before `lastSeenBefore`. Sessions are few (one per sign-in, kept about a month): a
 * scan costs little, where an index on `lastSeenAt` would cost a write on every touch.
 */
export async function deleteEndedSessions(
  db: Kysely<DB>,
  { endedBefore, lastSeenBefore }: { endedBefore: string; lastSeenBefore: string },
  limit: number,
): Promise<number> {
  const result = await db
    .deleteFrom('session')
    .where((eb) =>
      eb.or([
        eb('expiresAt', '<', endedBefore),
        eb('revokedAt', '<', endedBefore),
        eb('lastSeenAt', '<', lastSeenBefore),
      ]),
    )
    .orderBy('id')
    .limit(limit)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
