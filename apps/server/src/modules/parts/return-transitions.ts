import {
  isPartReturnActionAllowed,
  type PartReturn,
  type PartReturnAction,
  type PartReturnTransitionBody,
  partReturnTransitions,
} from '@purnajual/contract';
import type { Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { PartReturnTable } from '../../db/schema/part-request';
import { isDocumentOwner } from '../../platform/access-policy/part-document-policy';
import type { Actor } from '../../platform/actor';
import { type Clock, toIso } from '../../platform/clock';
import { checkTransition, guardedMove, type ReturnLineRow } from './part-documents';
import * as repo from './part-requests.repository';
import { type PartReturns, recordReturnEvent } from './part-returns';
import type { StockService } from './stock.service';
import type { Movement } from './stock-movements';

type ReturnStock = Pick<
  StockService,
  'transaction' | 'prepareMovements' | 'applyMovements' | 'findOrCreateBag' | 'findOrCreateBranchLocation'
>;

/** One action on one part return, as it is about to be taken. */
export interface ReturnStep {
  actor: Actor;
  row: repo.ReturnRow;
  at: string;
  /** Moves the return on in `trx`, only from the status and version it was read at. */
  moveOn: (trx: Kysely<DB>) => Promise<void>;
}

export interface ReturnActionHandler {
  /** The fields the action sets besides the status. */
  fields(step: Omit<ReturnStep, 'moveOn'>): Updateable<PartReturnTable>;
  /** Its transaction, when it writes more than the return and its event: the receipt moves the parts. */
  commit?(step: ReturnStep): Promise<void>;
}

export interface ReturnTransitionsDeps {
  db: Kysely<DB>;
  clock: Clock;
  stock: ReturnStock;
  returns: Pick<PartReturns, 'findVisibleReturn' | 'getReturn'>;
  onCommitted: () => void;
}

/**
 * The ledger movements of a received return: unused parts to the warehouse, faulty ones to
 * the defective bin; from the bag, or (a repair's replaced part) from outside, one set per
 * work order.
 */
export function returnMovements(
  lines: readonly ReturnLineRow[],
  locations: { warehouseId: string; defectiveId: string; bagId: string },
) {
  const toMovement = (line: ReturnLineRow, fromLocationId: string | null): Movement => ({
    part: { id: line.partId, partNo: line.partNo },
    fromLocationId,
    toLocationId: line.condition === 'unused' ? locations.warehouseId : locations.defectiveId,
    quantity: line.quantity,
    unitPrice: line.price,
  });
  const fromBag = lines.filter((line) => line.workOrderId === null).map((line) => toMovement(line, locations.bagId));
  const cores = new Map<string, Movement[]>();
  for (const line of lines) {
    if (line.workOrderId === null) continue;
    cores.set(line.workOrderId, [...(cores.get(line.workOrderId) ?? []), toMovement(line, null)]);
  }
  return { fromBag, cores };
}

/** The table of one handler per action: a cancel only moves the return on, a receipt moves the parts too. */
export function createReturnHandlers({ db, stock }: { db: Kysely<DB>; stock: ReturnStock }) {
  const handlers: { [A in PartReturnAction]: ReturnActionHandler } = {
    cancel: { fields: () => ({}) },
    receive: {
      fields: ({ actor, at }) => ({ receivedBy: actor.id, receivedAt: at }),
      async commit({ actor, row, at, moveOn }) {
        const lines = await repo.findReturnLines(db, [row.id]);
        const [warehouse, defectiveBin, bag] = await Promise.all([
          stock.findOrCreateBranchLocation(row.branchId, 'warehouse'),
          stock.findOrCreateBranchLocation(row.branchId, 'defective'),
          stock.findOrCreateBag(row.technicianId),
        ]);
        const { fromBag, cores } = returnMovements(lines, {
          warehouseId: warehouse.id,
          defectiveId: defectiveBin.id,
          bagId: bag.id,
        });
        await stock.prepareMovements([...fromBag, ...[...cores.values()].flat()]);
        const context = {
          actorId: actor.id,
          at,
          partReturnId: row.id,
          audience: { branchId: row.branchId, technicianId: row.technicianId },
        };
        await stock.transaction(async (trx) => {
          await moveOn(trx);
          if (fromBag.length > 0) await stock.applyMovements(trx, fromBag, { ...context, reason: 'return' });
          for (const [workOrderId, movements] of cores) {
            await stock.applyMovements(trx, movements, { ...context, reason: 'core_return', workOrderId });
          }
          await recordReturnEvent(trx, 'part_return.updated', row.id, at);
        });
      },
    },
  };
  return handlers;
}

/** A part return moved from one status to the next: who, from which status, which version. */
export function createReturnTransitions({ db, clock, stock, returns, onCommitted }: ReturnTransitionsDeps) {
  const handlers = createReturnHandlers({ db, stock });

  return {
    async transitionReturn(
      actor: Actor,
      id: string,
      body: PartReturnTransitionBody,
      ifMatch: number | undefined,
    ): Promise<PartReturn> {
      const row = await returns.findVisibleReturn(actor, id);
      const action = body.action;
      checkTransition(
        'part return',
        {
          action,
          rule: partReturnTransitions[action],
          allowed: isPartReturnActionAllowed(action, { role: actor.role, isOwner: isDocumentOwner(actor, row) }),
          expected: ifMatch ?? body.version,
        },
        row,
      );
      const handler = handlers[action];
      const step = { actor, row, at: toIso(clock.now()) };
      const patch: Updateable<PartReturnTable> = {
        status: partReturnTransitions[action].to,
        updatedAt: step.at,
        ...handler.fields(step),
      };
      const moveOn = guardedMove('part return', action, row, {
        update: (trx) => repo.updateReturnIf(trx, id, row, patch),
        reread: (trx) => repo.findReturn(trx, { kind: 'all' }, id),
      });
      if (handler.commit) {
        await handler.commit({ ...step, moveOn });
      } else {
        await db.transaction().execute(async (trx) => {
          await moveOn(trx);
          await recordReturnEvent(trx, 'part_return.updated', id, step.at);
        });
      }
      onCommitted();
      return returns.getReturn(actor, id);
    },
  };
}
