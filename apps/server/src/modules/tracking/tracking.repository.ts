import type { MessageChannel } from '@purnajual/contract';
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { CustomerMessageTable } from '../../db/schema/tracking';

export const insertLink = (db: Kysely<DB>, row: { token: string; workOrderId: string; createdAt: string }) =>
  db
    .insertInto('tracking_link')
    .values({ ...row, revokedAt: null })
    .execute();

export const findActiveLink = (db: Kysely<DB>, workOrderId: string) =>
  db
    .selectFrom('tracking_link')
    .select(['token'])
    .where('workOrderId', '=', workOrderId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();

/**
 * The work order an active token belongs to. MySQL compares with the column's
 * case-insensitive collation, so the token found is compared again exactly: `aB…` must
 * not open the page of `Ab…`.
 */
export async function findWorkOrderIdByToken(db: Kysely<DB>, token: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('tracking_link')
    .select(['token', 'workOrderId'])
    .where('token', '=', token)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return row?.token === token ? row.workOrderId : undefined;
}

export const revokeLinks = (db: Kysely<DB>, workOrderId: string, at: string) =>
  db
    .updateTable('tracking_link')
    .set({ revokedAt: at })
    .where('workOrderId', '=', workOrderId)
    .where('revokedAt', 'is', null)
    .execute();

export const findSurvey = (db: Kysely<DB>, workOrderId: string) =>
  db.selectFrom('survey_response').selectAll().where('workOrderId', '=', workOrderId).executeTakeFirst();

export const insertSurvey = (
  db: Kysely<DB>,
  row: { workOrderId: string; rating: number; comment: string | null; createdAt: string },
) => db.insertInto('survey_response').values(row).execute();

export const insertMessage = (db: Kysely<DB>, row: Insertable<CustomerMessageTable>) =>
  db.insertInto('customer_message').values(row).execute();

export const findMessages = (db: Kysely<DB>, workOrderId: string) =>
  db.selectFrom('customer_message').selectAll().where('workOrderId', '=', workOrderId).orderBy('id').execute();

/** Messages due to be sent, oldest first; also those a crashed instance left `sending` too long. */
export const findDueMessages = (db: Kysely<DB>, now: string, staleSendingBefore: string, limit: number) =>
  db
    .selectFrom('customer_message')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('nextAttemptAt', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('nextAttemptAt', '<', staleSendingBefore)]),
      ]),
    )
    .orderBy('nextAttemptAt')
    .limit(limit)
    .execute();

/**
 * Takes a message for sending, if no other instance took it first: the update matches
 * only the state this instance read. Returns whether this instance has it.
 */
export async function claimMessage(
  db: Kysely<DB>,
  message: { id: string; status: CustomerMessageTable['status']; attempts: number },
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('customer_message')
    .set({ status: 'sending', attempts: message.attempts + 1, nextAttemptAt: at })
    .where('id', '=', message.id)
    .where('status', '=', message.status)
    .where('attempts', '=', message.attempts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Records how sending went, if the claim is still this instance's: a send that outlived
 * `sendingTimeoutSeconds` was taken over by another instance, whose outcome stands.
 */
export async function finishMessage(
  db: Kysely<DB>,
  claim: { id: string; attempts: number },
  outcome:
    | { status: 'sent'; sentAt: string; statusAt: string; channel: MessageChannel; providerId: string | null }
    | { status: 'pending' | 'failed'; nextAttemptAt: string; statusAt: string | null; lastError: string },
): Promise<boolean> {
  const result = await db
    .updateTable('customer_message')
    .set(outcome)
    .where('id', '=', claim.id)
    .where('status', '=', 'sending')
    .where('attempts', '=', claim.attempts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Messages of the work order not yet claimed fail as opted out; one being sent finishes. */
export const skipWaitingMessages = (db: Kysely<DB>, workOrderId: string, at: string) =>
  db
    .updateTable('customer_message')
    .set({ status: 'failed', lastError: 'opted out', statusAt: at })
    .where('workOrderId', '=', workOrderId)
    .where('status', '=', 'pending')
    .execute();

/** The order WhatsApp reports a message in; a report never moves a message back. */
const earlierThan: Record<'sent' | 'delivered' | 'read' | 'failed', CustomerMessageTable['status'][]> = {
  sent: [],
  delivered: ['sent'],
  read: ['sent', 'delivered'],
  // A message already delivered or read did reach the customer: a late failure changes nothing.
  failed: ['sent'],
};

/**
 * Moves the message WhatsApp knows by `providerId` to `status`, if that is forward of where
 * it is; one conditional update, so reports arriving out of order or on several instances at
 * once end at the furthest state. Returns whether it moved.
 */
export async function advanceStatus(
  db: Kysely<DB>,
  report: { providerId: string; status: keyof typeof earlierThan; at: string; error: string | null },
): Promise<boolean> {
  const from = earlierThan[report.status];
  if (from.length === 0) return false;
  const result = await db
    .updateTable('customer_message')
    .set({
      status: report.status,
      statusAt: report.at,
      ...(report.status === 'failed' ? { lastError: report.error ?? 'failed' } : {}),
    })
    .where('channel', '=', 'whatsapp')
    .where('providerId', '=', report.providerId)
    .where('status', 'in', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
