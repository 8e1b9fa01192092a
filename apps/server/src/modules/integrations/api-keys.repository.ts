import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { ApiKeyTable } from '../../db/schema/integration';

export type ApiKeyRow = Selectable<ApiKeyTable>;

export const insertApiKey = (db: Kysely<DB>, row: Insertable<ApiKeyTable>) =>
  db.insertInto('api_key').values(row).execute();

export const findApiKeys = (db: Kysely<DB>, limit: number) =>
  db.selectFrom('api_key').selectAll().orderBy('id', 'desc').limit(limit).execute();

/** Keys not revoked, expired ones included: an admin revokes those to make room. */
export async function countActiveApiKeys(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('api_key')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export const findApiKeyById = (db: Kysely<DB>, id: string) =>
  db.selectFrom('api_key').selectAll().where('id', '=', id).executeTakeFirst();

export const findApiKeyByPrefix = (db: Kysely<DB>, prefix: string) =>
  db.selectFrom('api_key').selectAll().where('prefix', '=', prefix).executeTakeFirst();

/** Revokes once: a second revocation keeps the first time. */
export const revokeApiKey = (db: Kysely<DB>, id: string, at: string) =>
  db.updateTable('api_key').set({ revokedAt: at }).where('id', '=', id).where('revokedAt', 'is', null).execute();

/**
 * Counts one request in the key's current minute, if it is under `max`; a request in a new
 * minute starts the window at one and sets `lastUsedAt`, so the key's row takes no write for
 * its use beyond the count. One conditional statement, so instances sharing the database
 * cannot all see room that only one of them has. MySQL assigns left to right, each
 * assignment seeing the ones before it, so `windowStartedAt` is set last: the others read
 * its old value, as SQLite's assignments all do.
 */
export async function countApiKeyRequest(
  db: Kysely<DB>,
  request: { id: string; windowStartedAt: string; now: string; max: number },
): Promise<boolean> {
  const { id, windowStartedAt, now, max } = request;
  const result = await db
    .updateTable('api_key')
    .set((eb) => ({
      windowRequests: eb
        .case()
        .when('windowStartedAt', '=', windowStartedAt)
        .then(eb('windowRequests', '+', 1))
        .else(1)
        .end(),
      lastUsedAt: eb.case().when('windowStartedAt', '=', windowStartedAt).then(eb.ref('lastUsedAt')).else(now).end(),
      windowStartedAt,
    }))
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('windowStartedAt', 'is', null),
        eb('windowStartedAt', '<>', windowStartedAt),
        eb('windowRequests', '<', max),
      ]),
    )
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
