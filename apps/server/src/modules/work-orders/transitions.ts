import {
  type DeviceTime,
  isActorAllowed,
  type WorkOrderAction,
  type WorkOrderTransitionBody,
  workOrderTransitions,
} from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError } from '../../errors';
import { transitionActor } from '../../platform/access-policy/work-order-policy';
import type { Actor } from '../../platform/actor';
import { toIso } from '../../platform/clock';
import { newId } from '../../platform/ids';
import { type FileStorage, saveForChange } from '../../platform/storage/file-storage';
import type { RecordedTime } from './device-time';
import type { BillReader, PartsOnWorkOrder } from './ports';
import * as load from './technician-load.repository';
import type { TransitionHandlers, TransitionStep } from './transition-handlers';
import type { WorkOrderAccess } from './work-order-access';
import type { createWorkOrderDetail } from './work-order-detail';
import { recordWorkOrderEvent } from './work-order-events';
import { billableOf } from './work-order-summary';
import { checkExpectedVersion, updateAtVersion } from './work-order-version';
import * as repo from './work-orders.repository';

/** Who may close a work order whose customer still owes money. */
const unpaidCloseRoles: readonly string[] = ['supervisor', 'admin'];

export interface CloseCheckDeps {
  db: Kysely<DB>;
  billing: BillReader;
  stock: Pick<PartsOnWorkOrder, 'findPartsUsed'>;
}

/**
 * Closing with money still owed needs a supervisor's (or an admin's) override and its
 * reason; returns the history note that records the override. Money the customer paid
 * beyond the bill has no override: it goes back to them first, as a refund or a credit note.
 */
export function createCloseCheck({ db, billing, stock }: CloseCheckDeps) {
  return async (actor: Actor, row: repo.WorkOrderRow, overrideReason: string | undefined) => {
    if (overrideReason !== undefined && !unpaidCloseRoles.includes(actor.role)) {
      throw new AppError('forbidden', 'Only a supervisor or an admin may close a work order with an unpaid balance', {
        errors: [{ path: 'body.overrideReason', message: 'may be given by a supervisor or an admin only' }],
      });
    }
    const { balance } = await billing.describe(db, billableOf(row, await stock.findPartsUsed(row.id)));
    if (balance < 0) {
      throw new AppError(
        'overpaid_balance',
        `The customer has paid Rp ${-balance} more than the bill; record the refund paid back or a credit note first`,
      );
    }
    if (balance === 0) return null;
    if (overrideReason === undefined) {
      throw new AppError(
        'unpaid_balance',
        `The customer still owes Rp ${balance}; record the payment, or a supervisor may close it with overrideReason`,
      );
    }
    return `Closed with Rp ${balance} unpaid: ${overrideReason}`;
  };
}

export interface TransitionsDeps {
  db: Kysely<DB>;
  storage: FileStorage;
  handlers: TransitionHandlers;
  access: WorkOrderAccess;
  detail: Pick<ReturnType<typeof createWorkOrderDetail>, 'getWorkOrder'>;
  recordedTimeOf: (workOrderId: string, device: DeviceTime) => Promise<RecordedTime>;
  onCommitted: () => void;
  afterCommit: (work: () => void) => void;
}

/** The status machine applied: who may act, from which status, and what each action changes. */
export function createTransitions(deps: TransitionsDeps) {
  const { db, storage, handlers, access, detail, recordedTimeOf, onCommitted, afterCommit } = deps;

  /** The action's handler, typed by the action (the table is keyed by it). */
  function stepOf<A extends WorkOrderAction>(action: A, step: TransitionStep<A>) {
    const handler = handlers[action];
    return {
      changes: () => handler.changes(step),
      inTransaction: (trx: Kysely<DB>, after: repo.WorkOrderRow, at: string) =>
        handler.inTransaction?.({ ...step, trx, after, at }),
    };
  }

  return {
    async transition(actor: Actor, id: string, body: WorkOrderTransitionBody, ifMatch: number | undefined) {
      const scope = await access.scopeOf(actor);
      const row = await access.findVisible(actor, id, scope);
      checkExpectedVersion(row, ifMatch, body.version);
      const action: WorkOrderAction = body.action;
      const rule = workOrderTransitions[action];
      if (!isActorAllowed(action, transitionActor(actor, row, scope))) {
        throw new AppError('forbidden', `You may not ${action} this work order`);
      }
      if (!rule.from.includes(row.status)) {
        throw new AppError('invalid_transition', `Cannot ${action} a work order that is ${row.status}`);
      }
      const recorded = await recordedTimeOf(id, body);
      const step = stepOf(body.action, { actor, row, body, now: recorded.at });
      const { patch, note, file } = await step.changes();
      await saveForChange(storage, file, () =>
        db.transaction().execute(async (trx) => {
          const at = toIso(recorded.at);
          await updateAtVersion(trx, row, { ...patch, status: rule.to, updatedAt: at });
          const technicianId = patch.technicianId === undefined ? row.technicianId : patch.technicianId;
          await load.recordLoadChange(trx, row, { technicianId, status: rule.to }, at);
          await repo.insertHistory(trx, {
            id: newId(),
            workOrderId: id,
            actorId: actor.id,
            action,
            fromStatus: row.status,
            toStatus: rule.to,
            note,
            at,
            receivedAt: recorded.receivedAt && toIso(recorded.receivedAt),
            timeAdjusted: recorded.adjusted ? 1 : 0,
          });
          const after = await recordWorkOrderEvent(trx, 'work_order.updated', id, row.technicianId, at);
          await step.inTransaction(trx, after, at);
        }),
      );
      onCommitted();
      const replaced = file ? row.signatureFile : null;
      // Only once committed: a request transaction rolled back after this point keeps the row
      // naming the old signature. Failing to remove it leaves a stray file, not a wrong answer.
      if (replaced !== null) afterCommit(() => void storage.remove(replaced).catch(() => undefined));
      return detail.getWorkOrder(actor, id);
    },
  };
}
