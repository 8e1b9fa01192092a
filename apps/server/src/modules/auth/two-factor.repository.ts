import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { SignInChallengeTable, TotpRecoveryCodeTable } from '../../db/schema/two-factor';

/*
 * Each check that a code or a challenge is used once is one conditional statement, so that
 * two instances (or two tabs) sending the same code at once cannot both succeed.
 */

export const findTotp = (db: Kysely<DB>, userId: string) =>
  db.selectFrom('user_totp').selectAll().where('userId', '=', userId).executeTakeFirst();

export async function savePendingSecret(db: Kysely<DB>, userId: string, pendingSecret: string, at: string) {
  const updated = await db
    .updateTable('user_totp')
    .set({ pendingSecret, updatedAt: at })
    .where('userId', '=', userId)
    .executeTakeFirst();
  if (updated.numUpdatedRows > 0n) return;
  await db
    .insertInto('user_totp')
    .values({ userId, secret: null, lastUsedStep: null, pendingSecret, updatedAt: at })
    .execute();
}

/** The pending secret takes over, with the step its confirming code used; false if another confirmation won. */
export async function confirmPendingSecret(
  db: Kysely<DB>,
  { userId, pendingSecret, step, at }: { userId: string; pendingSecret: string; step: number; at: string },
) {
  const result = await db
    .updateTable('user_totp')
    .set({ secret: pendingSecret, pendingSecret: null, lastUsedStep: step, updatedAt: at })
    .where('userId', '=', userId)
    .where('pendingSecret', '=', pendingSecret)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records the step of an accepted code; false when this step (or a later one) was used already. */
export async function useStep(db: Kysely<DB>, userId: string, step: number) {
  const result = await db
    .updateTable('user_totp')
    .set({ lastUsedStep: step })
    .where('userId', '=', userId)
    .where('secret', 'is not', null)
    .where((eb) => eb.or([eb('lastUsedStep', 'is', null), eb('lastUsedStep', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteTotp(db: Kysely<DB>, userId: string) {
  await db.deleteFrom('totp_recovery_code').where('userId', '=', userId).execute();
  await db.deleteFrom('user_totp').where('userId', '=', userId).execute();
}

export async function replaceRecoveryCodes(db: Kysely<DB>, userId: string, codes: TotpRecoveryCodeTable[]) {
  await db.deleteFrom('totp_recovery_code').where('userId', '=', userId).execute();
  await db.insertInto('totp_recovery_code').values(codes).execute();
}

/** Spends one unused recovery code; false when it is no code of the user's or was spent. */
export async function spendRecoveryCode(db: Kysely<DB>, userId: string, codeHash: string, at: string) {
  const result = await db
    .updateTable('totp_recovery_code')
    .set({ usedAt: at })
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function countUnusedRecoveryCodes(db: Kysely<DB>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('totp_recovery_code')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export const insertChallenge = (db: Kysely<DB>, challenge: SignInChallengeTable) =>
  db.insertInto('sign_in_challenge').values(challenge).execute();

/** The challenge's user while it is unused and unexpired. */
export const findLiveChallenge = (db: Kysely<DB>, tokenHash: string, now: string) =>
  db
    .selectFrom('sign_in_challenge')
    .innerJoin('user', 'user.id', 'sign_in_challenge.userId')
    .select(['user.id as userId', 'user.employeeNo', 'user.active'])
    .where('sign_in_challenge.tokenHash', '=', tokenHash)
    .where('sign_in_challenge.usedAt', 'is', null)
    .where('sign_in_challenge.expiresAt', '>', now)
    .executeTakeFirst();

/** Uses the challenge up; false when another request did first or it expired. */
export async function useChallenge(db: Kysely<DB>, tokenHash: string, now: string) {
  const result = await db
    .updateTable('sign_in_challenge')
    .set({ usedAt: now })
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Retention: challenges and single sign-ons past their few minutes, in bounded deletes. */
export async function deleteExpiredSignIns(db: Kysely<DB>, before: string, limit: number): Promise<number> {
  const challenges = await db
    .deleteFrom('sign_in_challenge')
    .where('expiresAt', '<', before)
    .orderBy('expiresAt')
    .limit(limit)
    .executeTakeFirst();
  const states = await db
    .deleteFrom('oidc_sign_in')
    .where('expiresAt', '<', before)
    .orderBy('expiresAt')
    .limit(limit)
    .executeTakeFirst();
  return Number(challenges.numDeletedRows) + Number(states.numDeletedRows);
}
