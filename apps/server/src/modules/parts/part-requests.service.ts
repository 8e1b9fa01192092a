import {
  allowedPartRequestActions,
  allowedPartReturnActions,
  type CreatePartRequestBody,
  type CreatePartReturnBody,
  isPartRequestActionAllowed,
  isPartReturnActionAllowed,
  type ListPartRequestsQuery,
  type ListPartReturnsQuery,
  openWorkOrderStatuses,
  type PartRequest,
  type PartRequestAction,
  type PartRequestEvent,
  type PartRequestTransitionBody,
  type PartReturn,
  type PartReturnEvent,
  type PartReturnTransitionBody,
  partRequestTransitions,
  partReturnTransitions,
  type WorkOrderStatus,
} from '@purnajual/contract';
import type { Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { PartRequestTable, PartReturnTable } from '../../db/schema/part-request';
import { AppError, fieldError, notFound } from '../../errors';
import { type Clock, toIso } from '../../platform/clock';
import { decodeCursor, toPage } from '../../platform/cursor';
import { recordEvent } from '../../platform/events/outbox';
import { newId } from '../../platform/ids';
import type { Actor } from '../auth/auth.service';
import type { WorkOrdersService } from '../work-orders/work-orders.service';
import * as repo from './part-requests.repository';
import type { StockService } from './stock.service';
import type { Movement } from './stock-movements';

export interface PartRequestsServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  stock: Pick<
    StockService,
    | 'transaction'
    | 'prepareMovements'
    | 'applyMovements'
    | 'findBag'
    | 'findOrCreateBag'
    | 'findOrCreateBranchLocation'
    | 'findLineParts'
    | 'checkLimits'
    | 'assertWithinLimits'
    | 'findBagQuantities'
  >;
  workOrders: Pick<WorkOrdersService, 'getWorkOrder'>;
  /** Wakes the event stream after a commit that wrote events. */
  onCommitted: () => void;
}

type RequestLineRow = Awaited<ReturnType<typeof repo.findRequestLines>>[number];
type ReturnLineRow = Awaited<ReturnType<typeof repo.findReturnLines>>[number];

const person = (id: string | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);

function toRequestEvent(row: repo.RequestRow, lines: RequestLineRow[]): PartRequestEvent {
  const own = lines.filter((line) => line.requestId === row.id);
  return {
    id: row.id,
    status: row.status,
    branchId: row.branchId,
    technician: { id: row.technicianId, name: row.technicianName },
    workOrder:
      row.workOrderId !== null && row.workOrderNumber !== null
        ? { id: row.workOrderId, number: row.workOrderNumber }
        : null,
    note: row.note,
    lines: own.map((line) => ({
      part: { id: line.partId, partNo: line.partNo, name: line.name, price: line.price },
      quantity: line.quantity,
    })),
    totalItems: own.reduce((sum, line) => sum + line.quantity, 0),
    totalValue: own.reduce((sum, line) => sum + line.quantity * line.price, 0),
    rejectReason: row.rejectReason,
    decidedBy: person(row.decidedBy, row.decidedByName),
    decidedAt: row.decidedAt,
    issuedBy: person(row.issuedBy, row.issuedByName),
    issuedAt: row.issuedAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toReturnEvent(row: repo.ReturnRow, lines: ReturnLineRow[]): PartReturnEvent {
  const own = lines.filter((line) => line.returnId === row.id);
  return {
    id: row.id,
    status: row.status,
    branchId: row.branchId,
    technician: { id: row.technicianId, name: row.technicianName },
    note: row.note,
    lines: own.map((line) => ({
      part: { id: line.partId, partNo: line.partNo, name: line.name, price: line.price },
      quantity: line.quantity,
      condition: line.condition,
      workOrder:
        line.workOrderId !== null && line.workOrderNumber !== null
          ? { id: line.workOrderId, number: line.workOrderNumber }
          : null,
    })),
    totalItems: own.reduce((sum, line) => sum + line.quantity, 0),
    receivedBy: person(row.receivedBy, row.receivedByName),
    receivedAt: row.receivedAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function scopeOf(actor: Actor): repo.DocumentScope {
  switch (actor.role) {
    case 'admin':
      return { kind: 'all' };
    case 'supervisor':
    case 'warehouse':
      return { kind: 'branch', branchId: actor.branchId };
    case 'technician':
      return { kind: 'technician', technicianId: actor.id };
    case 'agent':
      return { kind: 'branch', branchId: null };
  }
}

const versionConflict = (what: string, current: number) =>
  new AppError('version_conflict', `The ${what} was changed by someone else; it is now at version ${current}`);

/** A technician's requests for parts from their branch's warehouse, and their returns to it. */
export function createPartRequestsService({ db, clock, stock, workOrders, onCommitted }: PartRequestsServiceDeps) {
  const isOwner = (actor: Actor, row: { technicianId: string }) => row.technicianId === actor.id;

  const toRequest = (actor: Actor, row: repo.RequestRow, lines: RequestLineRow[]): PartRequest => ({
    ...toRequestEvent(row, lines),
    allowedActions: allowedPartRequestActions(row.status, { role: actor.role, isOwner: isOwner(actor, row) }),
  });

  const toReturn = (actor: Actor, row: repo.ReturnRow, lines: ReturnLineRow[]): PartReturn => ({
    ...toReturnEvent(row, lines),
    allowedActions: allowedPartReturnActions(row.status, { role: actor.role, isOwner: isOwner(actor, row) }),
  });

  async function findVisibleRequest(actor: Actor, id: string) {
    const row = await repo.findRequest(db, scopeOf(actor), id);
    if (!row) throw notFound('Part request');
    return row;
  }

  async function findVisibleReturn(actor: Actor, id: string) {
    const row = await repo.findReturn(db, scopeOf(actor), id);
    if (!row) throw notFound('Part return');
    return row;
  }

  async function getRequest(actor: Actor, id: string): Promise<PartRequest> {
    const row = await findVisibleRequest(actor, id);
    return toRequest(actor, row, await repo.findRequestLines(db, [id]));
  }

  async function getReturn(actor: Actor, id: string): Promise<PartReturn> {
    const row = await findVisibleReturn(actor, id);
    return toReturn(actor, row, await repo.findReturnLines(db, [id]));
  }

  async function recordRequestEvent(
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

  async function recordReturnEvent(
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
    getRequest,
    getReturn,

    async listRequests(actor: Actor, query: ListPartRequestsQuery) {
      const before = decodeCursor(query.cursor)?.[0];
      const rows = await repo.findRequests(
        db,
        scopeOf(actor),
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

    async transitionRequest(
      actor: Actor,
      id: string,
      body: PartRequestTransitionBody,
      ifMatch: number | undefined,
    ): Promise<PartRequest> {
      const row = await findVisibleRequest(actor, id);
      const expected = ifMatch ?? body.version;
      if (expected !== undefined && expected !== row.version) throw versionConflict('part request', row.version);
      const action: PartRequestAction = body.action;
      const rule = partRequestTransitions[action];
      if (!isPartRequestActionAllowed(action, { role: actor.role, isOwner: isOwner(actor, row) })) {
        throw new AppError('forbidden', `You may not ${action} this part request`);
      }
      if (!rule.from.includes(row.status)) {
        throw new AppError('invalid_transition', `Cannot ${action} a part request that is ${row.status}`);
      }
      const at = toIso(clock.now());
      const patch: Updateable<PartRequestTable> = { status: rule.to, updatedAt: at };
      if (body.action === 'approve' || body.action === 'reject')
        Object.assign(patch, { decidedBy: actor.id, decidedAt: at });
      if (body.action === 'reject') patch.rejectReason = body.reason;
      if (body.action === 'issue') Object.assign(patch, { issuedBy: actor.id, issuedAt: at });

      const moveOn = async (trx: Kysely<DB>) => {
        if (await repo.updateRequestIf(trx, id, row, patch)) return;
        const current = await repo.findRequest(trx, { kind: 'all' }, id);
        if (current && current.status !== row.status) {
          throw new AppError('invalid_transition', `Cannot ${action} a part request that is ${current.status}`);
        }
        throw versionConflict('part request', current?.version ?? row.version + 1);
      };

      if (body.action !== 'issue') {
        await db.transaction().execute(async (trx) => {
          await moveOn(trx);
          await recordRequestEvent(trx, 'part_request.updated', id, at);
        });
      } else {
        const lines = await repo.findRequestLines(db, [id]);
        const [warehouse, bag] = await Promise.all([
          stock.findOrCreateBranchLocation(row.branchId, 'warehouse'),
          stock.findOrCreateBag(row.technicianId),
        ]);
        const movements = lines.map(
          (line): Movement => ({
            part: { id: line.partId, partNo: line.partNo },
            fromLocationId: warehouse.id,
            toLocationId: bag.id,
            quantity: line.quantity,
            unitPrice: line.price,
          }),
        );
        const additions = lines.map((line) => ({ quantity: line.quantity, price: line.price }));
        // Refused here, before any row is prepared, when it is already clear; binding under the lock below.
        await stock.checkLimits(db, { id: row.technicianId, branchId: bag.branchId }, bag.id, additions);
        await stock.prepareMovements(movements);
        await stock.transaction(async (trx) => {
          // The request first: of two clerks issuing it at once, the second stops here.
          await moveOn(trx);
          await stock.assertWithinLimits(trx, { id: row.technicianId, branchId: bag.branchId }, bag.id, additions);
          await stock.applyMovements(trx, movements, {
            reason: 'issue',
            actorId: actor.id,
            at,
            workOrderId: row.workOrderId,
            partRequestId: id,
            audience: { branchId: row.branchId, technicianId: row.technicianId },
          });
          await recordRequestEvent(trx, 'part_request.updated', id, at);
        });
      }
      onCommitted();
      return getRequest(actor, id);
    },

    async listReturns(actor: Actor, query: ListPartReturnsQuery) {
      const before = decodeCursor(query.cursor)?.[0];
      const rows = await repo.findReturns(
        db,
        scopeOf(actor),
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
      const errors: { path: string; message: string }[] = [];
      const fromBag = new Map<string, { partNo: string; quantity: number }>();
      lines.forEach((line, index) => {
        if (line.workOrderId === undefined) {
          if (line.condition === 'unused' && line.part.returnable !== 1) {
            errors.push({ path: `body.lines.${index}.partId`, message: 'is not returnable once issued' });
          }
          const drawn = fromBag.get(line.partId)?.quantity ?? 0;
          fromBag.set(line.partId, { partNo: line.part.partNo, quantity: drawn + line.quantity });
          return;
        }
        const owed = due.find((d) => d.workOrderId === line.workOrderId && d.partId === line.partId)?.due ?? 0;
        if (owed === 0) {
          errors.push({
            path: `body.lines.${index}.workOrderId`,
            message: 'is not a work order of yours with this part fitted and its defective one still due',
          });
        } else if (line.quantity > owed) {
          errors.push({ path: `body.lines.${index}.quantity`, message: `is more than the ${owed} due` });
        }
      });
      if (errors.length > 0) throw new AppError('validation_failed', 'Some lines cannot be returned', { errors });
      for (const [partId, { partNo, quantity }] of fromBag) {
        const available = (inBag.get(partId) ?? 0) - (pending.get(partId) ?? 0);
        if (quantity > available) {
          throw new AppError(
            'insufficient_stock',
            `Not enough ${partNo} in the bag: ${quantity} to return, ${Math.max(available, 0)} not yet on their way back`,
          );
        }
      }
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

    async transitionReturn(
      actor: Actor,
      id: string,
      body: PartReturnTransitionBody,
      ifMatch: number | undefined,
    ): Promise<PartReturn> {
      const row = await findVisibleReturn(actor, id);
      const expected = ifMatch ?? body.version;
      if (expected !== undefined && expected !== row.version) throw versionConflict('part return', row.version);
      const action = body.action;
      const rule = partReturnTransitions[action];
      if (!isPartReturnActionAllowed(action, { role: actor.role, isOwner: isOwner(actor, row) })) {
        throw new AppError('forbidden', `You may not ${action} this part return`);
      }
      if (!rule.from.includes(row.status)) {
        throw new AppError('invalid_transition', `Cannot ${action} a part return that is ${row.status}`);
      }
      const at = toIso(clock.now());
      const patch: Updateable<PartReturnTable> = { status: rule.to, updatedAt: at };
      if (action === 'receive') Object.assign(patch, { receivedBy: actor.id, receivedAt: at });
      const moveOn = async (trx: Kysely<DB>) => {
        if (await repo.updateReturnIf(trx, id, row, patch)) return;
        const current = await repo.findReturn(trx, { kind: 'all' }, id);
        if (current && current.status !== row.status) {
          throw new AppError('invalid_transition', `Cannot ${action} a part return that is ${current.status}`);
        }
        throw versionConflict('part return', current?.version ?? row.version + 1);
      };

      if (action === 'cancel') {
        await db.transaction().execute(async (trx) => {
          await moveOn(trx);
          await recordReturnEvent(trx, 'part_return.updated', id, at);
        });
      } else {
        const lines = await repo.findReturnLines(db, [id]);
        const [warehouse, defectiveBin, bag] = await Promise.all([
          stock.findOrCreateBranchLocation(row.branchId, 'warehouse'),
          stock.findOrCreateBranchLocation(row.branchId, 'defective'),
          stock.findOrCreateBag(row.technicianId),
        ]);
        const toMovement = (line: ReturnLineRow, fromLocationId: string | null): Movement => ({
          part: { id: line.partId, partNo: line.partNo },
          fromLocationId,
          toLocationId: line.condition === 'unused' ? warehouse.id : defectiveBin.id,
          quantity: line.quantity,
          unitPrice: line.price,
        });
        const fromBag = lines.filter((line) => line.workOrderId === null).map((line) => toMovement(line, bag.id));
        const cores = new Map<string, Movement[]>();
        for (const line of lines) {
          if (line.workOrderId === null) continue;
          cores.set(line.workOrderId, [...(cores.get(line.workOrderId) ?? []), toMovement(line, null)]);
        }
        await stock.prepareMovements([...fromBag, ...[...cores.values()].flat()]);
        const audience = { branchId: row.branchId, technicianId: row.technicianId };
        await stock.transaction(async (trx) => {
          await moveOn(trx);
          if (fromBag.length > 0) {
            await stock.applyMovements(trx, fromBag, {
              reason: 'return',
              actorId: actor.id,
              at,
              partReturnId: id,
              audience,
            });
          }
          for (const [workOrderId, movements] of cores) {
            await stock.applyMovements(trx, movements, {
              reason: 'core_return',
              actorId: actor.id,
              at,
              workOrderId,
              partReturnId: id,
              audience,
            });
          }
          await recordReturnEvent(trx, 'part_return.updated', id, at);
        });
      }
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

export type PartRequestsService = ReturnType<typeof createPartRequestsService>;
