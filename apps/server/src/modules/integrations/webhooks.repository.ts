import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { WebhookDeliveryTable, WebhookTable } from '../../db/schema/integration';

export type WebhookRow = Selectable<WebhookTable>;
export type DeliveryRow = Selectable<WebhookDeliveryTable>;

export const insertWebhook = (db: Kysely<DB>, row: Insertable<WebhookTable>) =>
  db.insertInto('webhook').values(row).execute();

export const findWebhooks = (db: Kysely<DB>, limit: number) =>
  db.selectFrom('webhook').selectAll().orderBy('id').limit(limit).execute();

export const findActiveWebhooks = (db: Kysely<DB>, limit: number) =>
  db.selectFrom('webhook').selectAll().where('active', '=', 1).orderBy('id').limit(limit).execute();

export const findWebhookById = (db: Kysely<DB>, id: string) =>
  db.selectFrom('webhook').selectAll().where('id', '=', id).executeTakeFirst();

export async function countWebhooks(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('webhook')
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export const updateWebhook = (db: Kysely<DB>, id: string, patch: Updateable<WebhookTable>) =>
  db.updateTable('webhook').set(patch).where('id', '=', id).execute();

/** The deliveries go first: SQLite enforces no cascade unless asked to. */
export async function deleteWebhook(db: Kysely<DB>, id: string) {
  await db.deleteFrom('webhook_delivery').where('webhookId', '=', id).execute();
  await db.deleteFrom('webhook').where('id', '=', id).execute();
}

/** A webhook's deliveries, newest first, after `beforeId` when paging. */
export function findDeliveries(db: Kysely<DB>, webhookId: string, limit: number, beforeId: string | undefined) {
  let query = db
    .selectFrom('webhook_delivery')
    .selectAll()
    .where('webhookId', '=', webhookId)
    .orderBy('id', 'desc')
    .limit(limit);
  if (beforeId !== undefined) query = query.where('id', '<', beforeId);
  return query.execute();
}

export const findDelivery = (db: Kysely<DB>, webhookId: string, id: string) =>
  db
    .selectFrom('webhook_delivery')
    .selectAll()
    .where('webhookId', '=', webhookId)
    .where('id', '=', id)
    .executeTakeFirst();

/** Rows per INSERT: well under SQLite's limit of bound parameters. */
const insertChunk = 100;

/** One row per (webhook, event): fanning an event out again inserts nothing. */
export async function insertDeliveries(db: Kysely<DB>, rows: Insertable<WebhookDeliveryTable>[]) {
  for (let start = 0; start < rows.length; start += insertChunk) {
    await db
      .insertInto('webhook_delivery')
      .values(rows.slice(start, start + insertChunk))
      .orIgnore()
      .execute();
  }
}

export const findFeedPosition = async (db: Kysely<DB>, name: string) =>
  (await db.selectFrom('webhook_feed').select('lastEventId').where('name', '=', name).executeTakeFirst())?.lastEventId;

export async function setFeedPosition(db: Kysely<DB>, name: string, lastEventId: number) {
  const updated = await db.updateTable('webhook_feed').set({ lastEventId }).where('name', '=', name).executeTakeFirst();
  if (updated.numUpdatedRows === 0n) {
    await db.insertInto('webhook_feed').values({ name, lastEventId }).orIgnore().execute();
  }
}

/**
 * Deliveries due now, and those left `sending` since before `staleBefore` by an instance that
 * stopped; a deactivated webhook's wait until it is active again.
 */
export const findDueDeliveries = (db: Kysely<DB>, now: string, staleBefore: string, limit: number) =>
  db
    .selectFrom('webhook_delivery as delivery')
    .innerJoin('webhook', 'webhook.id', 'delivery.webhookId')
    .select(['delivery.id', 'delivery.attempts'])
    .where('webhook.active', '=', 1)
    .where((eb) =>
      eb.or([
        eb.and([eb('delivery.status', '=', 'pending'), eb('delivery.nextAttemptAt', '<=', now)]),
        eb.and([eb('delivery.status', '=', 'sending'), eb('delivery.claimedAt', '<=', staleBefore)]),
      ]),
    )
    .orderBy('delivery.nextAttemptAt')
    .limit(limit)
    .execute();

/**
 * Claims a due delivery for this instance as attempt `attempts + 1`: the update matches only
 * while the row is as it was read, so of instances claiming at once one wins.
 */
export async function claimDelivery(
  db: Kysely<DB>,
  delivery: { id: string; attempts: number },
  claim: { now: string; staleBefore: string },
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_delivery')
    .set({ status: 'sending', attempts: delivery.attempts + 1, claimedAt: claim.now })
    .where('id', '=', delivery.id)
    .where('attempts', '=', delivery.attempts)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('nextAttemptAt', '<=', claim.now)]),
        eb.and([eb('status', '=', 'sending'), eb('claimedAt', '<=', claim.staleBefore)]),
      ]),
    )
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export const findClaimedDelivery = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('webhook_delivery')
    .innerJoin('webhook', 'webhook.id', 'webhook_delivery.webhookId')
    .select([
      'webhook_delivery.id',
      'webhook_delivery.eventType',
      'webhook_delivery.body',
      'webhook.url',
      'webhook.secret',
    ])
    .where('webhook_delivery.id', '=', id)
    .executeTakeFirst();

/** Records how attempt `attempts` went, unless another instance has taken the delivery over since. */
export async function finishDelivery(
  db: Kysely<DB>,
  delivery: { id: string; attempts: number },
  outcome: Updateable<WebhookDeliveryTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_delivery')
    .set({ ...outcome, claimedAt: null })
    .where('id', '=', delivery.id)
    .where('attempts', '=', delivery.attempts)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** "Send again": due now, whatever became of it; one being sent right now is left to finish. */
export const scheduleRedelivery = (db: Kysely<DB>, id: string, now: string) =>
  db
    .updateTable('webhook_delivery')
    .set({ status: 'pending', nextAttemptAt: now })
    .where('id', '=', id)
    .where('status', '<>', 'sending')
    .execute();

/** Retention: delivered and failed deliveries created before `before`, in one bounded statement. */
export async function pruneFinishedDeliveries(db: Kysely<DB>, before: string, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('webhook_delivery')
    .where('status', 'in', ['delivered', 'failed'])
    .where('createdAt', '<', before)
    .orderBy('createdAt')
    .limit(limit)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
