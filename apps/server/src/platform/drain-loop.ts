import type { FastifyBaseLogger } from 'fastify';

/** Attempts an outbox row gets before it is given up. */
export const maxSendAttempts = 5;

/** The wait after failed attempt `attempts` (1, 2, 4, 8 minutes): a service that is down gets time to recover. */
export const retryDelaySeconds = (attempts: number) => 60 * 2 ** (attempts - 1);

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * Drains an outbox (customer messages, pushes, webhook deliveries): runs `pass` after each wake-up — a commit
 * that may have written a row — and every `pollIntervalMs` as a fallback, one pass at a
 * time. A wake-up during a pass runs another after it; a pass that answers true (it filled
 * its batch) runs again at once. Rows are claimed by the pass, so N instances share them.
 */
export function createDrainLoop(options: {
  /** One batch; true when there may be more. */
  pass: () => Promise<boolean>;
  pollIntervalMs: number;
  log: Pick<FastifyBaseLogger, 'warn'>;
  /** Names the outbox in the log. */
  what: string;
}) {
  const { pass, pollIntervalMs, log, what } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;

  function wake(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          if (await pass()) again = true;
        } catch (error) {
          log.warn({ err: error }, `could not send ${what}; will retry`);
        }
      } while (again);
      running = null;
    })();
    return running;
  }

  return {
    wake,
    start() {
      timer = setInterval(() => void wake(), pollIntervalMs);
      timer.unref();
      void wake();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
