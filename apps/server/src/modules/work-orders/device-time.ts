import type { DeviceTime } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { Clock } from '../../platform/clock';
import { findLatestStepAt } from './work-orders.repository';

/** When an action is recorded, and whether it came from a phone that was offline. */
export interface RecordedTime {
  at: Date;
  /** When the server received it, for an action done offline; null when it happened now. */
  receivedAt: Date | null;
  /** The phone's time was implausible and was clamped. */
  adjusted: boolean;
}

/** A phone's time this close to the server's is the action arriving live, not from an offline queue. */
const liveToleranceMs = 60_000;

/**
 * The time an action really happened. An action queued on a phone offline carries the
 * phone's clock (`occurredAt`) and that clock's error at the last sync (`clockOffsetMs`);
 * the corrected time is trusted when it is plausible: not ahead of the server, not before
 * the work order's previous step (so the order of the steps holds), and not older than
 * `windowSeconds`. Anything else is clamped into that range and flagged, never silently
 * taken: a phone whose clock is a week out must not move a repair into last week.
 */
export function resolveDeviceTime(
  device: DeviceTime,
  { now, previousAt, windowSeconds }: { now: Date; previousAt: Date | null; windowSeconds: number },
): RecordedTime {
  if (device.occurredAt === undefined) return { at: now, receivedAt: null, adjusted: false };
  const claimed = new Date(device.occurredAt).getTime() + (device.clockOffsetMs ?? 0);
  // Sent live: the server's own time, which no earlier step can be after.
  if (Math.abs(now.getTime() - claimed) <= liveToleranceMs) return { at: now, receivedAt: null, adjusted: false };
  const earliest = Math.max(now.getTime() - windowSeconds * 1000, previousAt?.getTime() ?? Number.NEGATIVE_INFINITY);
  const at = Math.min(Math.max(claimed, earliest), now.getTime());
  return { at: new Date(at), receivedAt: now, adjusted: at !== claimed };
}

/** When a step on a work order happened: now, or — for one queued on an offline phone — the phone's plausible time. */
export function createRecordedTimeOf({
  db,
  clock,
  windowSeconds,
}: {
  db: Kysely<DB>;
  clock: Clock;
  windowSeconds: number;
}) {
  return async (workOrderId: string, device: DeviceTime): Promise<RecordedTime> => {
    const previous = device.occurredAt === undefined ? null : await findLatestStepAt(db, workOrderId);
    return resolveDeviceTime(device, {
      now: clock.now(),
      previousAt: previous === null ? null : new Date(previous),
      windowSeconds,
    });
  };
}
