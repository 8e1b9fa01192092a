import type { ListNotificationsQuery, Notification, SendNotificationBody } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../../platform/actor';
import { type Clock, toIso } from '../../platform/clock';
import { decodeCursor, toPage } from '../../platform/cursor';
import { recordEvent } from '../../platform/events/outbox';
import { newId } from '../../platform/ids';
import type { PushService } from '../push/push.service';
import type { UsersService } from '../users/users.service';
import * as repo from './notifications.repository';

export interface NotificationsServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  users: Pick<UsersService, 'findActiveTechnicians'>;
  /** Pushes each notification to the recipient's phones. */
  push: Pick<PushService, 'enqueueInTransaction'>;
  /** Wakes the event stream after a commit. */
  onCommitted: () => void;
}

export interface NewNotification {
  recipientId: string;
  senderId: string | null;
  title: string;
  body: string;
  workOrderId?: string | null;
  /** Pushed to the phone with high urgency (an assignment: the technician should know at once). */
  urgent?: boolean;
}

export function createNotificationsService({ db, clock, users, push, onCommitted }: NotificationsServiceDeps) {
  /**
   * Stores notifications, their `notification.created` events and their pushes in the
   * caller's transaction, so a notification exists exactly when the change that caused it does.
   */
  async function createInTransaction(trx: Kysely<DB>, items: NewNotification[], at: string) {
    if (items.length === 0) return;
    const batchId = newId();
    const rows = items.map((item) => ({
      id: newId(),
      batchId,
      recipientId: item.recipientId,
      senderId: item.senderId,
      title: item.title,
      body: item.body,
      workOrderId: item.workOrderId ?? null,
      readAt: null,
      createdAt: at,
    }));
    await repo.insertNotifications(trx, rows);
    for (const row of rows) {
      const payload: Notification = {
        id: row.id,
        title: row.title,
        body: row.body,
        workOrderId: row.workOrderId,
        sender: null,
        readAt: null,
        createdAt: at,
      };
      await recordEvent(trx, 'notification.created', { recipientId: row.recipientId }, payload, at);
    }
    const notices = rows.map((row, index) => ({
      notificationId: row.id,
      recipientId: row.recipientId,
      title: row.title,
      body: row.body,
      workOrderId: row.workOrderId,
      urgent: items[index]?.urgent ?? false,
    }));
    await push.enqueueInTransaction(trx, notices, at);
    return batchId;
  }

  return {
    createInTransaction,

    async send(actor: Actor, body: SendNotificationBody) {
      let recipients = await users.findActiveTechnicians({
        ...(body.technicianIds === undefined ? {} : { ids: body.technicianIds }),
        ...(body.branchId === undefined ? {} : { branchId: body.branchId }),
      });
      if (actor.role === 'supervisor') recipients = recipients.filter((r) => r.branchId === actor.branchId);
      if (body.technicianIds !== undefined) {
        const found = new Set(recipients.map((r) => r.id));
        const errors = body.technicianIds.flatMap((id, index) =>
          found.has(id)
            ? []
            : [{ path: `body.technicianIds.${index}`, message: 'is not an active technician you may notify' }],
        );
        if (errors.length > 0) throw new AppError('validation_failed', 'Unknown recipients', { errors });
      }
      if (recipients.length === 0) {
        throw new AppError('validation_failed', 'Nobody to notify', {
          errors: [{ path: 'body.branchId', message: 'has no active technicians you may notify' }],
        });
      }
      const at = toIso(clock.now());
      const batchId = await db.transaction().execute((trx) =>
        createInTransaction(
          trx,
          recipients.map((r) => ({ recipientId: r.id, senderId: actor.id, title: body.title, body: body.body })),
          at,
        ),
      );
      onCommitted();
      return { batchId: batchId ?? '', recipients: recipients.length };
    },

    async list(actor: Actor, query: ListNotificationsQuery) {
      const before = decodeCursor(query.cursor)?.[0];
      const rows = await repo.findNotifications(
        db,
        actor.id,
        { unread: query.unread, beforeId: before === undefined ? undefined : String(before) },
        query.limit + 1,
      );
      const page = toPage(rows, query.limit, (row) => [row.id]);
      return {
        items: page.items.map(
          (row): Notification => ({
            id: row.id,
            title: row.title,
            body: row.body,
            workOrderId: row.workOrderId,
            sender:
              row.senderId !== null && row.senderName !== null ? { id: row.senderId, name: row.senderName } : null,
            readAt: row.readAt,
            createdAt: row.createdAt,
          }),
        ),
        nextCursor: page.nextCursor,
      };
    },

    async unreadCount(actor: Actor): Promise<number> {
      return Number((await repo.countUnread(db, actor.id)).count);
    },

    async markRead(actor: Actor, id: string) {
      if (!(await repo.markRead(db, id, actor.id, toIso(clock.now())))) throw notFound('Notification');
    },

    /** What the office sent: an admin sees every batch, others their own. */
    async listSent(actor: Actor) {
      const rows = await repo.findSentBatches(db, actor.role === 'admin' ? null : actor.id, 100);
      return rows.map((row) => ({
        batchId: row.batchId,
        title: String(row.title),
        body: String(row.body),
        createdAt: String(row.createdAt),
        recipients: Number(row.recipients),
        read: Number(row.read),
      }));
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
