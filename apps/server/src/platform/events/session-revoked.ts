import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema/index';
import { type InternalEventType, type OutboxRow, recordEvent } from './outbox';

/**
 * Says that the authorization a user's event streams were opened under may no longer hold:
 * a session was signed out or revoked, or the user's role, branch or areas changed. It
 * goes through the outbox like every event, so every instance reads it, woken by Redis or
 * at its next poll, and the streams it names check their session again and end if it no
 * longer holds. It is never sent to a client, and a replay skips it: it is older than the
 * stream being opened, whose session was checked after it.
 */
export const sessionRevokedEventType = 'session.revoked' satisfies InternalEventType;

const payloadSchema = z.object({
  /** The session whose streams end; null: every stream of the user. */
  sessionId: z.string().nullable(),
});

/** Written in the caller's transaction, with the change that revoked the session. */
export async function recordSessionRevoked(
  trx: Kysely<DB>,
  { userId, sessionId }: { userId: string; sessionId: string | null },
  at: string,
): Promise<void> {
  await recordEvent(trx, sessionRevokedEventType, { recipientId: userId }, { sessionId }, at);
}

/** The session a `session.revoked` event names; null, all of the user's (also for a payload it cannot read). */
export function revokedSessionOf(row: OutboxRow): string | null {
  const parsed = payloadSchema.safeParse(JSON.parse(row.payload));
  return parsed.success ? parsed.data.sessionId : null;
}
