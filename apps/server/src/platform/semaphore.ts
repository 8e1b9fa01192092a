/** The semaphore's wait line is full: the caller should come back later. */
export class SemaphoreFullError extends Error {
  constructor() {
    super('too many tasks are waiting for a slot');
  }
}

/**
 * At most `slots` tasks run at once, and at most `maxWaiting` wait for a slot; one more is
 * refused at once with `SemaphoreFullError` rather than queued without end.
 */
export function createSemaphore(slots: number, maxWaiting: number) {
  let running = 0;
  const waiting: (() => void)[] = [];

  async function acquire() {
    if (running < slots) {
      running += 1;
      return;
    }
    if (waiting.length >= maxWaiting) throw new SemaphoreFullError();
    // The slot is handed over by `release`, so `running` stays counted for the waiter.
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  function release() {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

export type Semaphore = ReturnType<typeof createSemaphore>;
