import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { isRetryableTransactionError, withRetries } from '../../db/retry';
import type { DB } from '../../db/schema/index';
import { addSeconds, type Clock, toIso } from '../../platform/clock';
import { createDrainLoop } from '../../platform/drain-loop';
import type { WebhookResponse, WebhookSender } from './webhook-sender';
import { webhookTimeoutMs } from './webhook-sender';
import { signWebhookBody } from './webhook-signature';
import * as repo from './webhooks.repository';

/** After a failed attempt n, the next comes this many seconds later; after the last, it has failed. */
export const retryDelaysSeconds = [60, 5 * 60, 30 * 60, 2 * 3600, 12 * 3600] as const;

const batchSize = 50;
/**
 * A delivery still `sending` after this long belonged to an instance that stopped while it
 * sent: another takes it over, and the receiver may get it twice (the same
 * `Purnajual-Delivery` id tells it so).
 */
const sendingTimeoutSeconds = Math.ceil(webhookTimeoutMs / 1000) * 6;

const retried = <T>(work: () => Promise<T>) => withRetries(work, isRetryableTransactionError);

type Outcome = Parameters<typeof repo.finishDelivery>[2];

/** What attempt `attempts` leaves: delivered on a 2xx, else the next try or failed. */
function outcomeOf(response: WebhookResponse, attempts: number, now: Date): Outcome {
  const at = toIso(now);
  const lastResponseStatus = 'status' in response ? response.status : null;
  if (lastResponseStatus !== null && lastResponseStatus >= 200 && lastResponseStatus < 300) {
    return {
      status: 'delivered',
      lastAttemptAt: at,
      lastResponseStatus,
      lastError: null,
      deliveredAt: at,
      nextAttemptAt: null,
    };
  }
  const lastError = ('error' in response ? response.error : `HTTP ${lastResponseStatus}: ${response.body}`).slice(
    0,
    500,
  );
  const delay = retryDelaysSeconds[attempts - 1];
  return delay === undefined
    ? { status: 'failed', lastAttemptAt: at, lastResponseStatus, lastError, nextAttemptAt: null }
    : {
        status: 'pending',
        lastAttemptAt: at,
        lastResponseStatus,
        lastError,
        nextAttemptAt: toIso(addSeconds(now, delay)),
      };
}

/**
 * Sends due webhook deliveries from every instance: each is claimed by a conditional update
 * first, so one instance sends each attempt. Polls, and wakes when the fan-out or a "send
 * again" has added work.
 */
export function createWebhookDispatcher(options: {
  db: Kysely<DB>;
  clock: Clock;
  send: WebhookSender;
  log: FastifyBaseLogger;
  pollIntervalMs: number;
}) {
  const { db, clock, send, log, pollIntervalMs } = options;

  async function deliver(id: string, attempts: number) {
    const delivery = await repo.findClaimedDelivery(db, id);
    if (!delivery) return;
    const response = await send({
      url: delivery.url,
      body: delivery.body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Purnajual-Webhooks/1',
        'purnajual-event': delivery.eventType,
        'purnajual-delivery': delivery.id,
        'purnajual-signature': signWebhookBody(delivery.secret, delivery.body, clock.now()),
      },
    });
    const outcome = outcomeOf(response, attempts, clock.now());
    if (!(await retried(() => repo.finishDelivery(db, { id, attempts }, outcome)))) {
      log.warn({ deliveryId: id }, 'another instance took this webhook delivery over while it was sent');
    }
  }

  async function sendDue() {
    const now = clock.now();
    const staleBefore = toIso(addSeconds(now, -sendingTimeoutSeconds));
    const due = await repo.findDueDeliveries(db, toIso(now), staleBefore, batchSize);
    await Promise.all(
      due.map(async (row) => {
        const claim = { now: toIso(clock.now()), staleBefore };
        if (await retried(() => repo.claimDelivery(db, row, claim))) await deliver(row.id, row.attempts + 1);
      }),
    );
    return due.length === batchSize;
  }

  return createDrainLoop({ pass: sendDue, pollIntervalMs, log, what: 'webhook deliveries' });
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;
