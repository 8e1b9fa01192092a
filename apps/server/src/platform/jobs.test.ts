import { afterAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../test/app';
import { createTestDatabase } from '../../test/database';
import { migrateToLatest } from '../db/migrate';
import { addSeconds, toIso } from './clock';
import { createJobRunner } from './jobs';

/*
 * The job runner's lease on one database shared by several runners, as by several server
 * instances: one pass where three tick at once, the holder keeps its turn, and a holder
 * that died mid-pass (or lost the lease) hands the job on once the lease has expired.
 */

const database = await createTestDatabase();
await migrateToLatest(database.db);
afterAll(() => database.dispose());
const clock = createManualClock();
const intervalSeconds = 60;
// Long enough that no renewal (every third of it, in real time) comes unless a test asks for one.
const leaseSeconds = 600;

let jobSequence = 0;
const warnings: unknown[] = [];
const log = { warn: (...args: unknown[]) => void warnings.push(args.at(-1)) };

/**
 * Three runners (`a`, `b`, `c`) with one job of a new name. Each pass is recorded, then
 * does `work`, which by default returns at once.
 */
function threeInstances(
  options: { leaseSeconds?: number; work?: (instanceId: string, signal: AbortSignal) => Promise<void> } = {},
) {
  jobSequence += 1;
  const name = `test-job-${jobSequence}`;
  const passes: string[] = [];
  const runners = ['a', 'b', 'c'].map((instanceId) => {
    const runner = createJobRunner({
      db: database.db,
      clock,
      log,
      instanceId,
      leaseSeconds: options.leaseSeconds ?? leaseSeconds,
    });
    runner.add({
      name,
      intervalMs: intervalSeconds * 1000,
      async run(signal) {
        passes.push(instanceId);
        await options.work?.(instanceId, signal);
      },
    });
    return runner;
  });
  const runOn = (instanceIds: string[]) =>
    Promise.all(runners.filter((runner) => instanceIds.includes(runner.instanceId)).map((r) => r.runNow(name)));
  const tickAll = async () => (await runOn(['a', 'b', 'c'])).filter(Boolean).length;
  const lease = async () => {
    const row = await database.db.selectFrom('job_lease').selectAll().where('name', '=', name).executeTakeFirst();
    return row ?? { name, holder: '', expiresAt: '' };
  };
  const stop = () => Promise.all(runners.map((runner) => runner.stop()));
  return { name, passes, runOn, tickAll, lease, stop };
}

/** A pass on `a` that hangs until the test lets it finish; elsewhere passes return at once. */
function hangingOnA() {
  let finish = () => {};
  let started = () => {};
  const hasStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  const work = async (instanceId: string) => {
    if (instanceId !== 'a') return;
    await new Promise<void>((resolve) => {
      finish = resolve;
      started();
    });
  };
  return { work, hasStarted, finish: () => finish() };
}

async function until(condition: () => Promise<boolean>) {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('the job runner', () => {
  it('runs one pass when three instances tick at once, and the holder keeps its turn until the next is due', async () => {
    const { passes, runOn, tickAll, lease, stop } = threeInstances();
    expect(await tickAll()).toBe(1);
    const holder = passes[0] ?? '';
    // Between passes the lease lasts until the next pass is due, and one lease term more.
    expect(await lease()).toMatchObject({
      holder,
      expiresAt: toIso(addSeconds(clock.now(), intervalSeconds + leaseSeconds)),
    });
    expect(await tickAll()).toBe(1);
    expect(passes).toEqual([holder, holder]);

    // The holder no longer ticks (it is gone): one of the others takes over once its turn has passed.
    const others = ['a', 'b', 'c'].filter((id) => id !== holder);
    clock.advanceSeconds(intervalSeconds + leaseSeconds - 1);
    expect((await runOn(others)).filter(Boolean)).toHaveLength(0);
    clock.advanceSeconds(1);
    expect((await runOn(others)).filter(Boolean)).toHaveLength(1);
    expect(passes).toHaveLength(3);
    expect(others).toContain(passes[2]);
    await stop();
  });

  it('hands a job on when its holder died mid-pass: the lease is not renewed, and expires', async () => {
    const hanging = hangingOnA();
    const { passes, runOn, lease, stop } = threeInstances({ work: hanging.work });
    // `a` claims and hangs, as an instance that stopped answering; no renewal comes in this test's time.
    const dead = runOn(['a']);
    await hanging.hasStarted;
    expect(await runOn(['b', 'c'])).toEqual([false, false]);
    clock.advanceSeconds(leaseSeconds);
    const ran = await runOn(['b', 'c']);
    expect(ran.filter(Boolean)).toHaveLength(1);
    const successor = passes[1] ?? '';
    expect(await lease()).toMatchObject({ holder: successor });

    // `a` comes back and ends its pass: the lease stays with the successor.
    hanging.finish();
    expect(await dead).toEqual([true]);
    expect((await lease()).holder).toBe(successor);
    expect(await runOn(['a'])).toEqual([false]);
    await stop();
  });

  it('takes over a lease row left by an instance that no longer exists, once it has expired', async () => {
    const { name, passes, tickAll, stop } = threeInstances();
    const expiresAt = toIso(addSeconds(clock.now(), leaseSeconds));
    await database.db.insertInto('job_lease').values({ name, holder: 'crashed-instance', expiresAt }).execute();
    expect(await tickAll()).toBe(0);
    clock.advanceSeconds(leaseSeconds);
    expect(await tickAll()).toBe(1);
    expect(passes).toHaveLength(1);
    await stop();
  });

  it('renews the lease while a long pass runs, and stops the pass when another instance took the lease', async () => {
    let aborted = false;
    const { name, runOn, lease, stop } = threeInstances({
      // Renewed every third of a second of real time.
      leaseSeconds: 1,
      work: (_instanceId, signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve();
          });
        }),
    });
    const pass = runOn(['a']);
    clock.advanceSeconds(10);
    const renewedPast = toIso(clock.now());
    await until(async () => (await lease()).expiresAt > renewedPast);
    expect(await runOn(['b'])).toEqual([false]);

    // As if `a` had been cut off long enough for `c` to take over: `a` learns it at its next renewal.
    await database.db.updateTable('job_lease').set({ holder: 'c' }).where('name', '=', name).execute();
    expect(await pass).toEqual([true]);
    expect(aborted).toBe(true);
    expect(warnings).toContain('another instance took over the job; stopping this pass');
    expect((await lease()).holder).toBe('c');
    await stop();
  });

  it('starts no pass once stopped, and lets a running pass know it should stop', async () => {
    let sawStop = false;
    const { runOn, stop } = threeInstances({
      work: (_instanceId, signal) =>
        new Promise<void>((resolve) => {
          const stopped = () => {
            sawStop = true;
            resolve();
          };
          if (signal.aborted) stopped();
          else signal.addEventListener('abort', stopped);
        }),
    });
    const pass = runOn(['a']);
    await stop();
    expect(await pass).toEqual([true]);
    expect(sawStop).toBe(true);
    expect(await runOn(['a', 'b', 'c'])).toEqual([false, false, false]);
  });
});
