import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { addSeconds, type Clock, toIso } from '../../platform/clock';
import { createDrainLoop, maxSendAttempts, retryDelaySeconds } from '../../platform/drain-loop';
import * as repo from './push.repository';
import type { PushResult, PushSender } from './push-sender';

const batchSize = 50;
/** A push still `sending` after this long belonged to an instance that died meanwhile: another takes it over. */
const sendingTimeoutSeconds = 180;
/** How long a push service keeps a push for a phone that is off; a day-old notification is still worth showing. */
export const pushTtlSeconds = 86_400;

type DuePush = Awaited<ReturnType<typeof repo.findDueMessages>>[number];

/**
 * Sends the outbox of pushes: wakes after each commit that may have written one and polls
 * as a fallback; each push is claimed with a conditional update, so with several instances
 * each goes out once. 429, 5xx and no answer are retried with backoff (1, 2, 4, 8 minutes),
 * five attempts in all; 404 or 410 means the browser unsubscribed, and its subscription goes.
 */
export function createPushDispatcher(options: {
  db: Kysely<DB>;
  clock: Clock;
  sender: PushSender;
  log: FastifyBaseLogger;
  pollIntervalMs: number;
}) {
  const { db, clock, sender, log, pollIntervalMs } = options;

  async function attempt(push: DuePush, attempts: number): Promise<PushResult> {
    // Only takeovers count this far: instances keep stopping while they send it.
    if (attempts > maxSendAttempts) return { kind: 'refused', error: 'given up after repeated takeovers' };
    return sender.send({
      endpoint: push.endpoint,
      keys: { p256dh: push.p256dh, auth: push.auth },
      payload: push.payload,
      urgency: push.urgency,
      ttlSeconds: pushTtlSeconds,
    });
  }

  async function settle(push: DuePush, attempts: number, result: PushResult): Promise<boolean> {
    const claim = { id: push.id, attempts };
    if (result.kind === 'gone') {
      await repo.deleteSubscriptions(db, [push.subscriptionId]);
      return true;
    }
    if (result.kind === 'retry' && attempts < maxSendAttempts) {
      const nextAttemptAt = toIso(addSeconds(clock.now(), retryDelaySeconds(attempts)));
      return repo.postponeMessage(db, claim, { nextAttemptAt, lastError: result.error.slice(0, 500) });
    }
    if (result.kind !== 'delivered') {
      log.warn({ pushId: push.id, attempts, error: result.error }, 'push given up');
    }
    return repo.deleteMessage(db, claim);
  }

  async function deliver(push: DuePush, attempts: number) {
    const result = await attempt(push, attempts);
    if (!(await settle(push, attempts, result))) {
      log.warn({ pushId: push.id }, 'another instance took this push over while it was sent');
    }
  }

  async function sendDue() {
    const now = clock.now();
    const due = await repo.findDueMessages(db, toIso(now), toIso(addSeconds(now, -sendingTimeoutSeconds)), batchSize);
    for (const push of due) {
      if (await repo.claimMessage(db, push, toIso(clock.now()))) await deliver(push, push.attempts + 1);
    }
    return due.length === batchSize;
  }

  return createDrainLoop({ pass: sendDue, pollIntervalMs, log, what: 'pushes' });
}

export type PushDispatcher = ReturnType<typeof createPushDispatcher>;
