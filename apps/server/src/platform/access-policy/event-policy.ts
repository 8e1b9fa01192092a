import { type Role, stockEventTypes } from '@purnajual/contract';
import { type ExpressionBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { OutboxEventTable } from '../../db/schema/outbox-event';
import { type AccessActor, reachOf } from './access-table';

type EventRow = Selectable<OutboxEventTable>;

/** What a stream subscriber is allowed to see, fixed when the stream opens. */
export interface EventScope {
  userId: string;
  role: Role;
  branchId: string | null;
  /** A technician's operating areas. */
  areaCodes: string[];
}

/** The scope of a stream `actor` opens; `areasOf` gives a technician's operating areas, asked only for one. */
export async function eventScopeOf(
  actor: AccessActor,
  areasOf: (technicianId: string) => Promise<string[]>,
): Promise<EventScope> {
  const areaCodes = reachOf('events', actor.role) === 'assignedOrClaimable' ? await areasOf(actor.id) : [];
  return { userId: actor.id, role: actor.role, branchId: actor.branchId, areaCodes };
}

/** Whether two scopes let through the same events: a stream whose scope changed must end. */
export const isSameEventScope = (a: EventScope, b: EventScope) =>
  a.userId === b.userId &&
  a.role === b.role &&
  a.branchId === b.branchId &&
  a.areaCodes.length === b.areaCodes.length &&
  a.areaCodes.every((code) => b.areaCodes.includes(code));

const isStockEvent = (type: string) => (stockEventTypes as readonly string[]).includes(type);

/**
 * The visibility rule for live fan-out, in memory. `eventWhere` below is the same rule in
 * SQL for replays; a test holds the two to each other. Stock events carry a branch (its
 * office and warehouse see them) and, for a bag, its technician (who alone of the
 * technicians sees them); call-center agents handle no parts and see none. A personal
 * event (a recipient) is its recipient's alone, whatever the role.
 */
export function canSeeEvent(scope: EventScope, row: EventRow): boolean {
  if (row.recipientId !== null) return row.recipientId === scope.userId;
  switch (reachOf('events', scope.role)) {
    case 'all':
      return true;
    case 'allButStock':
      return !isStockEvent(row.type);
    case 'branch':
      return scope.branchId !== null && row.branchId === scope.branchId;
    case 'assignedOrClaimable':
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

function sharedWhere(eb: ExpressionBuilder<DB, 'outbox_event'>, scope: EventScope) {
  switch (reachOf('events', scope.role)) {
    case 'all':
      return sql<SqlBool>`1 = 1`;
    case 'allButStock':
      return eb('type', 'not in', stockEventTypes);
    case 'branch':
      return scope.branchId === null ? sql<SqlBool>`1 = 0` : eb('branchId', '=', scope.branchId);
    case 'assignedOrClaimable': {
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
      return eb.or([...mine, ...claimable]);
    }
  }
}

/** `canSeeEvent` as a condition on `outbox_event`, for replays. */
export function eventWhere(eb: ExpressionBuilder<DB, 'outbox_event'>, scope: EventScope) {
  const personal = eb('recipientId', '=', scope.userId);
  return eb.or([personal, eb.and([eb('recipientId', 'is', null), sharedWhere(eb, scope)])]);
}

/**
 * Fields of an event's payload a role is not sent. Warehouse staff see the work orders of
 * their branch for the parts, and have no need of whom the work is for.
 */
const hiddenCustomerFields: Partial<Record<Role, readonly string[]>> = { warehouse: ['name', 'phone'] };

/** The event's payload (JSON) as `role` receives it: the same rule for live events and replays. */
export function payloadFor(role: Role, row: EventRow): string {
  const hidden = hiddenCustomerFields[role];
  if (!hidden || !row.type.startsWith('work_order.')) return row.payload;
  const payload = JSON.parse(row.payload) as { customer?: Record<string, unknown> };
  if (!payload.customer) return row.payload;
  const customer = Object.fromEntries(Object.entries(payload.customer).filter(([key]) => !hidden.includes(key)));
  return JSON.stringify({ ...payload, customer });
}
