import { describe, expect, it } from 'vitest';
import { createSemaphore, SemaphoreFullError } from './semaphore';

const deferred = () => {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('a semaphore', () => {
  it('runs at most its slots at once, queues at most its waiters, and refuses the next at once', async () => {
    const semaphore = createSemaphore(2, 1);
    const gates = [deferred(), deferred(), deferred()];
    let running = 0;
    let most = 0;
    const task = (gate: { promise: Promise<void> }) =>
      semaphore.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await gate.promise;
        running -= 1;
      });
    const [a, b, c] = gates.map(task);
    await expect(task(deferred())).rejects.toBeInstanceOf(SemaphoreFullError);
    for (const gate of gates) gate.resolve();
    await Promise.all([a, b, c]);
    expect(most).toBe(2);
    await expect(semaphore.run(async () => 'free again')).resolves.toBe('free again');
  });

  it('frees the slot of a task that failed', async () => {
    const semaphore = createSemaphore(1, 0);
    await expect(semaphore.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(semaphore.run(async () => 1)).resolves.toBe(1);
  });
});
