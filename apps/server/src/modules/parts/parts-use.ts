import type { PartLine, WorkOrderPart } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError } from '../../errors';
import { newId } from '../../platform/ids';
import * as workOrderParts from '../work-orders/work-order-parts.repository';
import { findLineParts } from './line-parts';
import * as repo from './stock.repository';
import type { createStockMovements, Movement } from './stock-movements';

export interface PartsUseDeps {
  db: Kysely<DB>;
  movements: Pick<ReturnType<typeof createStockMovements>, 'applyMovements'>;
}

/**
 * The parts a repair uses: out of the technician's bag into the work order, and back again,
 * each inside the work order's own transaction. The rows of the work order's parts are the
 * work-order module's (work-order-parts.repository.ts).
 */
export function createPartsUse({ db, movements }: PartsUseDeps) {
  return {
    /**
     * Takes the parts a repair used out of the technician's bag, inside the transaction
     * that completes the work order: both happen, or neither.
     */
    async useOnWorkOrder(
      trx: Kysely<DB>,
      use: { workOrderId: string; technicianId: string; lines: PartLine[]; at: string },
    ) {
      const lines = await findLineParts(trx, use.lines, 'body.partsUsed');
      const bag = await repo.findBag(trx, use.technicianId);
      if (!bag) throw new AppError('insufficient_stock', 'The technician has no parts in their bag');
      const used = lines.map(
        ({ part, quantity }): Movement => ({
          part,
          fromLocationId: bag.id,
          toLocationId: null,
          quantity,
          unitPrice: part.price,
        }),
      );
      await movements.applyMovements(trx, used, {
        reason: 'use',
        actorId: use.technicianId,
        at: use.at,
        workOrderId: use.workOrderId,
        audience: { branchId: bag.branchId, technicianId: use.technicianId },
      });
      await workOrderParts.insertWorkOrderParts(
        trx,
        used.map((m) => ({
          id: newId(),
          workOrderId: use.workOrderId,
          partId: m.part.id,
          locationId: bag.id,
          technicianId: use.technicianId,
          quantity: m.quantity,
          unitPrice: m.unitPrice,
          usedAt: use.at,
          reversedAt: null,
        })),
      );
    },

    /**
     * Puts the parts a repair used back in the bag they came from, with reversing ledger
     * entries, inside the transaction that cancels or reopens the work order.
     */
    async reverseWorkOrderUse(trx: Kysely<DB>, reversal: { workOrderId: string; actorId: string; at: string }) {
      const used = await workOrderParts.findActiveWorkOrderParts(trx, reversal.workOrderId);
      if (used.length === 0) return;
      await workOrderParts.markWorkOrderPartsReversed(
        trx,
        used.map((row) => row.id),
        reversal.at,
      );
      const bags = new Map<string, typeof used>();
      for (const row of used) bags.set(row.locationId, [...(bags.get(row.locationId) ?? []), row]);
      for (const [locationId, rows] of bags) {
        const bag = await repo.findLocation(trx, { kind: 'all' }, locationId);
        await movements.applyMovements(
          trx,
          rows.map((row) => ({
            part: { id: row.partId, partNo: row.partNo },
            fromLocationId: null,
            toLocationId: locationId,
            quantity: row.quantity,
            unitPrice: row.unitPrice,
          })),
          {
            reason: 'use_reversal',
            actorId: reversal.actorId,
            at: reversal.at,
            workOrderId: reversal.workOrderId,
            audience: { branchId: bag?.branchId ?? null, technicianId: bag?.technicianId ?? null },
          },
        );
      }
    },

    /**
     * The parts a repair uses now, for the work-order detail. Reads through `conn` when
     * given: inside a transaction, SQLite's one connection belongs to it.
     */
    async findPartsUsed(workOrderId: string, conn: Kysely<DB> = db): Promise<WorkOrderPart[]> {
      return (await workOrderParts.findActiveWorkOrderParts(conn, workOrderId)).map((row) => ({
        partId: row.partId,
        partNo: row.partNo,
        name: row.name,
        quantity: row.quantity,
        unitPrice: row.unitPrice,
      }));
    },
  };
}
