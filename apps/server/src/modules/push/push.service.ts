import { createHash } from 'node:crypto';
import type { PushKey, PushPayload, PushSubscriptionBody, PushUnsubscribeBody } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { DB } from '../../db/schema/index';
import { AppError, fieldError } from '../../errors';
import type { Actor } from '../../platform/actor';
import { type Clock, toIso } from '../../platform/clock';
import { newId } from '../../platform/ids';
import { outboundUrlRefusal } from '../../platform/outbound-url';
import * as repo from './push.repository';

/** Browsers (phones) one user may receive pushes on; registering one more drops the oldest. */
export const maxSubscriptionsPerUser = 10;

/*
 * A phone shows a few lines of a notification; a push payload should stay well under the
 * 4 KB push services take, encryption included. Cut here, even fully escaped JSON (six
 * bytes a character) of title and body stays under 3 KB.
 */
const maxTitleChars = 120;
const maxBodyChars = 300;

/** A notification as a push tells it. */
export interface PushNotice {
  notificationId: string;
  recipientId: string;
  title: string;
  body: string;
  workOrderId: string | null;
  /** An assignment: the push service should wake the phone at once. */
  urgent: boolean;
}

export interface PushServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  settings: Config['push'];
}

const hashOf = (endpoint: string) => createHash('sha256').update(endpoint).digest('hex');

const pushDisabled = () =>
  new AppError('push_disabled', {
    en: 'This server sends no push notifications',
    id: 'Server ini tidak mengirim notifikasi push',
  });

function payloadOf(notice: PushNotice): PushPayload {
  return {
    title: notice.title.slice(0, maxTitleChars),
    body: notice.body.slice(0, maxBodyChars),
    url: notice.workOrderId === null ? '/m/notifications' : `/m/work-orders/${notice.workOrderId}`,
    tag: notice.workOrderId === null ? `notification-${notice.notificationId}` : `work-order-${notice.workOrderId}`,
  };
}

/** The browsers technicians receive pushes on, and the pushes written with each notification. */
export function createPushService({ db, clock, settings }: PushServiceDeps) {
  const vapid = settings.vapid;

  return {
    publicKey(): PushKey {
      if (!vapid) throw pushDisabled();
      return { publicKey: vapid.publicKey };
    },

    /**
     * Registers the caller's browser for this session; an endpoint registered before (by
     * anyone) moves to the caller, with pushes still due to its former holder dropped.
     */
    async subscribe(actor: Actor, body: PushSubscriptionBody) {
      if (!vapid) throw pushDisabled();
      const refusal = outboundUrlRefusal(body.endpoint, settings.allowInsecureEndpoints);
      if (refusal) throw fieldError('body.endpoint', refusal, `The push endpoint ${refusal}`);
      const at = toIso(clock.now());
      const endpointHash = hashOf(body.endpoint);
      await db.transaction().execute(async (trx) => {
        const existing = await repo.findSubscriptionByHash(trx, endpointHash);
        const fields = { ...body.keys, userId: actor.id, sessionId: actor.sessionId, updatedAt: at };
        if (existing?.userId === actor.id) {
          await repo.updateSubscription(trx, existing.id, fields);
        } else {
          if (existing) await repo.deleteSubscriptions(trx, [existing.id]);
          const row = { id: newId(), endpointHash, endpoint: body.endpoint, createdAt: at, ...fields };
          await repo.insertSubscription(trx, row);
        }
        const beyond = await repo.findSubscriptionsBeyond(trx, actor.id, maxSubscriptionsPerUser);
        await repo.deleteSubscriptions(
          trx,
          beyond.map((row) => row.id),
        );
      });
    },

    async unsubscribe(actor: Actor, body: PushUnsubscribeBody) {
      await repo.deleteUserSubscription(db, actor.id, hashOf(body.endpoint));
    },

    /** A sign-out: the session's browsers get no more pushes (in the sign-out's transaction). */
    async removeSessionSubscriptions(trx: Kysely<DB>, sessionId: string) {
      await repo.deleteSessionSubscriptions(trx, sessionId);
    },

    /** Writes a push per notice and recipient's subscription, in the notifications' transaction. */
    async enqueueInTransaction(trx: Kysely<DB>, notices: PushNotice[], at: string) {
      if (!vapid || notices.length === 0) return;
      const recipients = [...new Set(notices.map((notice) => notice.recipientId))];
      const subscriptions = await repo.findDeliverableSubscriptions(trx, recipients);
      const rows = notices.flatMap((notice) =>
        subscriptions
          .filter((subscription) => subscription.userId === notice.recipientId)
          .map((subscription) => ({
            id: newId(),
            subscriptionId: subscription.id,
            payload: JSON.stringify(payloadOf(notice)),
            urgency: notice.urgent ? ('high' as const) : ('normal' as const),
            status: 'pending' as const,
            attempts: 0,
            nextAttemptAt: at,
            lastError: null,
            createdAt: at,
          })),
      );
      if (rows.length > 0) await repo.insertMessages(trx, rows);
    },
  };
}

export type PushService = ReturnType<typeof createPushService>;
