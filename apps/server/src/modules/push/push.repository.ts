import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { PushMessageTable, PushSubscriptionTable } from '../../db/schema/push';

export const findSubscriptionByHash = (db: Kysely<DB>, endpointHash: string) =>
  db.selectFrom('push_subscription').selectAll().where('endpointHash', '=', endpointHash).executeTakeFirst();

export const insertSubscription = (db: Kysely<DB>, row: Insertable<PushSubscriptionTable>) =>
  db.insertInto('push_subscription').values(row).execute();

export const updateSubscription = (
  db: Kysely<DB>,
  id: string,
  patch: Pick<PushSubscriptionTable, 'p256dh' | 'auth' | 'userId' | 'sessionId' | 'updatedAt'>,
) => db.updateTable('push_subscription').set(patch).where('id', '=', id).execute();

/** The user's subscriptions beyond the newest `keep`. */
export const findSubscriptionsBeyond = (db: Kysely<DB>, userId: string, keep: number) =>
  db
    .selectFrom('push_subscription')
    .select('id')
    .where('userId', '=', userId)
    .orderBy('updatedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1000)
    .offset(keep)
    .execute();

/** Deletes subscriptions (their pushes still to send go with them: `on delete cascade`). */
export async function deleteSubscriptions(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return;
  await db.deleteFrom('push_subscription').where('id', 'in', ids).execute();
}

export const deleteUserSubscription = (db: Kysely<DB>, userId: string, endpointHash: string) =>
  db.deleteFrom('push_subscription').where('userId', '=', userId).where('endpointHash', '=', endpointHash).execute();

export const deleteSessionSubscriptions = (db: Kysely<DB>, sessionId: string) =>
  db.deleteFrom('push_subscription').where('sessionId', '=', sessionId).execute();

/** The recipients' subscriptions worth a push: of an active technician, registered in a session not signed out. */
export const findDeliverableSubscriptions = (db: Kysely<DB>, recipientIds: string[]) =>
  db
    .selectFrom('push_subscription')
    .innerJoin('session', 'session.id', 'push_subscription.sessionId')
    .innerJoin('user', 'user.id', 'push_subscription.userId')
    .select(['push_subscription.id', 'push_subscription.userId'])
    .where('push_subscription.userId', 'in', recipientIds)
    .where('session.revokedAt', 'is', null)
    .where('user.role', '=', 'technician')
    .where('user.active', '=', 1)
    .execute();

export const insertMessages = (db: Kysely<DB>, rows: Insertable<PushMessageTable>[]) =>
  db.insertInto('push_message').values(rows).execute();

/** Pushes due to be sent, oldest first, with where they go; also those a crashed instance left `sending` too long. */
export const findDueMessages = (db: Kysely<DB>, now: string, staleSendingBefore: string, limit: number) =>
  db
    .selectFrom('push_message')
    .innerJoin('push_subscription', 'push_subscription.id', 'push_message.subscriptionId')
    .select([
      'push_message.id',
      'push_message.subscriptionId',
      'push_message.payload',
      'push_message.urgency',
      'push_message.status',
      'push_message.attempts',
      'push_message.createdAt',
      'push_subscription.endpoint',
      'push_subscription.p256dh',
      'push_subscription.auth',
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('push_message.status', '=', 'pending'), eb('push_message.nextAttemptAt', '<=', now)]),
        eb.and([eb('push_message.status', '=', 'sending'), eb('push_message.nextAttemptAt', '<', staleSendingBefore)]),
      ]),
    )
    .orderBy('push_message.nextAttemptAt')
    .limit(limit)
    .execute();

/** Takes a push for sending if no other instance took it first (the update matches only the state read here). */
export async function claimMessage(
  db: Kysely<DB>,
  message: { id: string; status: PushMessageTable['status']; attempts: number },
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('push_message')
    .set({ status: 'sending', attempts: message.attempts + 1, nextAttemptAt: at })
    .where('id', '=', message.id)
    .where('status', '=', message.status)
    .where('attempts', '=', message.attempts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Puts a push this instance still holds back in the queue for `nextAttemptAt`. */
export async function postponeMessage(
  db: Kysely<DB>,
  claim: { id: string; attempts: number },
  patch: { nextAttemptAt: string; lastError: string },
): Promise<boolean> {
  const result = await db
    .updateTable('push_message')
    .set({ status: 'pending', ...patch })
    .where('id', '=', claim.id)
    .where('status', '=', 'sending')
    .where('attempts', '=', claim.attempts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Removes a push that is done with (delivered or given up), if this instance still holds it. */
export async function deleteMessage(db: Kysely<DB>, claim: { id: string; attempts: number }): Promise<boolean> {
  const result = await db
    .deleteFrom('push_message')
    .where('id', '=', claim.id)
    .where('status', '=', 'sending')
    .where('attempts', '=', claim.attempts)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
