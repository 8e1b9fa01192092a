import type { Role, TotpDisableBody, TotpEnrolment, TotpStatus } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError } from '../../errors';
import type { Actor } from '../../platform/actor';
import { addSeconds, type Clock, toIso } from '../../platform/clock';
import { recordSessionRevoked } from '../../platform/events/session-revoked';
import { newId } from '../../platform/ids';
import * as authRepo from './auth.repository';
import { verifyPassword } from './password';
import { createRecoveryCodes, hashRecoveryCode, isRecoveryCodeShaped } from './recovery-codes';
import { createSessionToken, hashSessionToken } from './session-token';
import { createTotpSecret, totpStepOf, totpUriOf } from './totp';
import * as repo from './two-factor.repository';

/** How long the step between a right password and its code may take. */
export const challengeTtlSeconds = 5 * 60;

export interface TwoFactorServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Roles that must have TOTP: it cannot be switched off for them. */
  requiredRoles: readonly Role[];
  /** Wakes the event streams after the other sessions of a user ended. */
  onCommitted: () => void;
}

const wrongCode = { en: 'The code is wrong or was used already', id: 'Kode salah atau sudah pernah dipakai' };

export const invalidSecondFactor = () => new AppError('invalid_second_factor', wrongCode);

const invalidCode = (path: string) =>
  new AppError('invalid_second_factor', wrongCode, {
    errors: [{ path, message: 'is not the current code of your authenticator app' }],
  });

export function createTwoFactorService({ db, clock, requiredRoles, onCommitted }: TwoFactorServiceDeps) {
  const now = () => toIso(clock.now());
  const isEnrolmentPending = async (actor: Actor) =>
    (await authRepo.findSessionById(db, actor.sessionId))?.totpEnrolmentPending === 1;

  /** Accepts a TOTP code once (its time step), or spends a recovery code. */
  async function acceptCode(userId: string, code: string): Promise<boolean> {
    const totp = await repo.findTotp(db, userId);
    if (!totp?.secret) return false;
    if (isRecoveryCodeShaped(code)) return repo.spendRecoveryCode(db, userId, hashRecoveryCode(code), now());
    const step = totpStepOf(totp.secret, code, clock.now());
    return step !== null && repo.useStep(db, userId, step);
  }

  return {
    acceptCode,

    async isEnrolled(userId: string): Promise<boolean> {
      return Boolean((await repo.findTotp(db, userId))?.secret);
    },

    /** A single-use challenge for the second step of a sign-in, kept in the database for every instance. */
    async issueChallenge(userId: string) {
      const challenge = createSessionToken();
      const expiresAt = toIso(addSeconds(clock.now(), challengeTtlSeconds));
      await repo.insertChallenge(db, { tokenHash: hashSessionToken(challenge), userId, expiresAt, usedAt: null });
      return { secondFactor: 'totp' as const, challenge, expiresAt };
    },

    /** The user behind a challenge still open, or null. */
    findChallenge: (challenge: string) => repo.findLiveChallenge(db, hashSessionToken(challenge), now()),

    /** Uses the challenge up; false when it was used meanwhile or expired. */
    useChallenge: (challenge: string) => repo.useChallenge(db, hashSessionToken(challenge), now()),

    async status(actor: Actor): Promise<TotpStatus> {
      const totp = await repo.findTotp(db, actor.id);
      return {
        enrolled: Boolean(totp?.secret),
        required: requiredRoles.includes(actor.role),
        enrolmentPending: await isEnrolmentPending(actor),
        recoveryCodesLeft: totp?.secret ? await repo.countUnusedRecoveryCodes(db, actor.id) : 0,
      };
    },

    /**
     * A new secret, in force once a code of it is confirmed. A session that must enrol may not
     * replace a secret already in force: it was opened by password alone.
     */
    async startEnrolment(actor: Actor): Promise<TotpEnrolment> {
      if ((await repo.findTotp(db, actor.id))?.secret && (await isEnrolmentPending(actor))) {
        throw new AppError('forbidden', 'Sign in again with the code of your authenticator app');
      }
      const secret = createTotpSecret();
      await repo.savePendingSecret(db, actor.id, secret, now());
      return { secret, uri: totpUriOf(secret, actor.employeeNo) };
    },

    /**
     * Puts the pending secret in force and hands out new recovery codes, shown this once. The
     * user's other sessions end (they were opened without the factor); this one may do everything.
     */
    async confirmEnrolment(actor: Actor, code: string): Promise<string[]> {
      const pendingSecret = (await repo.findTotp(db, actor.id))?.pendingSecret;
      if (!pendingSecret) throw new AppError('conflict', 'Start an enrolment first');
      const step = totpStepOf(pendingSecret, code, clock.now());
      if (step === null) throw invalidCode('body.code');
      const recoveryCodes = createRecoveryCodes();
      const at = now();
      await db.transaction().execute(async (trx) => {
        if (!(await repo.confirmPendingSecret(trx, { userId: actor.id, pendingSecret, step, at }))) {
          throw new AppError('conflict', 'The enrolment changed meanwhile: start again');
        }
        const rows = recoveryCodes.map((code) => ({
          id: newId(),
          userId: actor.id,
          codeHash: hashRecoveryCode(code),
          usedAt: null,
        }));
        await repo.replaceRecoveryCodes(trx, actor.id, rows);
        await authRepo.revokeOtherSessions(trx, actor.id, actor.sessionId, at);
        await recordSessionRevoked(trx, { userId: actor.id, sessionId: null }, at);
        await authRepo.setEnrolmentPending(trx, actor.sessionId, false);
      });
      onCommitted();
      return recoveryCodes;
    },

    /** Switches TOTP off, with a current code or the password; never for a role that must have it. */
    async disable(actor: Actor, body: TotpDisableBody): Promise<void> {
      if (requiredRoles.includes(actor.role)) {
        throw new AppError('forbidden', {
          en: 'Your role must sign in with a second factor',
          id: 'Peran Anda wajib masuk dengan faktor kedua',
        });
      }
      if (!(await repo.findTotp(db, actor.id))?.secret) return;
      if (body.code !== undefined && !(await acceptCode(actor.id, body.code))) throw invalidCode('body.code');
      if (body.code === undefined) {
        const credentials = await authRepo.findCredentialsById(db, actor.id);
        const isRight = credentials && (await verifyPassword(credentials.passwordHash, body.password ?? ''));
        if (!isRight) {
          throw new AppError('invalid_credentials', 'The password is wrong', {
            errors: [{ path: 'body.password', message: 'is not your password' }],
          });
        }
      }
      await db.transaction().execute((trx) => repo.deleteTotp(trx, actor.id));
    },

    /**
     * For a lost phone and lost codes (the command line, an admin's act): the factor goes, and
     * the user's sessions with it; a role that must have one enrols again at the next sign-in.
     */
    async resetByEmployeeNo(employeeNo: string): Promise<'reset' | 'none' | 'unknown'> {
      const user = await authRepo.findCredentialsByEmployeeNo(db, employeeNo.trim().toUpperCase());
      if (!user) return 'unknown';
      if (!(await repo.findTotp(db, user.id))?.secret) return 'none';
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.deleteTotp(trx, user.id);
        await authRepo.revokeSessionsOfUser(trx, user.id, at);
        await recordSessionRevoked(trx, { userId: user.id, sessionId: null }, at);
      });
      onCommitted();
      return 'reset';
    },

    /** Retention: challenges and single sign-ons that expired before `before`. */
    pruneExpired: (before: Date, limit: number) => repo.deleteExpiredSignIns(db, toIso(before), limit),
  };
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
