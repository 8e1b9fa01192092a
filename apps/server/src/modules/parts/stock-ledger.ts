import type { ListStockLedgerQuery, StockLedgerEntry, StockReceiptBody } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { fieldError } from '../../errors';
import { stockScopeOf } from '../../platform/access-policy/stock-policy';
import type { Actor } from '../../platform/actor';
import { type Clock, toIso } from '../../platform/clock';
import { decodeCursor, toPage } from '../../platform/cursor';
import { findLineParts } from './line-parts';
import * as repo from './stock.repository';
import type { StockLocations } from './stock-locations';
import { type createStockMovements, levelKey, type Movement } from './stock-movements';

export interface StockLedgerDeps {
  db: Kysely<DB>;
  clock: Clock;
  locations: Pick<StockLocations, 'findVisibleLocation'>;
  movements: ReturnType<typeof createStockMovements>;
  /** Wakes the event stream after a commit that wrote events. */
  onCommitted: () => void;
}

function toEntry(row: repo.LedgerRow): StockLedgerEntry {
  return {
    id: row.id,
    part: { id: row.partId, partNo: row.partNo, name: row.partName },
    fromLocationId: row.fromLocationId,
    toLocationId: row.toLocationId,
    quantity: row.quantity,
    unitPrice: row.unitPrice,
    reason: row.reason,
    workOrderId: row.workOrderId,
    partRequestId: row.partRequestId,
    partReturnId: row.partReturnId,
    reference: row.reference,
    actor: { id: row.actorId, name: row.actorName },
    at: row.at,
  };
}

/** Goods received from suppliers, and the ledger of every movement. */
export function createStockLedger({ db, clock, locations, movements, onCommitted }: StockLedgerDeps) {
  return {
    /** Goods from a supplier into a warehouse of the caller's branch. */
    async receive(actor: Actor, body: StockReceiptBody) {
      const location = await locations.findVisibleLocation(actor, body.locationId);
      if (location.kind !== 'warehouse') throw fieldError('body.locationId', 'is not a warehouse');
      const lines = await findLineParts(db, body.lines, 'body.lines');
      const receipt = lines.map(
        ({ part, quantity }): Movement => ({
          part,
          fromLocationId: null,
          toLocationId: location.id,
          quantity,
          unitPrice: part.price,
        }),
      );
      await movements.prepareMovements(receipt);
      const at = toIso(clock.now());
      const levels = await movements.transaction((trx) =>
        movements.applyMovements(trx, receipt, {
          reason: 'receipt',
          actorId: actor.id,
          at,
          reference: body.reference,
          audience: { branchId: location.branchId, technicianId: null },
        }),
      );
      onCommitted();
      return {
        locationId: location.id,
        reference: body.reference,
        lines: lines.map(({ part, quantity }) => ({
          part: { id: part.id, partNo: part.partNo, name: part.name, price: part.price },
          quantity,
          onHand: levels.get(levelKey(location.id, part.id)) ?? 0,
        })),
        at,
      };
    },

    /** Movements the caller may see, newest first. */
    async listLedger(actor: Actor, query: ListStockLedgerQuery) {
      const scope = stockScopeOf(actor);
      if (query.locationId !== undefined) await locations.findVisibleLocation(actor, query.locationId);
      const visibleLocationIds =
        scope.kind === 'all' || query.locationId !== undefined
          ? undefined
          : (await repo.findLocations(db, scope)).map((location) => location.id);
      const before = decodeCursor(query.cursor)?.[0];
      const rows = await repo.findLedger(
        db,
        {
          locationId: query.locationId,
          visibleLocationIds,
          partId: query.partId,
          workOrderId: query.workOrderId,
          beforeId: before === undefined ? undefined : String(before),
        },
        query.limit + 1,
      );
      const page = toPage(rows, query.limit, (row) => [row.id]);
      return { items: page.items.map(toEntry), nextCursor: page.nextCursor };
    },
  };
}
