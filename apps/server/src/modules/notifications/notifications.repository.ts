import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { NotificationTable } from '../../db/schema/notification';

export const insertNotifications = (db: Kysely<DB>, rows: Insertable<NotificationTable>[]) =>
  db.insertInto('notification').values(rows).execute();

export function findNotifications(
  db: Kysely<DB>,
  recipientId: string,
  filter: { unread?: boolean | undefined; beforeId?: string | undefined },
  limit: number,
) {
  let query = db
    .selectFrom('notification')
    .leftJoin('user as sender', 'sender.id', 'notification.senderId')
    .select([
      'notification.id',
      'notification.title',
      'notification.body',
      'notification.workOrderId',
      'notification.senderId',
      'sender.name as senderName',
      'notification.readAt',
      'notification.createdAt',
    ])
    .where('notification.recipientId', '=', recipientId)
    .orderBy('notification.id', 'desc')
    .limit(limit);
  if (filter.unread) query = query.where('notification.readAt', 'is', null);
  if (filter.beforeId !== undefined) query = query.where('notification.id', '<', filter.beforeId);
  return query.execute();
}

export async function markRead(db: Kysely<DB>, id: string, recipientId: string, at: string): Promise<boolean> {
  const owned = await db
    .selectFrom('notification')
    .select('readAt')
    .where('id', '=', id)
    .where('recipientId', '=', recipientId)
    .executeTakeFirst();
  if (!owned) return false;
  if (owned.readAt === null) {
    await db.updateTable('notification').set({ readAt: at }).where('id', '=', id).execute();
  }
  return true;
}

/** The sender's batches, newest first, with how many recipients have read each. */
export function findSentBatches(db: Kysely<DB>, senderId: string | null, limit: number) {
  let query = db
    .selectFrom('notification')
    .select((eb) => [
      'batchId',
      eb.fn.max('title').as('title'),
      eb.fn.max('body').as('body'),
      eb.fn.max('createdAt').as('createdAt'),
      eb.fn.countAll<number | string>().as('recipients'),
      eb.fn.count<number | string>('readAt').as('read'),
    ])
    .where('senderId', 'is not', null)
    .groupBy('batchId')
    .orderBy('batchId', 'desc')
    .limit(limit);
  if (senderId !== null) query = query.where('senderId', '=', senderId);
  return query.execute();
}

export const countUnread = (db: Kysely<DB>, recipientId: string) =>
  db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('recipientId', '=', recipientId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
