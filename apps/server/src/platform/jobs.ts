import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema/index';
import { addSeconds, type Clock, toIso } from './clock';
import { claimLease, extendLease } from './job-lease';

/** Background work done every `intervalMs` by one instance of however many run. */
export interface PeriodicJob {
  /** Names its lease: one `job_lease` row. */
  name: string;
  intervalMs: number;
  /**
   * One pass. `signal` aborts when this instance stops or has lost the lease: a long pass
   * stops between two batches. Passes must stay safe to repeat — an instance cut off from
   * the database cannot learn that its lease ran out and another began.
   */
  run(signal: AbortSignal): Promise<void>;
}

export interface JobRunnerOptions {
  db: Kysely<DB>;
  clock: Clock;
  log: Pick<FastifyBaseLogger, 'warn'>;
  /** Names this instance in the leases it holds; random by default. */
  instanceId?: string;
  /** How long a pass's lease lasts unless renewed: how soon a dead holder's job moves on. */
  leaseSeconds?: number;
}

/**
 * Runs each job on every instance's timer, but a pass only where the job's lease is won.
 * The holder keeps the lease between passes until the next one is due and one lease term
 * more, so its own next tick runs the job again while the other instances wait: N
 * instances make one pass per interval, not N. When the holder dies — mid-pass, when it
 * stops renewing, or between passes — the lease expires and the next instance to tick
 * takes the job over.
 */
export function createJobRunner({ db, clock, log, instanceId = randomUUID(), leaseSeconds = 60 }: JobRunnerOptions) {
  const jobs = new Map<string, PeriodicJob>();
  const passes = new Map<string, Promise<boolean>>();
  const timers: NodeJS.Timeout[] = [];
  const stopping = new AbortController();

  async function pass(job: PeriodicJob): Promise<boolean> {
    const startedAt = clock.now();
    const lease = { name: job.name, holder: instanceId };
    const leaseEnd = () => toIso(addSeconds(clock.now(), leaseSeconds));
    if (!(await claimLease(db, { ...lease, now: toIso(startedAt), expiresAt: leaseEnd() }))) return false;

    const lost = new AbortController();
    let renewing = Promise.resolve();
    const renewal = setInterval(
      () => {
        renewing = extendLease(db, { ...lease, expiresAt: leaseEnd() }).then(
          (held) => {
            if (held) return;
            log.warn({ job: job.name }, 'another instance took over the job; stopping this pass');
            lost.abort();
          },
          (error: unknown) => log.warn({ err: error, job: job.name }, 'could not renew a job lease; will try again'),
        );
      },
      (leaseSeconds * 1000) / 3,
    );
    renewal.unref();
    try {
      await job.run(AbortSignal.any([lost.signal, stopping.signal]));
    } finally {
      clearInterval(renewal);
      // A renewal landing after this would cut the wait for the next pass short.
      await renewing;
      const nextDue = addSeconds(startedAt, job.intervalMs / 1000 + leaseSeconds);
      await extendLease(db, { ...lease, expiresAt: toIso(nextDue) }).catch((error: unknown) =>
        log.warn({ err: error, job: job.name }, 'could not hold a job lease until the next pass'),
      );
    }
    return true;
  }

  /** Runs a pass now if this instance wins the lease (or joins the pass running here); true if it ran here. */
  function runNow(name: string): Promise<boolean> {
    const job = jobs.get(name);
    if (!job) throw new Error(`no job named ${name}`);
    if (stopping.signal.aborted) return Promise.resolve(false);
    let running = passes.get(name);
    if (!running) {
      running = pass(job).finally(() => passes.delete(name));
      passes.set(name, running);
    }
    return running;
  }

  const tick = (name: string) =>
    runNow(name).catch((error: unknown) => log.warn({ err: error, job: name }, 'job pass failed; will retry'));

  return {
    instanceId,
    runNow,
    add(job: PeriodicJob) {
      jobs.set(job.name, job);
    },
    /** Ticks every job now and then every interval. */
    start() {
      for (const job of jobs.values()) {
        const timer = setInterval(() => void tick(job.name), job.intervalMs);
        timer.unref();
        timers.push(timer);
        void tick(job.name);
      }
    },
    /** Stops ticking, asks running passes to stop, and waits for them. */
    async stop() {
      for (const timer of timers) clearInterval(timer);
      stopping.abort();
      await Promise.allSettled(passes.values());
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
