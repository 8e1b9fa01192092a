import {
  type CreatedWebhook,
  type CreateWebhookBody,
  maxWebhooks,
  type UpdateWebhookBody,
  type Webhook,
  type WebhookDelivery,
  webhookEventPatternSchema,
} from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError, fieldError } from '../../errors';
import { type Clock, toIso } from '../../platform/clock';
import { decodeCursor, toPage } from '../../platform/cursor';
import { newId } from '../../platform/ids';
import { outboundUrlRefusal } from '../../platform/outbound-url';
import { createWebhookSecret } from './webhook-signature';
import * as repo from './webhooks.repository';

export interface WebhooksServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  allowInsecureUrls: boolean;
  /** Called once a "send again" is stored, to send it at once. */
  onRedelivery: () => void;
}

const toWebhook = (row: repo.WebhookRow): Webhook => ({
  id: row.id,
  url: row.url,
  events: row.events.split(',').flatMap((event) => {
    const parsed = webhookEventPatternSchema.safeParse(event);
    return parsed.success ? [parsed.data] : [];
  }),
  description: row.description,
  active: row.active === 1,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const toDelivery = (row: repo.DeliveryRow): WebhookDelivery => ({
  id: row.id,
  webhookId: row.webhookId,
  eventId: String(row.eventId),
  eventType: row.eventType,
  // An attempt under way is still pending, as far as a reader of the log can tell.
  status: row.status === 'sending' ? 'pending' : row.status,
  attempts: row.attempts,
  lastResponseStatus: row.lastResponseStatus,
  lastError: row.lastError,
  createdAt: row.createdAt,
  lastAttemptAt: row.lastAttemptAt,
  nextAttemptAt: row.nextAttemptAt,
  deliveredAt: row.deliveredAt,
});

const webhookNotFound = () => new AppError('not_found', { en: 'Webhook not found', id: 'Webhook tidak ditemukan' });

export function createWebhooksService({ db, clock, allowInsecureUrls, onRedelivery }: WebhooksServiceDeps) {
  function assertUrl(url: string) {
    const refusal = outboundUrlRefusal(url, allowInsecureUrls);
    if (refusal) throw fieldError('url', refusal, `The webhook URL ${refusal}`);
  }

  async function findWebhook(id: string) {
    const row = await repo.findWebhookById(db, id);
    if (!row) throw webhookNotFound();
    return row;
  }

  return {
    async createWebhook(body: CreateWebhookBody): Promise<CreatedWebhook> {
      assertUrl(body.url);
      if ((await repo.countWebhooks(db)) >= maxWebhooks) {
        throw new AppError('conflict', {
          en: `At most ${maxWebhooks} webhooks; delete one first`,
          id: `Paling banyak ${maxWebhooks} webhook; hapus salah satu dulu`,
        });
      }
      const at = toIso(clock.now());
      const row = {
        id: newId(),
        url: body.url,
        events: body.events.join(','),
        description: body.description || null,
        secret: createWebhookSecret(),
        active: 1,
        createdAt: at,
        updatedAt: at,
      };
      await repo.insertWebhook(db, row);
      return { ...toWebhook(row), secret: row.secret };
    },

    async listWebhooks(): Promise<Webhook[]> {
      return (await repo.findWebhooks(db, maxWebhooks)).map(toWebhook);
    },

    async updateWebhook(id: string, body: UpdateWebhookBody): Promise<Webhook> {
      await findWebhook(id);
      if (body.url !== undefined) assertUrl(body.url);
      await repo.updateWebhook(db, id, {
        ...(body.url === undefined ? {} : { url: body.url }),
        ...(body.events === undefined ? {} : { events: body.events.join(',') }),
        ...(body.active === undefined ? {} : { active: body.active ? 1 : 0 }),
        updatedAt: toIso(clock.now()),
      });
      return toWebhook(await findWebhook(id));
    },

    async deleteWebhook(id: string): Promise<void> {
      await findWebhook(id);
      await db.transaction().execute((trx) => repo.deleteWebhook(trx, id));
    },

    async listDeliveries(id: string, query: { limit: number; cursor?: string | undefined }) {
      await findWebhook(id);
      const [beforeId] = decodeCursor(query.cursor) ?? [];
      const rows = await repo.findDeliveries(
        db,
        id,
        query.limit + 1,
        beforeId === undefined ? undefined : String(beforeId),
      );
      const page = toPage(rows, query.limit, (row) => [row.id]);
      return { items: page.items.map(toDelivery), nextCursor: page.nextCursor };
    },

    /** A new attempt now, whether the delivery failed, was delivered or still waits for a retry. */
    async redeliver(id: string, deliveryId: string): Promise<WebhookDelivery> {
      await findWebhook(id);
      if (!(await repo.findDelivery(db, id, deliveryId))) {
        throw new AppError('not_found', { en: 'Delivery not found', id: 'Pengiriman tidak ditemukan' });
      }
      await repo.scheduleRedelivery(db, deliveryId, toIso(clock.now()));
      onRedelivery();
      const row = await repo.findDelivery(db, id, deliveryId);
      if (!row) throw webhookNotFound();
      return toDelivery(row);
    },
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
