import type { StockChangedEvent, StockReason } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError } from '../../errors';
import { recordEvent } from '../../platform/events/outbox';
import { newId } from '../../platform/ids';
import * as repo from './stock.repository';

/** `quantity` units of a part from one location to another; null is outside the company. */
export interface Movement {
  part: { id: string; partNo: string };
  fromLocationId: string | null;
  toLocationId: string | null;
  quantity: number;
  unitPrice: number;
}

export interface MovementContext {
  reason: StockReason;
  actorId: string;
  at: string;
  workOrderId?: string | null;
  partRequestId?: string | null;
  partReturnId?: string | null;
  reference?: string | null;
  /** Who hears of the change: the branch's office and the technician whose bag it is. */
  audience: { branchId: string | null; technicianId: string | null };
}

export const levelKey = (locationId: string, partId: string) => `${locationId}/${partId}`;

interface LevelChange {
  locationId: string;
  partId: string;
  partNo: string;
  quantity: number;
}

/** The net change of each location/part row these movements make, in one global order. */
export function netChanges(movements: readonly Movement[]): LevelChange[] {
  const changes = new Map<string, LevelChange>();
  const change = (locationId: string | null, part: Movement['part'], quantity: number) => {
    if (locationId === null) return;
    const key = levelKey(locationId, part.id);
    const entry = changes.get(key) ?? { locationId, partId: part.id, partNo: part.partNo, quantity: 0 };
    entry.quantity += quantity;
    changes.set(key, entry);
  };
  for (const m of movements) {
    change(m.fromLocationId, m.part, -m.quantity);
    change(m.toLocationId, m.part, m.quantity);
  }
  return [...changes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
}

const insufficient = (partNo: string, needed: number, onHand: number | string) =>
  new AppError('insufficient_stock', `Not enough ${partNo}: ${needed} needed, ${onHand} on hand`);

/**
 * The ledger: quantities on hand change only through `applyMovements`, which writes the
 * ledger rows and the `stock.changed` event in the caller's transaction.
 */
export function createStockMovements({ db }: { db: Kysely<DB> }) {
  /**
   * Every stock change runs here. On MySQL, READ COMMITTED lets a read that follows a row
   * lock see what the previous lock holder committed (REPEATABLE READ would show the
   * snapshot of the first read) and takes no gap locks; SQLite has a single writer anyway.
   */
  const transaction = <T>(work: (trx: Kysely<DB>) => Promise<T>): Promise<T> =>
    db.transaction().setIsolationLevel('read committed').execute(work);

  /**
   * Refuses, as the transaction to come would, movements that take more than is on hand
   * now. Not binding (the transaction checks again under its locks), but it comes before
   * anything is written, so such a refusal leaves no empty level rows behind.
   */
  async function assertOnHand(movements: Movement[]) {
    const needed = netChanges(
      movements.filter((m) => m.fromLocationId !== null).map((m) => ({ ...m, toLocationId: null })),
    );
    const onHand = new Map(
      (await repo.findLevelQuantities(db, needed)).map((level) => [
        levelKey(level.locationId, level.partId),
        Number(level.quantity),
      ]),
    );
    for (const { locationId, partId, partNo, quantity } of needed) {
      const available = onHand.get(levelKey(locationId, partId)) ?? 0;
      if (available < -quantity) throw insufficient(partNo, -quantity, available);
    }
  }

  /**
   * Creates, outside the transaction to come, the level rows its movements will add to,
   * once the movements have passed the early check of what is on hand.
   */
  async function prepareMovements(movements: Movement[]) {
    await assertOnHand(movements);
    await repo.insertLevelsIfMissing(
      db,
      movements.flatMap((m) => (m.toLocationId === null ? [] : [{ locationId: m.toLocationId, partId: m.part.id }])),
    );
  }

  /**
   * Moves stock inside the caller's transaction: each location/part row changes once, in
   * one global order (so two transactions never wait on each other in a circle); a row
   * that would go below zero refuses and the whole transaction rolls back with 409
   * `insufficient_stock`. Writes one ledger row per movement and one `stock.changed`
   * event; returns the quantities on hand afterwards.
   */
  async function applyMovements(trx: Kysely<DB>, movements: Movement[], context: MovementContext) {
    const ordered = netChanges(movements);
    /*
     * A bag's row before its levels, as an issue takes it (for the carrying limits): a use
     * or a return that changed a level first, then read-locked the bag's row for the
     * ledger's foreign key, would deadlock with an issue into the same bag.
     */
    const locationIds = [...new Set(ordered.map((entry) => entry.locationId))];
    for (const bagId of await repo.findBagIds(trx, locationIds)) await repo.lockLocation(trx, bagId);
    for (const { locationId, partId, partNo, quantity } of ordered) {
      if (quantity < 0 && !(await repo.decrementLevel(trx, locationId, partId, -quantity))) {
        const [level] = await repo.findLevelQuantities(trx, [{ locationId, partId }]);
        throw insufficient(partNo, -quantity, level?.quantity ?? 0);
      }
      if (quantity > 0 && !(await repo.incrementLevel(trx, locationId, partId, quantity))) {
        throw new Error(`No stock level row for ${partNo} at ${locationId}: prepareMovements was not called`);
      }
    }
    const links = {
      workOrderId: context.workOrderId ?? null,
      partRequestId: context.partRequestId ?? null,
      partReturnId: context.partReturnId ?? null,
    };
    await repo.insertLedgerEntries(
      trx,
      movements.map((m) => ({
        id: newId(),
        partId: m.part.id,
        fromLocationId: m.fromLocationId,
        toLocationId: m.toLocationId,
        quantity: m.quantity,
        unitPrice: m.unitPrice,
        reason: context.reason,
        ...links,
        reference: context.reference ?? null,
        actorId: context.actorId,
        at: context.at,
      })),
    );
    const levels = (await repo.findLevelQuantities(trx, ordered)).map((level) => ({
      ...level,
      quantity: Number(level.quantity),
    }));
    const payload: StockChangedEvent = { reason: context.reason, ...links, levels, at: context.at };
    await recordEvent(trx, 'stock.changed', context.audience, payload, context.at);
    return new Map(levels.map((level) => [levelKey(level.locationId, level.partId), level.quantity]));
  }

  return { transaction, prepareMovements, applyMovements };
}
