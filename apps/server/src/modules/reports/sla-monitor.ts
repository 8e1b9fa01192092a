import type { FastifyBaseLogger } from 'fastify';
import type { PeriodicJob } from '../../platform/jobs';
import type { ReportsService } from './reports.service';

/**
 * Looks for work orders that went past their SLA every `intervalMs`, on one instance at a
 * time (the job runner's lease). Flagging stays idempotent all the same: a holder that lost
 * its lease without knowing it may overlap with the next one.
 */
export function createSlaMonitorJob(options: {
  reports: Pick<ReportsService, 'flagBreaches'>;
  log: FastifyBaseLogger;
  intervalMs: number;
}): PeriodicJob {
  const { reports, log, intervalMs } = options;
  return {
    name: 'sla-monitor',
    intervalMs,
    async run() {
      const flagged = await reports.flagBreaches();
      if (flagged > 0) log.info({ flagged }, 'work orders past their SLA');
    },
  };
}
