import { openWorkOrderStatuses, type WorkOrderStatus } from '@purnajual/contract';
import { useLiveQuery } from 'dexie-react-hooks';
import { db, type StoredWorkOrder } from './db';

const openStatuses = new Set<WorkOrderStatus>(openWorkOrderStatuses);

export const isOpen = (workOrder: StoredWorkOrder) => openStatuses.has(workOrder.status);
export const isClaimable = (workOrder: StoredWorkOrder) =>
  workOrder.status === 'new' && workOrder.technicianId === null;

/** Appointments first, in time order; then the rest by how soon their SLA runs out. */
export function byUrgency(a: StoredWorkOrder, b: StoredWorkOrder) {
  const when = (item: StoredWorkOrder) => item.appointmentStart ?? `~${item.slaDueAt}`;
  return when(a).localeCompare(when(b));
}

export const useWorkOrders = () => useLiveQuery(() => db.workOrders.toArray(), []);

export function useWorkOrder(id: string) {
  return useLiveQuery(async () => ({ summary: await db.workOrders.get(id), detail: await db.details.get(id) }), [id]);
}

/** Changes of one work order still on the phone: photos waiting to go, refusals to read. */
export const useQueuedChanges = (workOrderId: string) =>
  useLiveQuery(() => db.queue.where('workOrderId').equals(workOrderId).sortBy('seq'), [workOrderId], []);
