import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { DB } from '../db/schema/index';
import { addSeconds, type Clock, toIso } from './clock';
import { pruneEventsBefore } from './events/outbox';
import { pruneIdempotencyRecords } from './idempotency';
import type { PeriodicJob } from './jobs';
import { pruneUploadUsageBefore, uploadDayOf } from './upload-usage';

export interface RetentionJobDeps {
  db: Kysely<DB>;
  clock: Clock;
  retention: Config['retention'];
  /** The auth module's sessions and sign-in failures, pruned in batches of `limit`. */
  auth: {
    pruneEndedSessions(before: Date, limit: number): Promise<number>;
    pruneLoginFailures(before: Date, limit: number): Promise<number>;
    pruneExpiredSignIns(before: Date, limit: number): Promise<number>;
  };
  /** The imports module's finished jobs, with their refused lines and files. */
  imports: { pruneFinishedImports(before: Date, limit: number): Promise<number> };
  log: FastifyBaseLogger;
  /** Rows per statement: a backlog goes in many short statements, never one long lock. */
  batchSize?: number;
}

/** One kind of row that piles up: deletes up to `limit` rows older than its cutoff, returns how many. */
type Prune = (limit: number) => Promise<number>;

/**
 * Deletes what outlived its retention — outbox events, stored idempotent answers, ended
 * sessions, sign-in failure counters, past days' upload counters, finished imports — on one instance per
 * interval (a job of the runner).
 */
export function createRetentionJob({
  db,
  clock,
  retention,
  auth,
  imports,
  log,
  batchSize = 1000,
}: RetentionJobDeps): PeriodicJob {
  function prunes(): [string, Prune][] {
    const now = clock.now();
    const before = (seconds: number) => addSeconds(now, -seconds);
    const eventsBefore = toIso(before(retention.eventSeconds));
    const answersBefore = toIso(before(retention.idempotencySeconds));
    return [
      ['events', (limit) => pruneEventsBefore(db, eventsBefore, limit)],
      ['idempotencyRecords', (limit) => pruneIdempotencyRecords(db, answersBefore, limit)],
      ['sessions', (limit) => auth.pruneEndedSessions(before(retention.endedSessionSeconds), limit)],
      ['loginFailures', (limit) => auth.pruneLoginFailures(before(retention.loginFailureSeconds), limit)],
      ['signInChallenges', (limit) => auth.pruneExpiredSignIns(now, limit)],
      ['imports', (limit) => imports.pruneFinishedImports(before(retention.importSeconds), limit)],
      // A day's upload counter matters only on that day; yesterday's is kept for a look back.
      ['uploadUsage', (limit) => pruneUploadUsageBefore(db, uploadDayOf(before(86400)), limit)],
    ];
  }

  return {
    name: 'retention',
    intervalMs: retention.intervalSeconds * 1000,
    async run(signal) {
      const deleted: Record<string, number> = {};
      for (const [kind, prune] of prunes()) {
        if (signal.aborted) break;
        let total = 0;
        let batch: number;
        do {
          batch = await prune(batchSize);
          total += batch;
        } while (batch >= batchSize && !signal.aborted);
        if (total > 0) deleted[kind] = total;
      }
      if (Object.keys(deleted).length > 0) log.info({ deleted }, 'deleted what outlived its retention');
    },
  };
}
