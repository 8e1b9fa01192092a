import type { ListStockQuery, StockItem } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { Actor } from '../../platform/actor';
import { decodeCursor, toPage } from '../../platform/cursor';
import * as repo from './stock.repository';
import type { StockLocations } from './stock-locations';
import { toLocation } from './stock-locations';

export interface StockLevelsDeps {
  db: Kysely<DB>;
  locations: Pick<StockLocations, 'findVisibleLocation' | 'findOrCreateBag'>;
}

/** What is where now: a location's stock, a technician's bag. */
export function createStockLevels({ db, locations }: StockLevelsDeps) {
  return {
    async listStock(actor: Actor, query: ListStockQuery) {
      const location = await locations.findVisibleLocation(actor, query.locationId);
      const after = decodeCursor(query.cursor)?.[0];
      const rows = await repo.findStock(
        db,
        location.id,
        {
          q: query.q === undefined ? undefined : { partNo: query.q.toUpperCase(), name: query.q },
          lowStock: query.lowStock,
          afterPartNo: after === undefined ? undefined : String(after),
        },
        query.limit + 1,
      );
      const page = toPage(rows, query.limit, (row) => [row.partNo]);
      return {
        items: page.items.map((row): StockItem => {
          const quantity = Number(row.quantity);
          return {
            locationId: location.id,
            part: { id: row.id, partNo: row.partNo, name: row.name, price: row.price, reorderLevel: row.reorderLevel },
            quantity,
            isLow: row.reorderLevel > 0 && quantity <= row.reorderLevel,
          };
        }),
        nextCursor: page.nextCursor,
      };
    },

    /** The technician's own bag and what is in it. */
    async getBag(actor: Actor) {
      const bag = await locations.findOrCreateBag(actor.id);
      const items = (await repo.findBagItems(db, bag.id)).map((row) => ({
        part: {
          id: row.id,
          partNo: row.partNo,
          name: row.name,
          price: row.price,
          returnable: row.returnable === 1,
          mustReturnDefective: row.mustReturnDefective === 1,
        },
        quantity: row.quantity,
        value: row.quantity * row.price,
      }));
      return {
        location: toLocation(bag),
        items,
        totalItems: items.reduce((sum, item) => sum + item.quantity, 0),
        totalValue: items.reduce((sum, item) => sum + item.value, 0),
      };
    },

    /** Units of each part in a technician's bag now. */
    async findBagQuantities(technicianId: string): Promise<Map<string, number>> {
      const bag = await repo.findBag(db, technicianId);
      if (!bag) return new Map();
      return new Map((await repo.findBagItems(db, bag.id)).map((row) => [row.id, row.quantity]));
    },
  };
}
