import { type StreamStatus, subscribeToEvents } from '@purnajual/client';
import { notificationSchema, workOrderSummarySchema } from '@purnajual/contract';
import { db } from './db';
import { pullBag } from './parts-sync';
import { isUnauthenticated, markSessionExpired } from './session';
import {
  drainQueue,
  refreshWorkOrder,
  removeWorkOrder,
  storeNotifications,
  storeServerWorkOrder,
  syncAll,
} from './sync';

/** While changes wait, the queue is retried this often even if the browser reports no change of network. */
const retryIntervalMs = 20_000;

export interface LiveSyncHandlers {
  onStatus: (status: StreamStatus) => void;
  onNotification: (notification: { id: string; title: string }) => void;
}

function runSync() {
  syncAll().catch(async (error: unknown) => {
    if (isUnauthenticated(error)) await markSessionExpired();
  });
}

/**
 * Keeps the phone's store in step while the app is open: the event stream brings new
 * assignments, changes and notifications; every (re)connection and every return of the
 * network sends the queue and reads back what was missed. Returns the function that stops it.
 */
export function startLiveSync(me: string, handlers: LiveSyncHandlers): () => void {
  const unsubscribe = subscribeToEvents({
    onStatus: (status) => {
      handlers.onStatus(status);
      if (status === 'open') runSync();
    },
    // Events were missed beyond replay: read everything back.
    onReload: runSync,
    onEvent: (type, data) => {
      if (type === 'notification.created') {
        const notification = notificationSchema.safeParse(data);
        if (!notification.success) return;
        void storeNotifications([notification.data]);
        handlers.onNotification({ id: notification.data.id, title: notification.data.title });
        return;
      }
      if (type === 'stock.changed' || type.startsWith('part_')) {
        void pullBag().catch(() => undefined);
        return;
      }
      if (type !== 'work_order.created' && type !== 'work_order.updated') return;
      const summary = workOrderSummarySchema.safeParse(data);
      if (!summary.success) return;
      const item = summary.data;
      const isMine = item.technicianId === me;
      const isClaimable = item.status === 'new' && item.technicianId === null;
      if (!isMine && !isClaimable) {
        void removeWorkOrder(item.id);
        return;
      }
      void db.details
        .get(item.id)
        .then((detail) =>
          detail ? refreshWorkOrder(item.id).catch(() => storeServerWorkOrder(item)) : storeServerWorkOrder(item),
        );
    },
  });
  window.addEventListener('online', runSync);
  const timer = window.setInterval(async () => {
    if ((await db.queue.where('state').equals('pending').count()) > 0) void drainQueue();
  }, retryIntervalMs);
  return () => {
    unsubscribe();
    window.removeEventListener('online', runSync);
    window.clearInterval(timer);
  };
}
