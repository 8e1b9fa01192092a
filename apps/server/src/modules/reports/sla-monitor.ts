import type { FastifyBaseLogger } from 'fastify';
import type { ReportsService } from './reports.service';

/**
 * Looks for work orders that went past their SLA every `intervalMs`, one pass at a time.
 * Flagging is idempotent, so several instances may run it side by side.
 */
export function createSlaMonitor(options: {
  reports: Pick<ReportsService, 'flagBreaches'>;
  log: FastifyBaseLogger;
  intervalMs: number;
}) {
  const { reports, log, intervalMs } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;

  function check(): Promise<void> {
    running ??= (async () => {
      try {
        const flagged = await reports.flagBreaches();
        if (flagged > 0) log.info({ flagged }, 'work orders past their SLA');
      } catch (error) {
        log.warn({ err: error }, 'could not check SLA breaches; will retry');
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    check,
    start() {
      timer = setInterval(() => void check(), intervalMs);
      timer.unref();
      void check();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
