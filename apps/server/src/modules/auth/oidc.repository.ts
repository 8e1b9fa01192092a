import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { OidcSignInTable } from '../../db/schema/two-factor';

export const insertOidcSignIn = (db: Kysely<DB>, signIn: OidcSignInTable) =>
  db.insertInto('oidc_sign_in').values(signIn).execute();

/**
 * Takes the sign-in under way for a state, once: of two callbacks with the same state (a
 * replay, a double click), only the one whose delete removed the row goes on.
 */
export async function takeOidcSignIn(db: Kysely<DB>, stateHash: string, now: string) {
  const row = await db.selectFrom('oidc_sign_in').selectAll().where('stateHash', '=', stateHash).executeTakeFirst();
  if (!row) return undefined;
  const deleted = await db.deleteFrom('oidc_sign_in').where('stateHash', '=', stateHash).executeTakeFirst();
  if (deleted.numDeletedRows === 0n || row.expiresAt <= now) return undefined;
  return row;
}
