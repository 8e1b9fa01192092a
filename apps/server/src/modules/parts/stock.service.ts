import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { Clock } from '../../platform/clock';
import type { BranchesService } from '../branches/branches.service';
import type { UsersService } from '../users/users.service';
import { findLineParts } from './line-parts';
import { createPartLimits } from './part-limits';
import { createPartsUse } from './parts-use';
import * as repo from './stock.repository';
import { createStockLedger } from './stock-ledger';
import { createStockLevels } from './stock-levels';
import { createStockLocations } from './stock-locations';
import { createStockMovements, levelKey } from './stock-movements';

export interface StockServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  users: Pick<UsersService, 'findActiveTechnician' | 'findActiveTechnicians'>;
  branches: Pick<BranchesService, 'listBranches' | 'findBranch'>;
  /** Wakes the event stream after a commit that wrote events. */
  onCommitted: () => void;
}

/**
 * Stock, the parts module's one face to routes and other modules, composed of its pieces:
 * the ledger that every quantity change goes through (`stock-movements.ts`), locations,
 * levels and bags, receipts and the ledger's reads, carrying limits, and the parts a
 * repair uses.
 */
export function createStockService({ db, clock, users, branches, onCommitted }: StockServiceDeps) {
  const movements = createStockMovements({ db });
  const locations = createStockLocations({ db, clock, users, branches });
  const levels = createStockLevels({ db, locations });
  const ledger = createStockLedger({ db, clock, locations, movements, onCommitted });
  const limits = createPartLimits({ db, clock, users, branches });
  const use = createPartsUse({ db, movements });

  return {
    transaction: movements.transaction,
    prepareMovements: movements.prepareMovements,
    applyMovements: movements.applyMovements,
    /** A technician's bag, or undefined if they never had one (an empty bag). */
    findBag: (technicianId: string) => repo.findBag(db, technicianId),
    findOrCreateBag: locations.findOrCreateBag,
    findOrCreateBranchLocation: locations.findOrCreateBranchLocation,
    findLineParts,
    checkLimits: limits.checkLimits,
    assertWithinLimits: limits.assertWithinLimits,
    findLimitBreach: limits.findLimitBreach,
    /** Units on hand at these location/part pairs, read through `conn` (a transaction's own connection). */
    findOnHand: async (conn: Kysely<DB>, keys: { locationId: string; partId: string }[]) =>
      new Map(
        (await repo.findLevelQuantities(conn, keys)).map((level) => [
          levelKey(level.locationId, level.partId),
          Number(level.quantity),
        ]),
      ),
    listLocations: locations.listLocations,
    listStock: levels.listStock,
    receive: ledger.receive,
    listLedger: ledger.listLedger,
    getBag: levels.getBag,
    findBagQuantities: levels.findBagQuantities,
    getTechnicianLimits: limits.getTechnicianLimits,
    setTechnicianLimits: limits.setTechnicianLimits,
    getBranchLimits: limits.getBranchLimits,
    setBranchLimits: limits.setBranchLimits,
    useOnWorkOrder: use.useOnWorkOrder,
    reverseWorkOrderUse: use.reverseWorkOrderUse,
    findPartsUsed: use.findPartsUsed,
  };
}

export type StockService = ReturnType<typeof createStockService>;
