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
import { assertAppointment, checkBooking } from './appointments';
import type { BillChecks } from './bill-checks';
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
  /** Reads the technicians' other appointments before the write (in it, the step's own transaction). */
  db: Kysely<DB>;
  bill: Pick<BillChecks, 'assertApprovalCurrent' | 'closeNote'>;
}

/** The time a work order holds its technician to, once it has both. */
function bookingOf(row: Pick<WorkOrderRow, 'id' | 'technicianId' | 'appointmentStart' | 'appointmentEnd'>) {
  const { id, technicianId, appointmentStart, appointmentEnd } = row;
  if (technicianId === null || appointmentStart === null || appointmentEnd === null) return null;
  return { workOrderId: id, technicianId, start: appointmentStart, end: appointmentEnd };
}

/** `checkBooking` of a work order as it is or will be, if it books anyone. */
const checkBookingOf = (
  db: Kysely<DB>,
  actor: Actor,
  row: Parameters<typeof bookingOf>[0],
  overrideReason: string | undefined,
) => {
  const booking = bookingOf(row);
  return booking ? checkBooking(db, actor, booking, overrideReason) : Promise.resolve(null);
};

/** A history note and an override's, on one line. */
const joinNotes = (...notes: (string | null | undefined)[]) => notes.filter(Boolean).join(' · ') || null;

/** The repair timer stopped at `now`, if it runs. */
function stopTimer(row: WorkOrderRow, now: Date): Updateable<WorkOrderTable> {
  return row.inProgressSince !== null ? { repairSeconds: repairSecondsAt(row, now), inProgressSince: null } : {};
}

const unchanged = async (): Promise<TransitionChanges> => ({ patch: {}, note: null });

/** The field changes and side effects of each action, besides the status the machine sets. */
export function createTransitionHandlers(deps: TransitionHandlersDeps): TransitionHandlers {
  const { slaHours, users, images, notifications, stock, overpayments, contact, db, bill } = deps;

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
        const patch = assignTo(row, technician.id, now);
        const override = await checkBookingOf(db, actor, { ...row, ...patch }, body.overrideReason);
        return { patch, note: joinNotes(body.note ?? `→ ${technician.name}`, override) };
      },
      async inTransaction(step) {
        await checkBookingOf(step.trx, step.actor, step.after, step.body.overrideReason);
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
      async changes({ actor, row, body, now }) {
        assertAppointment(body.appointmentStart, body.appointmentEnd, now);
        const patch = {
          appointmentStart: toIso(new Date(body.appointmentStart)),
          appointmentEnd: toIso(new Date(body.appointmentEnd)),
        };
        return { patch, note: await checkBookingOf(db, actor, { ...row, ...patch }, body.overrideReason) };
      },
      inTransaction: (step) =>
        checkBookingOf(step.trx, step.actor, step.after, step.body.overrideReason).then(() => {}),
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
        await bill.assertApprovalCurrent(row, (body.partsUsed?.length ?? 0) > 0);
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
        note: await bill.closeNote(actor, row, body.overrideReason),
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
