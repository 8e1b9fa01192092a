import type { StockLocation } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { notFound } from '../../errors';
import { type StockScope, stockScopeOf } from '../../platform/access-policy/stock-policy';
import type { Actor } from '../../platform/actor';
import { type Clock, toIso } from '../../platform/clock';
import { newId } from '../../platform/ids';
import type { BranchesService } from '../branches/branches.service';
import type { UsersService } from '../users/users.service';
import * as repo from './stock.repository';

export interface StockLocationsDeps {
  db: Kysely<DB>;
  clock: Clock;
  users: Pick<UsersService, 'findActiveTechnicians'>;
  branches: Pick<BranchesService, 'listBranches'>;
}

export function toLocation(row: repo.LocationRow): StockLocation {
  return {
    id: row.id,
    kind: row.kind,
    branchId: row.branchId,
    branchName: row.branchName,
    technicianId: row.technicianId,
    technicianName: row.technicianName,
  };
}

/** Where stock is kept: each branch's warehouse and defective bin, each technician's bag. */
export function createStockLocations({ db, clock, users, branches }: StockLocationsDeps) {
  /**
   * Locations come into being the first time they are needed: a branch's warehouse and
   * defective bin, a technician's bag. Concurrent first uses are harmless (unique indexes).
   */
  async function ensureLocations(branchIds: string[], technicianIds: string[]) {
    const existing = await repo.findExistingOwners(db, branchIds, technicianIds);
    const at = toIso(clock.now());
    const missing = [
      ...branchIds.flatMap((branchId) =>
        (['warehouse', 'defective'] as const)
          .filter((kind) => !existing.branchKinds.has(`${branchId}/${kind}`))
          .map((kind) => ({ id: newId(), kind, branchId, technicianId: null, at })),
      ),
      ...technicianIds
        .filter((id) => !existing.technicianIds.has(id))
        .map((technicianId) => ({ id: newId(), kind: 'technician' as const, branchId: null, technicianId, at })),
    ];
    await repo.insertLocationsIfMissing(db, missing);
  }

  /** The locations a caller sees, every one of them created first. */
  async function ensureVisible(scope: StockScope) {
    if (scope.kind === 'all') {
      const [allBranches, technicians] = await Promise.all([branches.listBranches(), users.findActiveTechnicians({})]);
      await ensureLocations(
        allBranches.map((b) => b.id),
        technicians.map((t) => t.id),
      );
    } else if (scope.kind === 'branch' && scope.branchId !== null) {
      const technicians = await users.findActiveTechnicians({ branchId: scope.branchId });
      await ensureLocations(
        [scope.branchId],
        technicians.map((t) => t.id),
      );
    } else if (scope.kind === 'technician') {
      await ensureLocations(scope.branchId === null ? [] : [scope.branchId], [scope.technicianId]);
    }
  }

  return {
    async findOrCreateBag(technicianId: string): Promise<repo.LocationRow> {
      await ensureLocations([], [technicianId]);
      const bag = await repo.findBag(db, technicianId);
      if (!bag) throw new Error(`The bag of technician ${technicianId} could not be created`);
      return bag;
    },

    async findOrCreateBranchLocation(branchId: string, kind: 'warehouse' | 'defective') {
      await ensureLocations([branchId], []);
      const location = await repo.findBranchLocation(db, branchId, kind);
      if (!location) throw new Error(`The ${kind} location of branch ${branchId} could not be created`);
      return location;
    },

    async findVisibleLocation(actor: Actor, id: string): Promise<repo.LocationRow> {
      const location = await repo.findLocation(db, stockScopeOf(actor), id);
      if (!location) throw notFound('Stock location');
      return location;
    },

    async listLocations(actor: Actor): Promise<StockLocation[]> {
      const scope = stockScopeOf(actor);
      await ensureVisible(scope);
      return (await repo.findLocations(db, scope)).map(toLocation);
    },
  };
}

export type StockLocations = ReturnType<typeof createStockLocations>;
