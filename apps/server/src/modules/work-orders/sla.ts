import type { Priority } from '@purnajual/contract';
import type { Kysely, Selectable } from 'kysely';
import type { Config } from '../../config';
import type { DB } from '../../db/schema/index';
import type { WorkOrderTable } from '../../db/schema/work-order';
import { addSeconds, type Clock, toIso } from '../../platform/clock';
import type { NotificationsService } from '../notifications/notifications.service';
import type { UsersService } from '../users/users.service';
import * as slaRepo from './sla.repository';
import { recordWorkOrderEvent } from './work-order-events';

export type SlaHours = Config['slaHours'];

/** At most this many breaches are flagged per pass. */
const breachBatch = 100;

/**
 * The one rule for when a work order is due: its priority's hours after its SLA cycle
 * began (intake, or its latest reopening). Hours on the clock, not working hours or
 * calendar days, so the branch's time zone plays no part.
 */
export function slaDueAt(slaHours: SlaHours, priority: Priority, cycleStart: Date): Date {
  return addSeconds(cycleStart, slaHours[priority] * 3600);
}

/**
 * The SLA fields after the office changes the priority: the cycle keeps its start. The
 * flag belongs to the due time: one not reached yet is not breached, and the check flags
 * the work order again if it passes.
 */
export function slaOnPriorityChange(
  slaHours: SlaHours,
  row: Pick<Selectable<WorkOrderTable>, 'reopenedAt' | 'createdAt'>,
  priority: Priority,
  now: Date,
): { slaDueAt: string; slaBreachedAt?: null } {
  const dueAt = slaDueAt(slaHours, priority, new Date(row.reopenedAt ?? row.createdAt));
  return dueAt > now ? { slaDueAt: toIso(dueAt), slaBreachedAt: null } : { slaDueAt: toIso(dueAt) };
}

/**
 * A new SLA cycle from the reopening: a fresh due time, and no flag, so that the check
 * flags and notifies a second breach. Whether the ended cycle missed its due time is
 * kept, since the reports judge the work order at its latest completion.
 */
export function slaOnReopen(
  slaHours: SlaHours,
  row: Pick<Selectable<WorkOrderTable>, 'priority' | 'completedAt' | 'slaDueAt' | 'slaMissCount'>,
  now: Date,
): { slaDueAt: string; slaBreachedAt: null; slaMissCount: number } {
  const endedLate = (row.completedAt ?? toIso(now)) > row.slaDueAt;
  return {
    slaDueAt: toIso(slaDueAt(slaHours, row.priority, now)),
    slaBreachedAt: null,
    slaMissCount: row.slaMissCount + (endedLate ? 1 : 0),
  };
}

export interface SlaBreachesDeps {
  db: Kysely<DB>;
  clock: Clock;
  users: Pick<UsersService, 'findActiveSupervisors'>;
  notifications: Pick<NotificationsService, 'createInTransaction'>;
  onCommitted: () => void;
}

export function createSlaBreaches({ db, clock, users, notifications, onCommitted }: SlaBreachesDeps) {
  return {
    /**
     * Flags open work orders that went past their SLA due time, each in its own
     * transaction with its `work_order.updated` event and a notification to its branch's
     * supervisors. A conditional update makes it idempotent across passes and instances.
     * At most one batch per pass, the most recently due first, so that a backlog (the
     * first start against old data) neither hogs the server nor delays fresh breaches.
     * Returns how many it flagged.
     */
    async flagBreaches(): Promise<number> {
      const at = toIso(clock.now());
      const due = await slaRepo.findUnflaggedBreaches(db, at, breachBatch);
      let flagged = 0;
      for (const row of due) {
        const supervisors = row.branchId === null ? [] : await users.findActiveSupervisors(row.branchId);
        const won = await db.transaction().execute(async (trx) => {
          if (!(await slaRepo.flagBreach(trx, row.id, at))) return false;
          await recordWorkOrderEvent(trx, 'work_order.updated', row.id, null, at);
          await notifications.createInTransaction(
            trx,
            supervisors.map((supervisor) => ({
              recipientId: supervisor.id,
              senderId: null,
              title: `SLA terlampaui: ${row.number}`,
              body: `Order kerja ${row.number} (prioritas ${row.priority}) masih terbuka melewati batas waktu SLA.`,
              workOrderId: row.id,
            })),
            at,
          );
          return true;
        });
        if (won) flagged += 1;
      }
      if (flagged > 0) onCommitted();
      return flagged;
    },
  };
}
