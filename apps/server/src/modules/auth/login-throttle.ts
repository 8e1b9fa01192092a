import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import { isRetryableTransactionError, withRetries } from '../../db/retry';
import type { DB } from '../../db/schema/index';
import { AppError } from '../../errors';
import { networkOf } from '../../platform/client-address';
import { addSeconds, type Clock, toIso } from '../../platform/clock';
import * as repo from './login-throttle.repository';

/** A sign-in attempt that holds a failure slot under each of its limits until its password is judged. */
export interface LoginAttempt {
  failed(): Promise<void>;
  succeeded(): Promise<void>;
  /** The password was right but a second factor follows: the slots go back, earlier failures stay counted. */
  passed(): Promise<void>;
  /** The password could not be judged (the database failed): the attempt counts for nothing. */
  abandoned(): Promise<void>;
}

interface Limit {
  key: string;
  max: number;
}

export interface LoginThrottleDeps {
  db: Kysely<DB>;
  settings: Config['loginThrottle'];
  clock: Clock;
}

/** Rounds of "take a slot, else see why not" before an attempt that keeps losing races is refused. */
const maxRounds = 3;

/** A deadlock between two single statements is broken by the database; run the loser again. */
const retried = <T>(work: () => Promise<T>) => withRetries(work, isRetryableTransactionError);

/**
 * The sign-in limits. A NIK tried from one address (its /64 for IPv6) is delayed after each
 * failure and locked for the window at a few; an address is locked for the window after
 * failing on many NIKs; a NIK tried from everywhere only after far more, so a stranger on
 * one network cannot lock a technician out of their own phone, while guessing from many
 * networks is still bounded.
 *
 * Each attempt takes a failure slot under every limit before its password is checked, by
 * one conditional update per limit, and gives it back when the password was right: a
 * hundred attempts in parallel cost no more password checks than the limit allows.
 */
export function createLoginThrottle({ db, settings, clock }: LoginThrottleDeps) {
  const { windowSeconds, delaySeconds } = settings;

  /** The NIK from this network: the only limit that delays, and that a right password clears. */
  function pairOf(employeeNo: string, network: string): Limit {
    const digest = createHash('sha256').update(`${employeeNo}\n${network}`).digest('hex');
    return { key: `account-address:${digest}`, max: settings.maxFailuresPerAccountAndAddress };
  }

  /** When the key frees a slot again, or null when it has one now. */
  async function refusedUntil(limit: Limit, now: Date): Promise<Date | null> {
    const row = await retried(() => repo.findThrottle(db, limit.key));
    if (!row) return null;
    const windowEnds = addSeconds(new Date(row.windowStartedAt), windowSeconds);
    if (windowEnds <= now) return null;
    if (row.failures >= limit.max) return windowEnds;
    if (row.nextAttemptAt !== null && new Date(row.nextAttemptAt) > now) return new Date(row.nextAttemptAt);
    return null;
  }

  /** Takes a slot under `limit`, or says until when it refuses. */
  async function take(limit: Limit, now: Date): Promise<Date | null> {
    const request = {
      key: limit.key,
      max: limit.max,
      now: toIso(now),
      windowStartedAfter: toIso(addSeconds(now, -windowSeconds)),
    };
    for (let round = 0; round < maxRounds; round += 1) {
      if (await retried(() => repo.takeThrottleSlot(db, request))) return null;
      const until = await refusedUntil(limit, now);
      if (until) return until;
    }
    return addSeconds(now, 1);
  }

  const giveBack = (limits: Limit[]) =>
    Promise.all(limits.map((limit) => retried(() => repo.returnThrottleSlot(db, limit.key))));

  /** No delay after the first failure, then `delaySeconds`, doubling with each further one, at most a window. */
  const delayAfter = (failures: number) =>
    failures < 2 ? 0 : Math.min(windowSeconds, delaySeconds * 2 ** (failures - 2));

  return {
    async begin(employeeNo: string, address: string): Promise<LoginAttempt> {
      const now = clock.now();
      const network = networkOf(address);
      const wide: Limit[] = [
        { key: `address:${network}`, max: settings.maxFailuresPerAddress },
        { key: `account:${employeeNo}`, max: settings.maxFailuresPerAccount },
      ];
      const pair = pairOf(employeeNo, network);
      const taken: Limit[] = [];
      // The pair last: a refusal by a wider limit then leaves nothing behind on it.
      for (const limit of [...wide, pair]) {
        const until = await take(limit, now);
        if (until) {
          await giveBack(taken);
          const retryAfter = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
          throw new AppError('rate_limited', 'Too many failed sign-in attempts. Try again later.', {
            headers: { 'retry-after': String(retryAfter) },
          });
        }
        taken.push(limit);
      }
      return {
        async failed() {
          const row = await retried(() => repo.findThrottle(db, pair.key));
          const delay = row ? delayAfter(row.failures) : 0;
          if (delay === 0) return;
          await retried(() => repo.setNextAttemptAt(db, pair.key, toIso(addSeconds(clock.now(), delay))));
        },
        async succeeded() {
          await retried(() => repo.deleteThrottle(db, pair.key));
          await giveBack(wide);
        },
        async passed() {
          await giveBack(taken);
        },
        async abandoned() {
          // Best effort: the database that failed the check may well fail this too.
          await giveBack(taken).catch(() => undefined);
        },
      };
    },

    /** Retention: deletes up to `limit` failure counters whose window began before `before`. */
    pruneBefore(before: Date, limit: number): Promise<number> {
      return repo.deleteThrottlesBefore(db, toIso(before), limit);
    },
  };
}
