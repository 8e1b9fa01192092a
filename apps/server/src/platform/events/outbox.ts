import type { EventType } from '@purnajual/contract';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { OutboxEventTable } from '../../db/schema/outbox-event';
import { type EventScope, eventWhere } from '../access-policy/event-policy';

export type OutboxRow = Selectable<OutboxEventTable>;

/** Who may see an event, besides the office roles that see every work order. */
export interface EventAudience {
  workOrderId?: string | null;
  branchId?: string | null;
  technicianId?: string | null;
  previousTechnicianId?: string | null;
  provinceCode?: string | null;
  regencyCode?: string | null;
  districtCode?: string | null;
  claimable?: boolean;
  /** A personal event: only this user sees it. */
  recipientId?: string | null;
}

/** Events the instances tell each other through the outbox, never sent to a client. */
export type InternalEventType = 'session.revoked';

/** Written inside the caller's transaction: the event exists exactly when the change does. */
export async function recordEvent(
  trx: Kysely<DB>,
  type: EventType | InternalEventType,
  audience: EventAudience,
  payload: unknown,
  at: string,
): Promise<void> {
  await trx
    .insertInto('outbox_event')
    .values({
      type,
      workOrderId: audience.workOrderId ?? null,
      branchId: audience.branchId ?? null,
      technicianId: audience.technicianId ?? null,
      previousTechnicianId: audience.previousTechnicianId ?? null,
      provinceCode: audience.provinceCode ?? null,
      regencyCode: audience.regencyCode ?? null,
      districtCode: audience.districtCode ?? null,
      claimable: audience.claimable ? 1 : 0,
      recipientId: audience.recipientId ?? null,
      payload: JSON.stringify(payload),
      createdAt: at,
    })
    .execute();
}

/** Events after `afterId` up to `untilId`, oldest first; only those `scope` may see, when given. */
export function findEventsAfter(
  db: Kysely<DB>,
  afterId: number,
  limit: number,
  options: { scope?: EventScope; untilId?: number } = {},
): Promise<OutboxRow[]> {
  let query = db.selectFrom('outbox_event').selectAll().where('id', '>', afterId).orderBy('id').limit(limit);
  if (options.untilId !== undefined) query = query.where('id', '<=', options.untilId);
  const { scope } = options;
  if (scope) query = query.where((eb) => eventWhere(eb, scope));
  return query.execute();
}

export async function findLatestEventId(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('outbox_event')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export async function findOldestEventId(db: Kysely<DB>): Promise<number | null> {
  const row = await db
    .selectFrom('outbox_event')
    .select((eb) => eb.fn.min('id').as('id'))
    .executeTakeFirst();
  return row?.id === null || row?.id === undefined ? null : Number(row.id);
}

/**
 * Whether retention may have pruned events after `afterId`: every id below the oldest one
 * kept is gone, so a client that has not seen the id just before it may have missed some.
 * (An id lost to a rolled-back transaction can make that a needless reload, never a gap.)
 * An empty outbox has lost nothing, since the newest event is never pruned.
 */
export async function isPrunedAfter(db: Kysely<DB>, afterId: number): Promise<boolean> {
  const oldest = await findOldestEventId(db);
  return oldest !== null && afterId + 1 < oldest;
}

/**
 * Deletes up to `limit` events created before `before`, oldest first, and returns how many.
 * Always a prefix of the ids, never the newest event: `isPrunedAfter` counts on every id
 * below the oldest kept being gone, and SQLite numbers a new row max(id) + 1, so an emptied
 * outbox would hand out again ids that clients have seen. The oldest rows are read by id
 * (the primary key) and deleted as one id range: no index on `createdAt` needed.
 */
export async function pruneEventsBefore(db: Kysely<DB>, before: string, limit: number): Promise<number> {
  const rows = await db
    .selectFrom('outbox_event')
    .select(['id', 'createdAt'])
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const candidates = rows.slice(0, Math.min(limit, rows.length - 1));
  const kept = candidates.findIndex((row) => row.createdAt >= before);
  const last = candidates[(kept === -1 ? candidates.length : kept) - 1];
  if (!last) return 0;
  const result = await db.deleteFrom('outbox_event').where('id', '<=', last.id).executeTakeFirst();
  return Number(result.numDeletedRows);
}
