import { type EventType, type Role, stockEventTypes } from '@purnajual/contract';
import { type ExpressionBuilder, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { OutboxEventTable } from '../../db/schema/outbox-event';

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

/** What a stream subscriber is allowed to see, fixed when the stream opens. */
export interface EventScope {
  userId: string;
  role: Role;
  branchId: string | null;
  /** A technician's operating areas. */
  areaCodes: string[];
}

const isStockEvent = (type: string) => (stockEventTypes as readonly string[]).includes(type);

/**
 * The visibility rule for live fan-out, in memory. `scopeWhere` below is the same rule in
 * SQL for replays; a test holds the two to each other. Stock events carry a branch (its
 * office and warehouse see them) and, for a bag, its technician (who alone of the
 * technicians sees them); call-center agents handle no parts and see none.
 */
export function canSee(scope: EventScope, row: OutboxRow): boolean {
  if (row.recipientId !== null) return row.recipientId === scope.userId;
  switch (scope.role) {
    case 'admin':
      return true;
    case 'agent':
      return !isStockEvent(row.type);
    case 'supervisor':
    case 'warehouse':
      return scope.branchId !== null && row.branchId === scope.branchId;
    case 'technician':
      return (
        row.technicianId === scope.userId ||
        row.previousTechnicianId === scope.userId ||
        (row.claimable === 1 &&
          [row.districtCode, row.regencyCode, row.provinceCode].some(
            (code) => code !== null && scope.areaCodes.includes(code),
          ))
      );
  }
}

/**
 * Fields of an event's payload a role is not sent. Warehouse staff see the work orders of
 * their branch for the parts, and have no need of whom the work is for.
 */
const hiddenCustomerFields: Partial<Record<Role, readonly string[]>> = { warehouse: ['name', 'phone'] };

/** The event's payload (JSON) as `role` receives it: the same rule for live events and replays. */
export function payloadFor(role: Role, row: OutboxRow): string {
  const hidden = hiddenCustomerFields[role];
  if (!hidden || !row.type.startsWith('work_order.')) return row.payload;
  const payload = JSON.parse(row.payload) as { customer?: Record<string, unknown> };
  if (!payload.customer) return row.payload;
  const customer = Object.fromEntries(Object.entries(payload.customer).filter(([key]) => !hidden.includes(key)));
  return JSON.stringify({ ...payload, customer });
}

function scopeWhere(eb: ExpressionBuilder<DB, 'outbox_event'>, scope: EventScope) {
  const personal = eb('recipientId', '=', scope.userId);
  let shared: ReturnType<typeof eb.and> | ReturnType<typeof sql<SqlBool>>;
  switch (scope.role) {
    case 'admin':
      shared = sql<SqlBool>`1 = 1`;
      break;
    case 'agent':
      shared = eb('type', 'not in', stockEventTypes);
      break;
    case 'supervisor':
    case 'warehouse':
      shared = scope.branchId === null ? sql<SqlBool>`1 = 0` : eb('branchId', '=', scope.branchId);
      break;
    case 'technician': {
      const mine = [eb('technicianId', '=', scope.userId), eb('previousTechnicianId', '=', scope.userId)];
      const claimable =
        scope.areaCodes.length === 0
          ? []
          : [
              eb.and([
                eb('claimable', '=', 1),
                eb.or([
                  eb('districtCode', 'in', scope.areaCodes),
                  eb('regencyCode', 'in', scope.areaCodes),
                  eb('provinceCode', 'in', scope.areaCodes),
                ]),
              ]),
            ];
      shared = eb.or([...mine, ...claimable]);
      break;
    }
  }
  return eb.or([personal, eb.and([eb('recipientId', 'is', null), shared])]);
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
  if (scope) query = query.where((eb) => scopeWhere(eb, scope));
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
