import type { TransitionActor } from '@purnajual/contract';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema/index';
import { type AccessActor, reachOf } from './access-table';

/**
 * Which work orders a caller may see, applied inside every query (list, detail, files,
 * search, counts): a hidden record is simply not found.
 */
export type WorkOrderScope =
  | { kind: 'all' }
  | { kind: 'branch'; branchId: string | null }
  /** `districtCodes`: the technician's operating areas, expanded to districts. */
  | { kind: 'technician'; technicianId: string; districtCodes: string[] };

/** What of a work order decides who sees it. */
export interface WorkOrderAudience {
  branchId: string | null;
  technicianId: string | null;
  districtCode: string;
  status: string;
}

/** The caller's scope; `districtsOf` expands a technician's operating areas, asked only for a technician. */
export async function workOrderScopeOf(
  actor: AccessActor,
  districtsOf: (technicianId: string) => Promise<string[]>,
): Promise<WorkOrderScope> {
  switch (reachOf('workOrders', actor.role)) {
    case 'all':
      return { kind: 'all' };
    case 'branch':
      return { kind: 'branch', branchId: actor.branchId };
    case 'assignedOrClaimable':
      return { kind: 'technician', technicianId: actor.id, districtCodes: await districtsOf(actor.id) };
  }
}

/** The rule of `workOrderWhere`, in memory: whether one work order lies in the scope. */
export function isWorkOrderInScope(scope: WorkOrderScope, row: WorkOrderAudience): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'branch':
      return scope.branchId !== null && row.branchId === scope.branchId;
    case 'technician':
      return (
        row.technicianId === scope.technicianId ||
        (row.status === 'new' && row.technicianId === null && scope.districtCodes.includes(row.districtCode))
      );
  }
}

/**
 * New, unassigned work orders in one of `districtCodes`. One column against a list of
 * districts lets the (districtCode, status) index serve it; an OR over the district,
 * regency and province columns made MySQL merge three indexes and sort.
 */
function claimableIn(eb: ExpressionBuilder<DB, 'work_order'>, districtCodes: string[]) {
  return eb.and([
    eb('work_order.districtCode', 'in', districtCodes),
    eb('work_order.status', '=', 'new'),
    eb('work_order.technicianId', 'is', null),
  ]);
}

/** The scope as a condition on `work_order`, for any query that has the work order in it. */
export function workOrderWhere(eb: ExpressionBuilder<DB, 'work_order'>, scope: WorkOrderScope) {
  switch (scope.kind) {
    case 'all':
      return sql<SqlBool>`1 = 1`;
    case 'branch':
      return scope.branchId === null ? sql<SqlBool>`1 = 0` : eb('work_order.branchId', '=', scope.branchId);
    case 'technician': {
      const own = eb('work_order.technicianId', '=', scope.technicianId);
      if (scope.districtCodes.length === 0) return own;
      return eb.or([own, claimableIn(eb, scope.districtCodes)]);
    }
  }
}

export type WorkOrderCondition = (eb: ExpressionBuilder<DB, 'work_order'>) => Expression<SqlBool>;

/**
 * The scope of a list as separate, disjoint parts that each walk one index in id order:
 * a technician's own work orders, and the unassigned ones in their areas. One query with
 * an OR would read all of a technician's history and sort it; two top-N reads do not.
 */
export function workOrderListParts(scope: WorkOrderScope): WorkOrderCondition[] {
  if (scope.kind !== 'technician') return [(eb) => workOrderWhere(eb, scope)];
  const own: WorkOrderCondition = (eb) => eb('work_order.technicianId', '=', scope.technicianId);
  if (scope.districtCodes.length === 0) return [own];
  return [own, (eb) => claimableIn(eb, scope.districtCodes)];
}

/**
 * How the status machine sees the caller on a work order they may see: by role,
 * assignment and areas. What each of them may then do is the machine's table
 * (`packages/contract`).
 */
export function transitionActor(
  actor: AccessActor,
  row: Pick<WorkOrderAudience, 'technicianId' | 'districtCode'>,
  scope: WorkOrderScope,
): TransitionActor {
  return {
    role: actor.role,
    isAssignedTechnician: row.technicianId !== null && row.technicianId === actor.id,
    isCoveringTechnician: scope.kind === 'technician' && scope.districtCodes.includes(row.districtCode),
  };
}
