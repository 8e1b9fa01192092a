import {
  isPartRequestActionAllowed,
  type PartRequest,
  type PartRequestAction,
  type PartRequestTransitionBody,
  partRequestTransitions,
} from '@purnajual/contract';
import type { Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { PartRequestTable } from '../../db/schema/part-request';
import { isDocumentOwner } from '../../platform/access-policy/part-document-policy';
import type { Actor } from '../../platform/actor';
import { type Clock, toIso } from '../../platform/clock';
import type { NotificationsService } from '../notifications/notifications.service';
import { checkTransition, guardedMove } from './part-documents';
import { answerNoticeOf } from './part-request-notices';
import { type PartRequests, recordRequestEvent } from './part-requests';
import * as repo from './part-requests.repository';
import type { StockService } from './stock.service';
import type { Movement } from './stock-movements';

export type RequestStock = Pick<
  StockService,
  | 'transaction'
  | 'prepareMovements'
  | 'applyMovements'
  | 'findOrCreateBag'
  | 'findOrCreateBranchLocation'
  | 'checkLimits'
  | 'assertWithinLimits'
>;

/** One action on one part request, as it is about to be taken. */
export interface RequestStep<A extends PartRequestAction> {
  actor: Actor;
  row: repo.RequestRow;
  body: Extract<PartRequestTransitionBody, { action: A }>;
  at: string;
  /** Moves the request on in `trx`, only from the status and version it was read at. */
  moveOn: (trx: Kysely<DB>) => Promise<void>;
  /** Records, in `trx` after `moveOn`, the request's event and the technician's notification of the answer. */
  recordMove: (trx: Kysely<DB>) => Promise<void>;
}

export interface RequestActionHandler<A extends PartRequestAction> {
  /** The fields the action sets besides the status. */
  fields(step: Omit<RequestStep<A>, 'moveOn' | 'recordMove'>): Updateable<PartRequestTable>;
  /** Its transaction, when it writes more than the request and its event: the issue moves the parts. */
  commit?(step: RequestStep<A>): Promise<void>;
}

export type RequestHandlers = { [A in PartRequestAction]: RequestActionHandler<A> };

export interface RequestTransitionsDeps {
  db: Kysely<DB>;
  clock: Clock;
  stock: RequestStock;
  requests: Pick<PartRequests, 'findVisibleRequest' | 'getRequest'>;
  notifications: Pick<NotificationsService, 'createInTransaction'>;
  onCommitted: () => void;
}

/**
 * The table of one handler per action. Approve, reject and cancel only move the request
 * on; the issue moves the parts from the branch's warehouse into the technician's bag in
 * the same transaction, the carrying limits checked again under the bag's lock.
 */
export function createRequestHandlers({ db, stock }: { db: Kysely<DB>; stock: RequestStock }): RequestHandlers {
  const decided = ({ actor, at }: { actor: Actor; at: string }) => ({ decidedBy: actor.id, decidedAt: at });
  return {
    approve: { fields: decided },
    reject: { fields: (step) => ({ ...decided(step), rejectReason: step.body.reason }) },
    cancel: { fields: () => ({}) },
    issue: {
      fields: ({ actor, at }) => ({ issuedBy: actor.id, issuedAt: at }),
      async commit({ actor, row, at, moveOn, recordMove }) {
        const lines = await repo.findRequestLines(db, [row.id]);
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
        const technician = { id: row.technicianId, branchId: bag.branchId };
        const additions = lines.map((line) => ({ quantity: line.quantity, price: line.price }));
        // Refused here, before any row is prepared, when it is already clear; binding under the lock below.
        await stock.checkLimits(db, technician, bag.id, additions);
        await stock.prepareMovements(movements);
        await stock.transaction(async (trx) => {
          // The request first: of two clerks issuing it at once, the second stops here.
          await moveOn(trx);
          await stock.assertWithinLimits(trx, technician, bag.id, additions);
          await stock.applyMovements(trx, movements, {
            reason: 'issue',
            actorId: actor.id,
            at,
            workOrderId: row.workOrderId,
            partRequestId: row.id,
            audience: { branchId: row.branchId, technicianId: row.technicianId },
          });
          await recordMove(trx);
        });
      },
    },
  };
}

/** A part request moved from one status to the next: who, from which status, which version. */
export function createRequestTransitions({
  db,
  clock,
  stock,
  requests,
  notifications,
  onCommitted,
}: RequestTransitionsDeps) {
  const handlers = createRequestHandlers({ db, stock });

  async function recordMove(
    trx: Kysely<DB>,
    action: PartRequestAction,
    step: { actor: Actor; row: repo.RequestRow; at: string },
  ) {
    await recordRequestEvent(trx, 'part_request.updated', step.row.id, step.at);
    const moved = await repo.findRequest(trx, { kind: 'all' }, step.row.id);
    const notice = moved && answerNoticeOf(action, moved, step.actor);
    if (notice) await notifications.createInTransaction(trx, [notice], step.at);
  }

  /** Takes the action through its handler (the table is keyed by the action, so typed by it). */
  async function take<A extends PartRequestAction>(action: A, step: Omit<RequestStep<A>, 'moveOn' | 'recordMove'>) {
    const handler = handlers[action];
    const patch: Updateable<PartRequestTable> = {
      status: partRequestTransitions[action].to,
      updatedAt: step.at,
      ...handler.fields(step),
    };
    const moveOn = guardedMove('part request', action, step.row, {
      update: (trx) => repo.updateRequestIf(trx, step.row.id, step.row, patch),
      reread: (trx) => repo.findRequest(trx, { kind: 'all' }, step.row.id),
    });
    const record = (trx: Kysely<DB>) => recordMove(trx, action, step);
    if (handler.commit) return handler.commit({ ...step, moveOn, recordMove: record });
    await db.transaction().execute(async (trx) => {
      await moveOn(trx);
      await record(trx);
    });
  }

  return {
    async transitionRequest(
      actor: Actor,
      id: string,
      body: PartRequestTransitionBody,
      ifMatch: number | undefined,
    ): Promise<PartRequest> {
      const row = await requests.findVisibleRequest(actor, id);
      const action = body.action;
      checkTransition(
        'part request',
        {
          action,
          rule: partRequestTransitions[action],
          allowed: isPartRequestActionAllowed(action, { role: actor.role, isOwner: isDocumentOwner(actor, row) }),
          expected: ifMatch ?? body.version,
        },
        row,
      );
      await take(body.action, { actor, row, body, at: toIso(clock.now()) });
      onCommitted();
      return requests.getRequest(actor, id);
    },
  };
}
