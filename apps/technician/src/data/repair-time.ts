import type { StoredWorkOrder } from './db';

/**
 * Seconds of repair so far. The server counts up to the moment it answered; from then on
 * the phone adds the time since `syncedAt` by its own clock, so a phone whose clock is
 * off still shows the right duration, online or not.
 */
export function repairSecondsAt(
  workOrder: Pick<StoredWorkOrder, 'repairSeconds' | 'inProgressSince' | 'syncedAt'>,
  now: Date,
) {
  if (!workOrder.inProgressSince) return workOrder.repairSeconds;
  return workOrder.repairSeconds + Math.max(0, Math.floor((now.getTime() - Date.parse(workOrder.syncedAt)) / 1000));
}
