import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { addSeconds, type Clock, toIso } from '../../platform/clock';
import { createDrainLoop, errorText, maxSendAttempts, retryDelaySeconds } from '../../platform/drain-loop';
import { type MessageSender, type OutgoingMessage, RefusedMessageError } from './channels/sender';
import * as repo from './tracking.repository';

const batchSize = 50;
/**
 * A message still `sending` after this long belonged to an instance that died meanwhile
 * (or whose gateway hangs): another instance takes it over. The message may then reach
 * the customer twice — a sender should pass `id` on to a gateway that deduplicates.
 */
const sendingTimeoutSeconds = 120;

type DueMessage = Awaited<ReturnType<typeof repo.findDueMessages>>[number];
type Outcome = Parameters<typeof repo.finishMessage>[2];

/** The row as a sender gets it. */
const outgoingOf = (message: DueMessage): OutgoingMessage => ({
  id: message.id,
  workOrderId: message.workOrderId,
  kind: message.kind,
  recipient: message.recipient,
  recipientEmail: message.recipientEmail,
  body: message.body,
  language: message.language ?? 'id',
  whatsappTemplateName: message.whatsappTemplateName,
  parameters: parametersOf(message.parameters),
});

function parametersOf(json: string | null): string[] {
  const parsed: unknown = json === null ? [] : JSON.parse(json);
  return Array.isArray(parsed) ? parsed.map(String) : [];
}

/**
 * Sends the outbox of customer messages: wakes after each commit that may have written one
 * and polls as a fallback. Each message is claimed with a conditional update first, so
 * with several instances each message goes out once; a failure is retried with backoff
 * (1, 2, 4, 8 minutes) and given up after five attempts; a refusal no retry can change fails
 * at once, with its reason.
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
      const at = toIso(clock.now());
      return { status: 'failed', nextAttemptAt: at, statusAt: at, lastError: 'given up after repeated takeovers' };
    }
    try {
      const receipt = await sender.send(outgoingOf(message));
      const at = toIso(clock.now());
      return { status: 'sent', sentAt: at, statusAt: at, ...receipt };
    } catch (error) {
      const at = clock.now();
      if (error instanceof RefusedMessageError) {
        return { status: 'failed', nextAttemptAt: toIso(at), statusAt: toIso(at), lastError: errorText(error) };
      }
      const isLast = attempts >= maxSendAttempts;
      return {
        status: isLast ? 'failed' : 'pending',
        statusAt: isLast ? toIso(at) : null,
        nextAttemptAt: toIso(addSeconds(at, retryDelaySeconds(attempts))),
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
