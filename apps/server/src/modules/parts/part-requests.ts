import {
  allowedPartRequestActions,
  type CreatePartRequestBody,
  type ListPartRequestsQuery,
  openWorkOrderStatuses,
  type PartRequest,
  type WorkOrderStatus,
} from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError, fieldError, notFound } from '../../errors';
import { documentScopeOf, isDocumentOwner } from '../../platform/access-policy/part-document-policy';
import type { Actor } from '../../platform/actor';
import { type Clock, toIso } from '../../platform/clock';
import { decodeCursor, toPage } from '../../platform/cursor';
import { recordEvent } from '../../platform/events/outbox';
import { newId } from '../../platform/ids';
import type { WorkOrdersService } from '../work-orders/work-orders.service';
import { type RequestLineRow, toRequestEvent } from './part-documents';
import * as repo from './part-requests.repository';
import type { StockService } from './stock.service';

export interface PartRequestsDeps {
  db: Kysely<DB>;
  clock: Clock;
  stock: Pick<StockService, 'findBag' | 'findLineParts' | 'checkLimits'>;
  workOrders: Pick<WorkOrdersService, 'getWorkOrder'>;
  onCommitted: () => void;
}

/** The `part_request.*` event of a request as it is now in `trx`. */
export async function recordRequestEvent(
  trx: Kysely<DB>,
  type: 'part_request.created' | 'part_request.updated',
  id: string,
  at: string,
) {
  const row = await repo.findRequest(trx, { kind: 'all' }, id);
  if (!row) throw notFound('Part request');
  const payload = toRequestEvent(row, await repo.findRequestLines(trx, [id]));
  await recordEvent(trx, type, { branchId: row.branchId, technicianId: row.technicianId }, payload, at);
}

/** A technician's requests for parts from their branch's warehouse: asked for and read. */
export function createPartRequests({ db, clock, stock, workOrders, onCommitted }: PartRequestsDeps) {
  const toRequest = (actor: Actor, row: repo.RequestRow, lines: RequestLineRow[]): PartRequest => ({
    ...toRequestEvent(row, lines),
    allowedActions: allowedPartRequestActions(row.status, { role: actor.role, isOwner: isDocumentOwner(actor, row) }),
  });

  async function findVisibleRequest(actor: Actor, id: string) {
    const row = await repo.findRequest(db, documentScopeOf(actor), id);
    if (!row) throw notFound('Part request');
    return row;
  }

  async function getRequest(actor: Actor, id: string): Promise<PartRequest> {
    const row = await findVisibleRequest(actor, id);
    return toRequest(actor, row, await repo.findRequestLines(db, [id]));
  }

  /** The work order a request is for must be one of the technician's own, still open. */
  async function assertOwnOpenWorkOrder(actor: Actor, id: string) {
    const order = await workOrders.getWorkOrder(actor, id).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found') return null;
      throw error;
    });
    if (order === null || order.technicianId !== actor.id) {
      throw fieldError('body.workOrderId', 'is not one of your work orders');
    }
    if (!(openWorkOrderStatuses as readonly WorkOrderStatus[]).includes(order.status)) {
      throw fieldError('body.workOrderId', `is ${order.status}; parts are requested for open work orders`);
    }
  }

  return {
    findVisibleRequest,
    getRequest,

    async listRequests(actor: Actor, query: ListPartRequestsQuery) {
      const before = decodeCursor(query.cursor)?.[0];
      const rows = await repo.findRequests(
        db,
        documentScopeOf(actor),
        {
          statuses: query.status,
          technicianId: query.technicianId,
          workOrderId: query.workOrderId,
          beforeId: before === undefined ? undefined : String(before),
        },
        query.limit + 1,
      );
      const page = toPage(rows, query.limit, (row) => [row.id]);
      const lines = await repo.findRequestLines(
        db,
        page.items.map((row) => row.id),
      );
      return { items: page.items.map((row) => toRequest(actor, row, lines)), nextCursor: page.nextCursor };
    },

    async createRequest(actor: Actor, body: CreatePartRequestBody): Promise<PartRequest> {
      const branchId = actor.branchId;
      if (branchId === null) throw new AppError('forbidden', 'Only a technician of a branch may request parts');
      const lines = await stock.findLineParts(db, body.lines, 'body.lines');
      if (body.workOrderId !== undefined) await assertOwnOpenWorkOrder(actor, body.workOrderId);
      // Not binding (the issue checks again under the bag's lock), but a request that could
      // never be issued is better refused while the technician is still asking. A technician
      // who never had a bag has an empty one; asking does not create it.
      const bag = await stock.findBag(actor.id);
      await stock.checkLimits(
        db,
        { id: actor.id, branchId },
        bag?.id ?? null,
        lines.map(({ quantity, part }) => ({ quantity, price: part.price })),
      );
      const id = newId();
      const at = toIso(clock.now());
      await db.transaction().execute(async (trx) => {
        await repo.insertRequest(
          trx,
          {
            id,
            branchId,
            technicianId: actor.id,
            workOrderId: body.workOrderId ?? null,
            status: 'requested',
            note: body.note ?? null,
            rejectReason: null,
            decidedBy: null,
            decidedAt: null,
            issuedBy: null,
            issuedAt: null,
            version: 1,
            createdAt: at,
            updatedAt: at,
          },
          body.lines.map((line) => ({ requestId: id, partId: line.partId, quantity: line.quantity })),
        );
        await recordRequestEvent(trx, 'part_request.created', id, at);
      });
      onCommitted();
      return getRequest(actor, id);
    },
  };
}

export type PartRequests = ReturnType<typeof createPartRequests>;
