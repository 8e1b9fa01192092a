import type { StockLocationKind } from '@purnajual/contract';
import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema/index';
import { type AccessActor, reachOf } from './access-table';

/**
 * Which stock locations a caller may see, applied inside every query: the office of a
 * branch sees its warehouse, defective bin and its technicians' bags; a technician their
 * own bag and their branch's warehouse. A hidden location is simply not found.
 */
export type StockScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'branch'; branchId: string | null }
  | { kind: 'technician'; technicianId: string; branchId: string | null };

/** A location as the policy judges it; `branchId` is a bag's owner's branch when it is a bag. */
export interface StockLocationAudience {
  kind: StockLocationKind;
  branchId: string | null;
  technicianId: string | null;
}

export function stockScopeOf(actor: AccessActor): StockScope {
  switch (reachOf('stockLocations', actor.role)) {
    case 'all':
      return { kind: 'all' };
    case 'branch':
      return { kind: 'branch', branchId: actor.branchId };
    case 'ownBagAndBranchWarehouse':
      return { kind: 'technician', technicianId: actor.id, branchId: actor.branchId };
    case 'none':
      return { kind: 'none' };
  }
}

/** The rule of `stockLocationWhere`, in memory. */
export function isStockLocationInScope(scope: StockScope, location: StockLocationAudience): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'branch':
      return scope.branchId !== null && location.branchId === scope.branchId;
    case 'technician':
      return (
        location.technicianId === scope.technicianId ||
        (scope.branchId !== null && location.kind === 'warehouse' && location.branchId === scope.branchId)
      );
  }
}

/** A location query: `stock_location` with its bag's owner joined as `owner`. */
export type StockLocationEb = ExpressionBuilder<DB & { owner: DB['user'] }, 'stock_location' | 'owner'>;

/** The scope as a condition on a location query; a bag belongs to its owner's current branch. */
export function stockLocationWhere(eb: StockLocationEb, scope: StockScope) {
  switch (scope.kind) {
    case 'all':
      return sql<SqlBool>`1 = 1`;
    case 'none':
      return sql<SqlBool>`1 = 0`;
    case 'branch':
      return scope.branchId === null
        ? sql<SqlBool>`1 = 0`
        : eb.or([eb('stock_location.branchId', '=', scope.branchId), eb('owner.branchId', '=', scope.branchId)]);
    case 'technician': {
      const own = eb('stock_location.technicianId', '=', scope.technicianId);
      if (scope.branchId === null) return own;
      return eb.or([
        own,
        eb.and([eb('stock_location.kind', '=', 'warehouse'), eb('stock_location.branchId', '=', scope.branchId)]),
      ]);
    }
  }
}
