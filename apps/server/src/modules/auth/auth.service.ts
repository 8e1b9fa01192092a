import type { LoginBody, LoginResponse, SecondFactorChallenge, TotpLoginBody } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { DB } from '../../db/schema/index';
import { AppError } from '../../errors';
import type { Actor, ResolvedSession } from '../../platform/actor';
import { addSeconds, type Clock, toIso } from '../../platform/clock';
import { recordSessionRevoked } from '../../platform/events/session-revoked';
import { newId } from '../../platform/ids';
import * as repo from './auth.repository';
import { createLoginThrottle } from './login-throttle';
import { burnPasswordCheck, verifyPassword } from './password';
import { createSessionToken, hashSessionToken } from './session-token';
import { createTwoFactorService, invalidSecondFactor } from './two-factor.service';

export interface LoginMeta {
  /** The client's address as `clientAddressOf` finds it. */
  ipAddress: string;
  userAgent: string | undefined;
}

/** Refresh `lastSeenAt` at most this often, so reads do not turn into writes. */
const touchIntervalMs = 60_000;

type SessionRow = NonNullable<Awaited<ReturnType<typeof repo.findSessionById>>>;

const toActor = (row: SessionRow): Actor => ({
  id: row.userId,
  employeeNo: row.employeeNo,
  name: row.name,
  role: row.role,
  branchId: row.branchId,
  sessionId: row.sessionId,
});

const invalidCredentials = () => new AppError('invalid_credentials', 'The employee number or password is wrong');

const signInExpired = () =>
  new AppError('sign_in_expired', {
    en: 'This sign-in has expired: enter your employee number and password again',
    id: 'Waktu masuk habis: masukkan NIK dan kata sandi lagi',
  });

/** A new session: its token (shown once), until when it lasts, and whether it may only enrol a second factor. */
export type NewSession = Omit<LoginResponse, 'user'> & { userId: string };

/** A password sign-in gives a session, or (with TOTP) a challenge for the code. */
export type LoginOutcome = ({ kind: 'session' } & NewSession) | ({ kind: 'challenge' } & SecondFactorChallenge);

export interface AuthServiceDeps {
  db: Kysely<DB>;
  config: Pick<Config, 'session' | 'loginThrottle' | 'twoFactor'>;
  clock: Clock;
  /** Wakes the event streams after a sign-out, so that the session's streams end at once. */
  onCommitted: () => void;
  /** What else ends with a sign-out, in its transaction: the session's push subscriptions. */
  onSignOut?: (trx: Kysely<DB>, sessionId: string) => Promise<void>;
}

export function createAuthService({ db, config, clock, onCommitted, onSignOut }: AuthServiceDeps) {
  const throttle = createLoginThrottle({ db, settings: config.loginThrottle, clock });
  const twoFactor = createTwoFactorService({ db, clock, requiredRoles: config.twoFactor.requiredRoles, onCommitted });

  /** Not revoked, user active, within the absolute lifetime and the idle limit. */
  function isUsable(
    row: { revokedAt: string | null; active: number; expiresAt: string; lastSeenAt: string },
    now: Date,
  ): boolean {
    if (row.revokedAt !== null || row.active !== 1) return false;
    if (new Date(row.expiresAt) <= now) return false;
    return addSeconds(new Date(row.lastSeenAt), config.session.idleTtlSeconds) > now;
  }

  /** The active user with this NIK and password, or null; as slow for an unknown NIK as for a known one. */
  async function checkCredentials(employeeNo: string, password: string) {
    const credentials = await repo.findCredentialsByEmployeeNo(db, employeeNo);
    if (!credentials) return burnPasswordCheck(password).then(() => null);
    const isValid = (await verifyPassword(credentials.passwordHash, password)) && credentials.active === 1;
    return isValid ? credentials : null;
  }

  async function createSession(userId: string, meta: LoginMeta, totpEnrolmentRequired: boolean): Promise<NewSession> {
    const now = clock.now();
    const token = createSessionToken();
    const expiresAt = toIso(addSeconds(now, config.session.ttlSeconds));
    await repo.insertSession(db, {
      id: newId(),
      tokenHash: hashSessionToken(token),
      userId,
      createdAt: toIso(now),
      lastSeenAt: toIso(now),
      expiresAt,
      revokedAt: null,
      ipAddress: meta.ipAddress.slice(0, 45),
      userAgent: meta.userAgent?.slice(0, 255) ?? null,
      totpEnrolmentPending: totpEnrolmentRequired ? 1 : 0,
    });
    return { token, expiresAt, userId, totpEnrolmentRequired };
  }

  return {
    twoFactor,

    /** A session for a user another way has proven (single sign-on); the provider's own factors stand. */
    createSession: (userId: string, meta: LoginMeta) => createSession(userId, meta, false),

    async login(body: LoginBody, meta: LoginMeta): Promise<LoginOutcome> {
      const employeeNo = body.username.trim().toUpperCase();
      const attempt = await throttle.begin(employeeNo, meta.ipAddress);
      const credentials = await checkCredentials(employeeNo, body.password).catch(async (error: unknown) => {
        await attempt.abandoned();
        throw error;
      });
      if (!credentials) {
        await attempt.failed();
        throw invalidCredentials();
      }
      // Technicians sign in on their phone by NIK and password alone.
      if (credentials.role !== 'technician' && (await twoFactor.isEnrolled(credentials.id))) {
        // The failures of this NIK stay counted until the code is right too.
        await attempt.passed();
        return { kind: 'challenge', ...(await twoFactor.issueChallenge(credentials.id)) };
      }
      await attempt.succeeded();
      const mustEnrol = config.twoFactor.requiredRoles.includes(credentials.role);
      return { kind: 'session', ...(await createSession(credentials.id, meta, mustEnrol)) };
    },

    /**
     * The second step: the challenge of a right password and a code of the user's authenticator
     * app (or a recovery code). A wrong code is a failed sign-in under the same limits.
     */
    async loginWithTotp(body: TotpLoginBody, meta: LoginMeta): Promise<NewSession> {
      const challenge = await twoFactor.findChallenge(body.challenge);
      if (challenge?.active !== 1) throw signInExpired();
      const attempt = await throttle.begin(challenge.employeeNo, meta.ipAddress);
      const isAccepted = await twoFactor.acceptCode(challenge.userId, body.code).catch(async (error: unknown) => {
        await attempt.abandoned();
        throw error;
      });
      if (!isAccepted) {
        await attempt.failed();
        throw invalidSecondFactor();
      }
      if (!(await twoFactor.useChallenge(body.challenge))) {
        await attempt.abandoned();
        throw signInExpired();
      }
      await attempt.succeeded();
      return createSession(challenge.userId, meta, false);
    },

    /** The actor behind a token, or null when it is unknown, revoked, expired or idle too long. */
    async resolveSession(token: string): Promise<ResolvedSession | null> {
      const row = await repo.findSessionByTokenHash(db, hashSessionToken(token));
      const now = clock.now();
      if (!row || !isUsable(row, now)) return null;
      const idleSince = new Date(row.lastSeenAt);
      if (now.getTime() - idleSince.getTime() > touchIntervalMs) {
        await repo.touchSession(db, row.sessionId, toIso(now));
      }
      return { actor: toActor(row), totpEnrolmentPending: row.totpEnrolmentPending === 1 };
    },

    /** The actor of a session while it is valid, else null: long-lived event streams ask now and then. */
    async findSessionActor(sessionId: string): Promise<Actor | null> {
      const row = await repo.findSessionById(db, sessionId);
      return row && isUsable(row, clock.now()) ? toActor(row) : null;
    },

    /** Signs out: ends the session, its open event streams and what `onSignOut` ends with it. */
    async logout(actor: Pick<Actor, 'id' | 'sessionId'>) {
      const at = toIso(clock.now());
      await db.transaction().execute(async (trx) => {
        await repo.revokeSession(trx, actor.sessionId, at);
        await recordSessionRevoked(trx, { userId: actor.id, sessionId: actor.sessionId }, at);
        await onSignOut?.(trx, actor.sessionId);
      });
      onCommitted();
    },

    /**
     * Ends every session of a user and their open event streams, in the caller's transaction:
     * on deactivation and on a password change.
     */
    async revokeAllSessions(trx: Kysely<DB>, userId: string) {
      const at = toIso(clock.now());
      await repo.revokeSessionsOfUser(trx, userId, at);
      await recordSessionRevoked(trx, { userId, sessionId: null }, at);
    },

    /**
     * Ends a user's open event streams, in the caller's transaction, when what they may see
     * changed (role, branch, areas); the sessions go on, and a reconnect sees the new scope.
     */
    async endStreamsOf(trx: Kysely<DB>, userId: string) {
      await recordSessionRevoked(trx, { userId, sessionId: null }, toIso(clock.now()));
    },

    /** Retention: deletes up to `limit` sessions that ended (in any way) before `before`; returns how many. */
    pruneEndedSessions(before: Date, limit: number): Promise<number> {
      const endedBefore = toIso(before);
      const lastSeenBefore = toIso(addSeconds(before, -config.session.idleTtlSeconds));
      return repo.deleteEndedSessions(db, { endedBefore, lastSeenBefore }, limit);
    },

    /** Retention: deletes up to `limit` failure counters whose window began before `before`. */
    pruneLoginFailures(before: Date, limit: number): Promise<number> {
      return throttle.pruneBefore(before, limit);
    },

    /** Retention: second-factor challenges and single sign-ons past their few minutes. */
    pruneExpiredSignIns: (before: Date, limit: number) => twoFactor.pruneExpired(before, limit),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
