import { isWebhookEventSubscribed, maxWebhooks, type WebhookEventType, webhookEventTypes } from '@purnajual/contract';
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { WebhookDeliveryTable } from '../../db/schema/integration';
import { addSeconds, type Clock, toIso } from '../../platform/clock';
import { findEventsAfter, findLatestEventId, type OutboxRow } from '../../platform/events/outbox';
import { newId } from '../../platform/ids';
import type { PeriodicJob } from '../../platform/jobs';
import * as repo from './webhooks.repository';

export const webhookFanOutJobName = 'webhook-fan-out';
const feedName = 'outbox';
const batchSize = 200;
/** Finished deliveries deleted per pass at most: a backlog shrinks over several passes. */
const pruneBatchSize = 1000;
/**
 * An id missing before a newer event may be a transaction still committing; it is waited
 * for this long (by the newer event's age) before it is taken for one rolled back.
 */
const gapGraceSeconds = 30;

const isWebhookEvent = (type: string): type is WebhookEventType =>
  (webhookEventTypes as readonly string[]).includes(type);

/** The body a receiver gets, fixed now: the outbox is pruned before the last retry may be due. */
const bodyOf = (event: OutboxRow & { type: WebhookEventType }) =>
  JSON.stringify({
    id: String(event.id),
    type: event.type,
    occurredAt: event.createdAt,
    data: JSON.parse(event.payload),
  });

/**
 * Turns the outbox's work-order and part-request events into one delivery per subscribed
 * webhook, reading after the position it stored: a leased job, so one instance at a time,
 * and idempotent on (webhook, event) should two ever overlap. A webhook gets the events
 * from its creation on.
 */
export function createWebhookFanOutJob(options: {
  db: Kysely<DB>;
  clock: Clock;
  intervalMs: number;
  /** Delivered and failed deliveries are kept this long for the log (`EVENT_RETENTION`). */
  retentionSeconds: number;
  /** Called when deliveries were added, to send them without waiting for a poll. */
  onDeliveries: () => void;
}): PeriodicJob {
  const { db, clock, intervalMs, retentionSeconds, onDeliveries } = options;

  /** Where the feed stands; the first pass ever starts at the newest event, sending no history. */
  async function position(): Promise<number> {
    const stored = await repo.findFeedPosition(db, feedName);
    if (stored !== undefined) return Number(stored);
    const latest = await findLatestEventId(db);
    await repo.setFeedPosition(db, feedName, latest);
    return latest;
  }

  /** Fans out one batch; true when a full batch was read and more may follow. */
  async function fanOutBatch(): Promise<boolean> {
    const after = await position();
    const events = await findEventsAfter(db, after, batchSize);
    if (events.length === 0) return false;
    const webhooks = await repo.findActiveWebhooks(db, maxWebhooks);
    const settledBefore = toIso(addSeconds(clock.now(), -gapGraceSeconds));
    const rows: Insertable<WebhookDeliveryTable>[] = [];
    let reached = after;
    for (const event of events) {
      if (Number(event.id) !== reached + 1 && event.createdAt > settledBefore) break;
      reached = Number(event.id);
      const { type } = event;
      if (!isWebhookEvent(type)) continue;
      for (const webhook of webhooks) {
        if (event.createdAt < webhook.createdAt || !isWebhookEventSubscribed(webhook.events.split(','), type)) continue;
        rows.push({
          id: newId(),
          webhookId: webhook.id,
          eventId: reached,
          eventType: type,
          body: bodyOf({ ...event, type }),
          status: 'pending',
          attempts: 0,
          nextAttemptAt: event.createdAt,
          createdAt: toIso(clock.now()),
        });
      }
    }
    if (reached === after) return false;
    await db.transaction().execute(async (trx) => {
      await repo.insertDeliveries(trx, rows);
      await repo.setFeedPosition(trx, feedName, reached);
    });
    if (rows.length > 0) onDeliveries();
    return events.length === batchSize && reached === Number(events.at(-1)?.id);
  }

  return {
    name: webhookFanOutJobName,
    intervalMs,
    async run(signal) {
      let more = true;
      while (more && !signal.aborted) more = await fanOutBatch();
      const before = toIso(addSeconds(clock.now(), -retentionSeconds));
      await repo.pruneFinishedDeliveries(db, before, pruneBatchSize);
    },
  };
}
