import { pathOf } from '@purnajual/client';
import {
  type ApprovalBody,
  allowedActions,
  type CreatePartRequestBody,
  type CreatePartReturnBody,
  type PaymentBody,
  type SetChargesBody,
  type WorkOrderAction,
  type WorkOrderDetail,
  type WorkOrderTransitionBody,
  workOrderTransitions,
} from '@purnajual/contract';
import { clockOffsetMs } from './clock-offset';
import { type AttachmentKind, db, type QueuedChange, type StoredWorkOrder } from './db';
import { repairSecondsAt } from './repair-time';
import { drainQueue } from './sync';

type NewChange = Omit<
  QueuedChange,
  'seq' | 'idempotencyKey' | 'createdAt' | 'state' | 'rejection' | 'photo' | 'deviceTime'
> &
  Partial<Pick<QueuedChange, 'photo'>> & {
    /** The server records it at the time it was done here, not when it arrives. */
    timed?: boolean;
  };

async function enqueue({ timed = false, ...change }: NewChange, applyLocally: () => Promise<unknown>) {
  await db.transaction('rw', [db.queue, db.workOrders, db.details, db.notifications, db.bag], async () => {
    await db.queue.add({
      ...change,
      photo: change.photo ?? null,
      idempotencyKey: crypto.randomUUID(),
      createdAt: new Date().toISOString(),
      ...(timed ? { deviceTime: { clockOffsetMs: clockOffsetMs() } } : {}),
      state: 'pending',
      rejection: null,
    });
    await applyLocally();
  });
  // Not awaited: the change is safe in the queue; it goes out now if there is a network.
  void drainQueue();
}

/** What a transition does to the phone's copy until the server's answer replaces it. */
type OptimisticChange = Partial<
  Pick<
    StoredWorkOrder,
    | 'status'
    | 'updatedAt'
    | 'technicianId'
    | 'technicianName'
    | 'appointmentStart'
    | 'appointmentEnd'
    | 'inProgressSince'
    | 'repairSeconds'
    | 'syncedAt'
  >
>;

function optimisticChange(
  workOrder: StoredWorkOrder,
  body: WorkOrderTransitionBody,
  me: string,
  now: Date,
): OptimisticChange {
  const at = now.toISOString();
  const change: OptimisticChange = { status: workOrderTransitions[body.action].to, updatedAt: at };
  if (body.action === 'claim') Object.assign(change, { technicianId: me });
  if (body.action === 'decline') Object.assign(change, { technicianId: null, technicianName: null });
  if (body.action === 'schedule') {
    Object.assign(change, { appointmentStart: body.appointmentStart, appointmentEnd: body.appointmentEnd });
  }
  if (body.action === 'start') Object.assign(change, { inProgressSince: at, syncedAt: at });
  if (body.action === 'hold' || body.action === 'complete') {
    Object.assign(change, { repairSeconds: repairSecondsAt(workOrder, now), inProgressSince: null, syncedAt: at });
  }
  return change;
}

/** The actions the technician may take now, from the shared status table. */
export function technicianActions(workOrder: StoredWorkOrder, me: string): WorkOrderAction[] {
  return allowedActions(workOrder.status, {
    role: 'technician',
    isAssignedTechnician: workOrder.technicianId === me,
    // The server lists a technician only their own work orders and the claimable ones in their areas.
    isCoveringTechnician: workOrder.technicianId === null,
  });
}

/** Records a work-order action on the phone at once and queues it for the server. */
export async function queueTransition(workOrder: StoredWorkOrder, body: WorkOrderTransitionBody, me: string) {
  const now = new Date();
  const change = optimisticChange(workOrder, body, me, now);
  await enqueue(
    {
      workOrderId: workOrder.id,
      label: body.action,
      ...pathOf('POST /api/v1/work-orders/:id/transitions', { id: workOrder.id }),
      body,
      timed: true,
    },
    async () => {
      await db.workOrders.update(workOrder.id, change);
      if (body.action === 'complete' && body.partsUsed) await takeFromBag(body.partsUsed);
      const detail = await db.details.get(workOrder.id);
      if (!detail) return;
      const report: WorkOrderDetail['report'] =
        body.action === 'complete'
          ? {
              diagnosis: body.diagnosis,
              actionTaken: body.actionTaken,
              result: body.result,
              signatureUrl: body.signature,
              completedAt: now.toISOString(),
            }
          : detail.report;
      await db.details.put({ ...detail, ...change, report });
    },
  );
}

/** Parts used in a repair leave the bag on the phone at once; the server's count replaces it after sync. */
async function takeFromBag(lines: { partId: string; quantity: number }[]) {
  const bag = await db.bag.get('me');
  if (!bag) return;
  const used = new Map(lines.map((line) => [line.partId, line.quantity]));
  const items = bag.inventory.items
    .map((item) => {
      const quantity = item.quantity - (used.get(item.part.id) ?? 0);
      return { ...item, quantity, value: quantity * item.part.price };
    })
    .filter((item) => item.quantity > 0);
  const totalItems = items.reduce((sum, item) => sum + item.quantity, 0);
  const totalValue = items.reduce((sum, item) => sum + item.value, 0);
  await db.bag.put({
    ...bag,
    inventory: { ...bag.inventory, items, totalItems, totalValue },
    limits: { ...bag.limits, currentItems: totalItems, currentValue: totalValue },
  });
}

export async function queuePartRequest(body: CreatePartRequestBody) {
  await enqueue(
    {
      workOrderId: body.workOrderId ?? null,
      label: 'partRequest',
      ...pathOf('POST /api/v1/part-requests'),
      body,
    },
    async () => undefined,
  );
}

export async function queuePartReturn(body: CreatePartReturnBody) {
  await enqueue(
    { workOrderId: null, label: 'partReturn', ...pathOf('POST /api/v1/part-returns'), body },
    async () => undefined,
  );
}

/*
 * Charges, approval and payment change the bill, which only the server can work out (tax,
 * warranty, rounding); the phone shows the server's figures again once they are sent.
 */
export const queueCharges = (workOrderId: string, body: SetChargesBody) =>
  enqueue(
    { workOrderId, label: 'charges', ...pathOf('PUT /api/v1/work-orders/:id/charges', { id: workOrderId }), body },
    async () => undefined,
  );

export const queueApproval = (workOrderId: string, body: ApprovalBody) =>
  enqueue(
    {
      workOrderId,
      label: 'approval',
      ...pathOf('POST /api/v1/work-orders/:id/approval', { id: workOrderId }),
      body,
      timed: true,
    },
    async () => undefined,
  );

export const queuePayment = (workOrderId: string, body: PaymentBody) =>
  enqueue(
    {
      workOrderId,
      label: 'payment',
      ...pathOf('POST /api/v1/work-orders/:id/payments', { id: workOrderId }),
      body,
      timed: true,
    },
    async () => undefined,
  );

export async function queuePhoto(workOrderId: string, kind: AttachmentKind, blob: Blob) {
  await enqueue(
    {
      workOrderId,
      label: 'photo',
      ...pathOf('POST /api/v1/work-orders/:id/attachments', { id: workOrderId }),
      body: undefined,
      photo: { blob, kind },
      timed: true,
    },
    async () => undefined,
  );
}

export async function queueNotificationRead(id: string) {
  await enqueue(
    { workOrderId: null, label: 'read', ...pathOf('POST /api/v1/notifications/:id/read', { id }), body: undefined },
    () => db.notifications.update(id, { readAt: new Date().toISOString() }),
  );
}

/** The technician has read why a change was refused; it leaves the list. */
export const dismissRejected = (seq: number) => db.queue.delete(seq);
