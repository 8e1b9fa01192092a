import type { WorkOrderAction, WorkOrderTransitionBody } from '@purnajual/contract';
import type { Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { WorkOrderTable } from '../../db/schema/work-order';
import { fieldError } from '../../errors';
import type { Actor } from '../../platform/actor';
import { toIso } from '../../platform/clock';
import { newId } from '../../platform/ids';
import type { ImageNormalizer } from '../../platform/image-normalizer';
import type { NotificationsService } from '../notifications/notifications.service';
import type { UsersService } from '../users/users.service';
import type { CustomerContactPort, PaidPartsReturn, PartsOnWorkOrder } from './ports';
import { type SlaHours, slaOnReopen } from './sla';
import { notifyAssignment } from './work-order-events';
import { billableOf, messageFactsOf, repairSecondsAt } from './work-order-summary';
import type { WorkOrderRow } from './work-orders.repository';

export type TransitionBodyOf<A extends WorkOrderAction> = Extract<WorkOrderTransitionBody, { action: A }>;

/** One action on one work order, as it is about to be taken. */
export interface TransitionStep<A extends WorkOrderAction> {
  actor: Actor;
  row: WorkOrderRow;
  body: TransitionBodyOf<A>;
  /** When the action happened (a phone's plausible time for one queued offline). */
  now: Date;
}

/** Where a step stands in its transaction, once the work order, its history and its event are written. */
interface Written {
  trx: Kysely<DB>;
  /** The work order after the change. */
  after: WorkOrderRow;
  at: string;
}

export interface CommittedStep<A extends WorkOrderAction> extends TransitionStep<A>, Written {}

export interface TransitionChanges {
  /** The fields the action sets besides the status. */
  patch: Updateable<WorkOrderTable>;
  /** The history entry's note. */
  note: string | null;
  /** A file the change names (the customer's signature): written before the transaction. */
  file?: { name: string; content: Buffer };
}

export interface ActionHandler<A extends WorkOrderAction> {
  /** The changes the action makes, worked out before the transaction; refuses what it may not do. */
  changes(step: TransitionStep<A>): Promise<TransitionChanges>;
  /** What else the action writes in its transaction: notices, messages, parts. */
  inTransaction?(step: CommittedStep<A>): Promise<void>;
}

export type TransitionHandlers = { [A in WorkOrderAction]: ActionHandler<A> };

export interface TransitionHandlersDeps {
  slaHours: SlaHours;
  users: Pick<UsersService, 'findActiveTechnician'>;
  images: Pick<ImageNormalizer, 'readSignature'>;
  notifications: Pick<NotificationsService, 'createInTransaction'>;
  stock: PartsOnWorkOrder;
  overpayments: PaidPartsReturn;
  contact: Pick<CustomerContactPort, 'notifyCustomer'>;
  /** The history note of a close, or a refusal while the bill is not settled. */
  checkClosable: (actor: Actor, row: WorkOrderRow, overrideReason: string | undefined) => Promise<string | null>;
}

/** Clock skew allowed between a phone and the server when scheduling "now". */
const appointmentSkewSeconds = 5 * 60;
const maxAppointmentHours = 12;
const maxAppointmentDaysAhead = 90;

export function assertAppointment(start: string, end: string, now: Date) {
  const startAt = Date.parse(start);
  const endAt = Date.parse(end);
  if (startAt < now.getTime() - appointmentSkewSeconds * 1000) {
    throw fieldError('body.appointmentStart', 'must not be in the past', 'The appointment may not start in the past');
  }
  if (startAt > now.getTime() + maxAppointmentDaysAhead * 86400_000) {
    throw fieldError('body.appointmentStart', `must be within ${maxAppointmentDaysAhead} days`);
  }
  if (endAt <= startAt) {
    throw fieldError('body.appointmentEnd', 'must be after the start', 'The appointment must end after it starts');
  }
  if (endAt - startAt > maxAppointmentHours * 3600_000) {
    throw fieldError('body.appointmentEnd', `the window may be at most ${maxAppointmentHours} hours long`);
  }
}

/** The repair timer stopped at `now`, if it runs. */
function stopTimer(row: WorkOrderRow, now: Date): Updateable<WorkOrderTable> {
  return row.inProgressSince !== null ? { repairSeconds: repairSecondsAt(row, now), inProgressSince: null } : {};
}

const unchanged = async (): Promise<TransitionChanges> => ({ patch: {}, note: null });

/** The field changes and side effects of each action, besides the status the machine sets. */
export function createTransitionHandlers(deps: TransitionHandlersDeps): TransitionHandlers {
  const { slaHours, users, images, notifications, stock, overpayments, contact, checkClosable } = deps;

  const tellCustomer = (
    step: Written,
    message: 'technician_assigned' | 'technician_on_the_way' | 'survey_invitation',
  ) => contact.notifyCustomer(step.trx, message, messageFactsOf(step.after), step.at);

  /** Taking the assignment over: the first one's time is kept for the KPIs. */
  const assignTo = (row: WorkOrderRow, technicianId: string, now: Date) => ({
    technicianId,
    firstAssignedAt: row.firstAssignedAt ?? toIso(now),
  });

  /** The parts come back to the bag when the work is called off or undone; money paid for them is owed back. */
  async function returnParts({ trx, row, body, actor, at }: CommittedStep<'cancel'> | CommittedStep<'reopen'>) {
    const partsUsed = await stock.findPartsUsed(row.id, trx);
    await stock.reverseWorkOrderUse(trx, { workOrderId: row.id, actorId: actor.id, at });
    await overpayments.recordPartsReturned(trx, {
      before: billableOf(row, partsUsed),
      after: billableOf(row, await stock.findPartsUsed(row.id, trx)),
      reason: body.reason,
      actorId: actor.id,
      at,
    });
  }

  return {
    assign: {
      async changes({ actor, row, body, now }) {
        const technician = await users.findActiveTechnician(body.technicianId);
        if (!technician) throw fieldError('body.technicianId', 'is not an active technician');
        if (actor.role === 'supervisor' && technician.branchId !== actor.branchId) {
          throw fieldError('body.technicianId', 'is not a technician of your branch');
        }
        return { patch: assignTo(row, technician.id, now), note: body.note ?? `→ ${technician.name}` };
      },
      async inTransaction(step) {
        await notifyAssignment(notifications, step.trx, step.after, step.at);
        await tellCustomer(step, 'technician_assigned');
      },
    },
    claim: {
      changes: async ({ actor, row, now }) => ({ patch: assignTo(row, actor.id, now), note: null }),
      inTransaction: (step) => tellCustomer(step, 'technician_assigned'),
    },
    accept: { changes: unchanged },
    decline: { changes: async ({ body }) => ({ patch: { technicianId: null }, note: body.reason }) },
    schedule: {
      async changes({ body, now }) {
        assertAppointment(body.appointmentStart, body.appointmentEnd, now);
        const appointmentStart = toIso(new Date(body.appointmentStart));
        return { patch: { appointmentStart, appointmentEnd: toIso(new Date(body.appointmentEnd)) }, note: null };
      },
    },
    depart: { changes: unchanged, inTransaction: (step) => tellCustomer(step, 'technician_on_the_way') },
    start: {
      changes: async ({ row, now }) => ({
        patch: {
          inProgressSince: toIso(now),
          holdReason: null,
          firstStartedAt: row.firstStartedAt ?? toIso(now),
          startCount: row.startCount + 1,
        },
        note: null,
      }),
    },
    hold: {
      changes: async ({ row, body, now }) => ({
        patch: { ...stopTimer(row, now), holdReason: body.reason },
        note: body.note ?? null,
      }),
    },
    complete: {
      async changes({ row, body, now }) {
        const name = `signatures/${newId()}.png`;
        const { diagnosis, actionTaken, result } = body;
        return {
          patch: {
            ...stopTimer(row, now),
            diagnosis,
            actionTaken,
            result,
            signatureFile: name,
            completedAt: toIso(now),
          },
          note: null,
          file: { name, content: await images.readSignature(body.signature) },
        };
      },
      async inTransaction(step) {
        await tellCustomer(step, 'survey_invitation');
        // The parts leave the bag with the completion, and come back when it is undone.
        const { trx, row, actor, body, at } = step;
        if (body.partsUsed === undefined) return;
        await stock.useOnWorkOrder(trx, { workOrderId: row.id, technicianId: actor.id, lines: body.partsUsed, at });
      },
    },
    close: {
      changes: async ({ actor, row, body }) => ({
        patch: {},
        note: await checkClosable(actor, row, body.overrideReason),
      }),
    },
    cancel: {
      changes: async ({ row, body, now }) => ({ patch: stopTimer(row, now), note: body.reason }),
      inTransaction: returnParts,
    },
    reopen: {
      changes: async ({ row, body, now }) => ({
        patch: {
          completedAt: null,
          reopenCount: row.reopenCount + 1,
          reopenedAt: toIso(now),
          ...slaOnReopen(slaHours, row, now),
        },
        note: body.reason,
      }),
      inTransaction: returnParts,
    },
  };
}
