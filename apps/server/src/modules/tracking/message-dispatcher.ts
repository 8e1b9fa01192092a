import type { CustomerMessageKind } from '@purnajual/contract';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { addSeconds, type Clock, toIso } from '../../platform/clock';
import { createDrainLoop, errorText, maxSendAttempts, retryDelaySeconds } from '../../platform/drain-loop';
import * as repo from './tracking.repository';

/** A message to a customer, as a sender gets it. */
export interface OutgoingMessage {
  id: string;
  workOrderId: string;
  kind: CustomerMessageKind;
  /** The customer's phone, E.164. */
  recipient: string;
  body: string;
}

/**
 * Delivers messages to customers (SMS, WhatsApp, …). `send` resolves once the message
 * is accepted and rejects to have it tried again later.
 */
export interface MessageSender {
  send(message: OutgoingMessage): Promise<void>;
}

/** The default: writes each message to the log, where a deployment without a gateway can see it. */
export function createLogSender(log: FastifyBaseLogger): MessageSender {
  return {
    async send(message) {
      log.info({ customerMessage: message }, 'message to customer');
    },
  };
}

const batchSize = 50;
/**
 * A message still `sending` after this long belonged to an instance that died meanwhile
 * (or whose gateway hangs): another instance takes it over. The message may then reach
 * the customer twice — a sender should pass `id` on to a gateway that deduplicates.
 */
const sendingTimeoutSeconds = 120;

type DueMessage = Awaited<ReturnType<typeof repo.findDueMessages>>[number];
type Outcome = Parameters<typeof repo.finishMessage>[2];

/**
 * Sends the outbox of customer messages: wakes after each commit that may have written one
 * and polls as a fallback. Each message is claimed with a conditional update first, so
 * with several instances each message goes out once; a failure is retried with backoff
 * (1, 2, 4, 8 minutes) and given up after five attempts.
 */
export function createMessageDispatcher(options: {
  db: Kysely<DB>;
  clock: Clock;
  sender: MessageSender;
  log: FastifyBaseLogger;
  pollIntervalMs: number;
}) {
  const { db, clock, sender, log, pollIntervalMs } = options;

  /** Sends a message this instance has claimed as attempt `attempts`; says how it went. */
  async function attempt(message: DueMessage, attempts: number): Promise<Outcome> {
    // Only takeovers count this far: instances keep stopping while they send it.
    if (attempts > maxSendAttempts) {
      return { status: 'failed', nextAttemptAt: toIso(clock.now()), lastError: 'given up after repeated takeovers' };
    }
    try {
      const { id, workOrderId, kind, recipient, body } = message;
      await sender.send({ id, workOrderId, kind, recipient, body });
      return { status: 'sent', sentAt: toIso(clock.now()) };
    } catch (error) {
      return {
        status: attempts >= maxSendAttempts ? 'failed' : 'pending',
        nextAttemptAt: toIso(addSeconds(clock.now(), retryDelaySeconds(attempts))),
        lastError: errorText(error),
      };
    }
  }

  async function deliver(message: DueMessage, attempts: number) {
    const outcome = await attempt(message, attempts);
    if (!(await repo.finishMessage(db, { id: message.id, attempts }, outcome))) {
      log.warn({ messageId: message.id }, 'another instance took this customer message over while it was sent');
    }
  }

  async function sendDue() {
    const now = clock.now();
    const due = await repo.findDueMessages(db, toIso(now), toIso(addSeconds(now, -sendingTimeoutSeconds)), batchSize);
    for (const message of due) {
      if (await repo.claimMessage(db, message, toIso(clock.now()))) await deliver(message, message.attempts + 1);
    }
    return due.length === batchSize;
  }

  return createDrainLoop({ pass: sendDue, pollIntervalMs, log, what: 'customer messages' });
}

export type MessageDispatcher = ReturnType<typeof createMessageDispatcher>;
