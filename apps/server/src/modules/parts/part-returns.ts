import {
  allowedPartReturnActions,
  type CreatePartReturnBody,
  type ListPartReturnsQuery,
  type PartReturn,
} from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { documentScopeOf, isDocumentOwner } from '../../platform/access-policy/part-document-policy';
import type { Actor } from '../../platform/actor';
import { type Clock, toIso } from '../../platform/clock';
import { decodeCursor, toPage } from '../../platform/cursor';
import { recordEvent } from '../../platform/events/outbox';
import { newId } from '../../platform/ids';
import { type ReturnLineRow, toReturnEvent } from './part-documents';
import * as repo from './part-requests.repository';
import { checkReturnLines } from './return-lines';
import type { StockService } from './stock.service';

export interface PartReturnsDeps {
  db: Kysely<DB>;
  clock: Clock;
  stock: Pick<StockService, 'findLineParts' | 'findBagQuantities'>;
  onCommitted: () => void;
}

/** The `part_return.*` event of a return as it is now in `trx`. */
export async function recordReturnEvent(
  trx: Kysely<DB>,
  type: 'part_return.created' | 'part_return.updated',
  id: string,
  at: string,
) {
  const row = await repo.findReturn(trx, { kind: 'all' }, id);
  if (!row) throw notFound('Part return');
  const payload = toReturnEvent(row, await repo.findReturnLines(trx, [id]));
  await recordEvent(trx, type, { branchId: row.branchId, technicianId: row.technicianId }, payload, at);
}

/** A technician's returns of parts to their branch's warehouse: handed in and read. */
export function createPartReturns({ db, clock, stock, onCommitted }: PartReturnsDeps) {
  const toReturn = (actor: Actor, row: repo.ReturnRow, lines: ReturnLineRow[]): PartReturn => ({
    ...toReturnEvent(row, lines),
    allowedActions: allowedPartReturnActions(row.status, { role: actor.role, isOwner: isDocumentOwner(actor, row) }),
  });

  async function findVisibleReturn(actor: Actor, id: string) {
    const row = await repo.findReturn(db, documentScopeOf(actor), id);
    if (!row) throw notFound('Part return');
    return row;
  }

  async function getReturn(actor: Actor, id: string): Promise<PartReturn> {
    const row = await findVisibleReturn(actor, id);
    return toReturn(actor, row, await repo.findReturnLines(db, [id]));
  }

  return {
    findVisibleReturn,
    getReturn,

    async listReturns(actor: Actor, query: ListPartReturnsQuery) {
      const before = decodeCursor(query.cursor)?.[0];
      const rows = await repo.findReturns(
        db,
        documentScopeOf(actor),
        {
          statuses: query.status,
          technicianId: query.technicianId,
          beforeId: before === undefined ? undefined : String(before),
        },
        query.limit + 1,
      );
      const page = toPage(rows, query.limit, (row) => [row.id]);
      const lines = await repo.findReturnLines(
        db,
        page.items.map((row) => row.id),
      );
      return { items: page.items.map((row) => toReturn(actor, row, lines)), nextCursor: page.nextCursor };
    },

    /**
     * A technician hands parts back: unused or faulty ones from the bag, or the defective
     * part a repair replaced. Nothing moves until the warehouse receives them.
     */
    async createReturn(actor: Actor, body: CreatePartReturnBody): Promise<PartReturn> {
      const branchId = actor.branchId;
      if (branchId === null) throw new AppError('forbidden', 'Only a technician of a branch may return parts');
      const lines = await stock.findLineParts(db, body.lines, 'body.lines');
      const hasCores = lines.some((line) => line.workOrderId !== undefined);
      const [inBag, pending, due] = await Promise.all([
        stock.findBagQuantities(actor.id),
        repo.findPendingBagReturns(db, actor.id),
        hasCores ? repo.findDefectiveAccount(db, actor.id, false) : Promise.resolve([]),
      ]);
      checkReturnLines(lines, { inBag, pending, due });
      const id = newId();
      const at = toIso(clock.now());
      await db.transaction().execute(async (trx) => {
        await repo.insertReturn(
          trx,
          {
            id,
            branchId,
            technicianId: actor.id,
            status: 'submitted',
            note: body.note ?? null,
            receivedBy: null,
            receivedAt: null,
            version: 1,
            createdAt: at,
            updatedAt: at,
          },
          body.lines.map((line) => ({
            id: newId(),
            returnId: id,
            partId: line.partId,
            condition: line.condition,
            workOrderId: line.workOrderId ?? null,
            quantity: line.quantity,
          })),
        );
        await recordReturnEvent(trx, 'part_return.created', id, at);
      });
      onCommitted();
      return getReturn(actor, id);
    },

    /** Defective parts the technician's repairs replaced that must come back and have not yet. */
    async findDefectiveDue(actor: Actor) {
      return (await repo.findDefectiveAccount(db, actor.id, true)).map((row) => ({
        workOrder: { id: row.workOrderId, number: row.workOrderNumber },
        part: { id: row.partId, partNo: row.partNo, name: row.name, price: row.price },
        quantity: row.due,
      }));
    },
  };
}

export type PartReturns = ReturnType<typeof createPartReturns>;
