import type { Role } from '@purnajual/contract';

/** Who is asking, as the access policy needs to know them (the signed-in `Actor` is one). */
export interface AccessActor {
  id: string;
  role: Role;
  branchId: string | null;
}

/**
 * How far each role reaches, per kind of record: the one table the scopes, checks and
 * query filters of this folder read, and that docs/ACCESS.md explains.
 *
 * - `all`: every record.
 * - `allButStock`: every record but stock movements (call-center agents handle no parts).
 * - `branch`: the records of the caller's own branch; nothing without a branch.
 * - `branchAndSelf`: the people of the caller's own branch, and the caller.
 * - `assignedOrClaimable`: work assigned to the technician (or, for events, taken from
 *   them), and new unassigned work in their operating areas.
 * - `ownBagAndBranchWarehouse`: the technician's bag and their branch's warehouse.
 * - `own`: the technician's own documents.
 * - `self`: the caller alone.
 * - `none`: nothing; the routes of that kind of record refuse the role (403).
 */
export interface AccessTable {
  workOrders: Record<Role, 'all' | 'branch' | 'assignedOrClaimable'>;
  stockLocations: Record<Role, 'all' | 'branch' | 'ownBagAndBranchWarehouse' | 'none'>;
  partDocuments: Record<Role, 'all' | 'branch' | 'own' | 'none'>;
  users: Record<Role, 'all' | 'branchAndSelf' | 'self'>;
  events: Record<Role, 'all' | 'allButStock' | 'branch' | 'assignedOrClaimable'>;
}

export const accessTable: AccessTable = {
  workOrders: {
    admin: 'all',
    agent: 'all',
    supervisor: 'branch',
    warehouse: 'branch',
    technician: 'assignedOrClaimable',
  },
  stockLocations: {
    admin: 'all',
    agent: 'none',
    supervisor: 'branch',
    warehouse: 'branch',
    technician: 'ownBagAndBranchWarehouse',
  },
  partDocuments: { admin: 'all', agent: 'none', supervisor: 'branch', warehouse: 'branch', technician: 'own' },
  users: { admin: 'all', agent: 'self', supervisor: 'branchAndSelf', warehouse: 'self', technician: 'self' },
  events: {
    admin: 'all',
    agent: 'allButStock',
    supervisor: 'branch',
    warehouse: 'branch',
    technician: 'assignedOrClaimable',
  },
};

export type AccessKind = keyof AccessTable;
export type Reach<K extends AccessKind> = AccessTable[K][Role];

/** How far `role` reaches in records of `kind`. */
export const reachOf = <K extends AccessKind>(kind: K, role: Role): Reach<K> => accessTable[kind][role];
