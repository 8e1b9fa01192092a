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
import * as load from './technician-load.repository';
import type { TransitionHandlers, TransitionStep } from './transition-handlers';
import type { WorkOrderAccess } from './work-order-access';
import type { createWorkOrderDetail } from './work-order-detail';
import { recordWorkOrderEvent } from './work-order-events';
import { checkExpectedVersion, updateAtVersion } from './work-order-version';
import * as repo from './work-orders.repository';

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
