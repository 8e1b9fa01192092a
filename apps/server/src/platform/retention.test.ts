import { describe, expect, it } from 'vitest';
import { bearer, buildTestInstances, createManualClock, createUser } from '../../test/app';
import { addSeconds, toIso } from './clock';
import { pruneEventsBefore, recordEvent } from './events/outbox';
import { pruneIdempotencyRecords } from './idempotency';
import { createRetentionJob } from './retention';

/*
 * Retention on three instances of one database: one of them prunes per pass; each kind of
 * row goes once past its retention and stays until then; a backlog goes in batches.
 */

const clock = createManualClock();
const t = await buildTestInstances(3, { clock, withAreas: false });
const db = t.database.db;
const day = 86400;
const user = await createUser(t, 'agent');
const { retention } = t.config;

/** `seconds` before the clock's now, as stored. */
const ago = (seconds: number) => toIso(addSeconds(clock.now(), -seconds));

const runOnAll = async () =>
  (await Promise.all(t.instances.map(({ jobs }) => jobs.runNow('retention')))).filter(Boolean).length;

async function addEvent(at: string) {
  await recordEvent(db, 'work_order.updated', {}, { id: 'x' }, at);
  const row = await db
    .selectFrom('outbox_event')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

let sequence = 0;
const serial = () => {
  sequence += 1;
  return sequence;
};

async function addIdempotencyRecord(createdAt: string) {
  const key = `retention-${serial()}`;
  await db
    .insertInto('idempotency_record')
    .values({
      userId: user.id,
      key,
      requestHash: 'x',
      state: 'done',
      responseStatus: 200,
      responseBody: '{}',
      createdAt,
    })
    .execute();
  return key;
}

async function addSession(times: { lastSeenAt: string; expiresAt: string; revokedAt?: string }) {
  const id = `00000000-0000-7000-8000-${String(serial()).padStart(12, '0')}`;
  await db
    .insertInto('session')
    .values({
      id,
      tokenHash: id.replace(/-/g, '').padEnd(64, '0'),
      userId: user.id,
      createdAt: times.lastSeenAt,
      revokedAt: times.revokedAt ?? null,
      ipAddress: null,
      userAgent: null,
      ...times,
    })
    .execute();
  return id;
}

async function addLoginFailure(windowStartedAt: string) {
  const key = `address:10.0.0.${serial()}`;
  await db.insertInto('login_throttle').values({ key, failures: 3, windowStartedAt }).execute();
  return key;
}

const eventIds = async () => (await db.selectFrom('outbox_event').select('id').execute()).map((row) => Number(row.id));
const keys = async () => (await db.selectFrom('idempotency_record').select('key').execute()).map((row) => row.key);
const sessionIds = async () => (await db.selectFrom('session').select('id').execute()).map((row) => row.id);
const throttleKeys = async () => (await db.selectFrom('login_throttle').select('key').execute()).map((row) => row.key);

describe('retention on three instances', () => {
  it('deletes each kind once past its retention and keeps it until then, from one instance', async () => {
    const oldEvent = await addEvent(ago(retention.eventSeconds + 1));
    const youngEvent = await addEvent(ago(retention.eventSeconds - 1));
    const oldAnswer = await addIdempotencyRecord(ago(retention.idempotencySeconds + 1));
    const youngAnswer = await addIdempotencyRecord(ago(retention.idempotencySeconds - 1));
    const idle = t.config.session.idleTtlSeconds;
    const grace = retention.endedSessionSeconds;
    const future = ago(-30 * day);
    const sessions = {
      expired: await addSession({ lastSeenAt: ago(grace + 2 * 3600), expiresAt: ago(grace + 1) }),
      justExpired: await addSession({ lastSeenAt: ago(grace + 2 * 3600), expiresAt: ago(grace - 1) }),
      idle: await addSession({ lastSeenAt: ago(idle + grace + 1), expiresAt: future }),
      justIdle: await addSession({ lastSeenAt: ago(idle + grace - 1), expiresAt: future }),
      signedOut: await addSession({ lastSeenAt: ago(grace + 1), expiresAt: future, revokedAt: ago(grace + 1) }),
      justSignedOut: await addSession({ lastSeenAt: ago(grace - 1), expiresAt: future, revokedAt: ago(grace - 1) }),
      active: await addSession({ lastSeenAt: ago(0), expiresAt: future }),
    };
    const oldFailure = await addLoginFailure(ago(retention.loginFailureSeconds + 1));
    const youngFailure = await addLoginFailure(ago(retention.loginFailureSeconds - 1));

    expect(await runOnAll()).toBe(1);
    expect(await eventIds()).not.toContain(oldEvent);
    expect(await eventIds()).toContain(youngEvent);
    expect(await keys()).toContain(youngAnswer);
    expect(await keys()).not.toContain(oldAnswer);
    const kept = await sessionIds();
    const { justExpired, justIdle, justSignedOut, active } = sessions;
    expect(kept).toEqual(expect.arrayContaining([justExpired, justIdle, justSignedOut, active]));
    for (const gone of [sessions.expired, sessions.idle, sessions.signedOut]) expect(kept).not.toContain(gone);
    expect(await throttleKeys()).toContain(youngFailure);
    expect(await throttleKeys()).not.toContain(oldFailure);

    // The signed-in test user's session is still good.
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(user.token) });
    expect(me.statusCode).toBe(200);
  });

  it('keeps the newest event however old, so that ids are never handed out again', async () => {
    clock.advanceSeconds(retention.eventSeconds + day);
    const newest = Math.max(...(await eventIds()));
    expect(await runOnAll()).toBe(1);
    expect(await eventIds()).toEqual([newest]);
    expect(await addEvent(ago(0))).toBeGreaterThan(newest);
  });

  it('deletes a backlog in bounded batches until none is left; a pass asked to stop deletes no more', async () => {
    for (let n = 0; n < 5; n += 1) await addIdempotencyRecord(ago(0));
    for (let n = 0; n < 5; n += 1) await addEvent(ago(0));
    clock.advanceSeconds(Math.max(retention.eventSeconds, retention.idempotencySeconds) + 1);
    const newest = await addEvent(ago(0));
    const cutoff = ago(retention.idempotencySeconds);
    expect(await pruneIdempotencyRecords(db, cutoff, 2)).toBe(2);
    expect(await pruneEventsBefore(db, ago(retention.eventSeconds), 2)).toBe(2);
    expect(await keys()).toHaveLength(3);

    const job = createRetentionJob({
      db,
      clock,
      retention,
      auth: t.services.auth,
      imports: t.services.imports,
      log: t.app.log,
      batchSize: 2,
    });
    const stopped = new AbortController();
    stopped.abort();
    await job.run(stopped.signal);
    expect(await keys()).toHaveLength(3);

    await job.run(new AbortController().signal);
    expect(await keys()).toEqual([]);
    expect(await eventIds()).toEqual([newest]);
  });
});
