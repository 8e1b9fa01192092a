import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { bearer, signIn, testPassword } from '../../../test/app';
import { createTestDatabase, realClockEnv } from '../../../test/database';
import { listen, openStream, sleep } from '../../../test/sse';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { createDatabase } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { createServices } from '../../services';
import { createEventBus, outboxChannel } from './event-bus';
import { findLatestEventId } from './outbox';

/*
 * Two server instances sharing one database: a change made through one reaches an event
 * stream on the other, woken through Redis; without Redis each instance still serves its
 * own streams and catches up from the outbox.
 */

const redisUrl = process.env.TEST_REDIS_URL;
const shared = await createTestDatabase({ shared: true });
await migrateToLatest(shared.db);
afterAll(() => shared.dispose());

async function startInstance(env: Record<string, string>) {
  const database = createDatabase(shared.url);
  const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: shared.url, ...env });
  const app = await buildApp({ config, database });
  const baseUrl = await listen(app);
  return {
    app,
    baseUrl,
    async stop() {
      await app.close();
      await database.close();
    },
  };
}

const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: shared.url });
const services = createServices({ db: shared.db, config, clock: { now: () => new Date() } });
await services.users.createUser({
  employeeNo: 'AGENT-BUS',
  name: 'Agen Bus',
  role: 'agent',
  branchId: null,
  phone: null,
  email: null,
  password: testPassword,
});

async function intake(baseUrl: string, token: string) {
  const customer = await services.customers.createCustomer({
    name: 'Ibu Multi Instans',
    phone: '+6281299990000',
    email: null,
    address: 'Jl. Redis No. 1',
    areaCode: '31.74.07',
  });
  const response = await fetch(`${baseUrl}/api/v1/work-orders`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify({ customerId: customer.id, complaint: 'AC mati', serviceType: 'home_visit' }),
  });
  return (await response.json()) as { id: string };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      env: realClockEnv(),
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve(child);
    });
    child.on('error', reject);
  });
}

/** Instances listening on the outbox channel of a Redis. */
async function outboxSubscribers(url: string): Promise<number> {
  const redis = new Redis(url);
  try {
    const [, count] = (await redis.pubsub('NUMSUB', outboxChannel)) as [string, number];
    return count;
  } finally {
    redis.disconnect();
  }
}

/**
 * Until both instances listen (their subscription is asynchronous), bounded: another test
 * file's instances on the same Redis may come and go meanwhile.
 */
async function bothSubscribed(url: string, before: number) {
  for (let attempt = 0; attempt < 100 && (await outboxSubscribers(url)) < before + 2; attempt += 1) await sleep(50);
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

await services.areas.importAreas();
/** Fastify's logger when logging is off: what a bus started outside an app writes to. */
const silentLog = Fastify({ logger: false }).log;

describe.runIf(redisUrl)('event fan-out across instances', () => {
  it('delivers a change made on instance A to a stream on instance B long before its next poll, woken by Redis', async () => {
    // Polling so slow (a minute) that only Redis can explain a delivery within the wait below.
    const env = { REDIS_URL: redisUrl ?? '', EVENT_POLL_INTERVAL_MS: '60000' };
    const subscribedBefore = await outboxSubscribers(redisUrl ?? '');
    const a = await startInstance(env);
    const b = await startInstance(env);
    try {
      const token = await signIn(a.app, 'AGENT-BUS', testPassword);
      const stream = await openStream(b.baseUrl, token);
      await bothSubscribed(redisUrl ?? '', subscribedBefore);
      const order = await intake(a.baseUrl, token);
      await stream.waitFor((e) => e.data.id === order.id, 15_000);
      await stream.close();
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('keeps serving its own streams while Redis is down, and catches up from the outbox when Redis returns', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const env = { REDIS_URL: `redis://127.0.0.1:${port}`, EVENT_POLL_INTERVAL_MS: '60000' };
    const a = await startInstance(env);
    const b = await startInstance(env);
    try {
      const token = await signIn(a.app, 'AGENT-BUS', testPassword);
      const onA = await openStream(a.baseUrl, token);
      const onB = await openStream(b.baseUrl, token);
      await bothSubscribed(`redis://127.0.0.1:${port}`, 0);

      await killed(redis);
      const whileDown = await intake(a.baseUrl, token);
      await onA.waitFor((e) => e.data.id === whileDown.id, 8000);
      // Nothing to wait for: half a second in which B, polling once a minute, must not hear of it.
      await sleep(500);
      expect(onB.events.find((e) => e.data.id === whileDown.id)).toBeUndefined();

      redis = await startRedis(port);
      await onB.waitFor((e) => e.data.id === whileDown.id, 8000);
      await onA.close();
      await onB.close();
    } finally {
      redis.kill('SIGKILL');
      await a.stop();
      await b.stop();
    }
  });
});

describe('an instance without Redis', () => {
  it('serves its own streams at once and finds other instances’ changes by polling the outbox', async () => {
    const a = await startInstance({ EVENT_POLL_INTERVAL_MS: '60000' });
    const b = await startInstance({ EVENT_POLL_INTERVAL_MS: '200' });
    try {
      const token = await signIn(a.app, 'AGENT-BUS', testPassword);
      const onA = await openStream(a.baseUrl, token);
      const onB = await openStream(b.baseUrl, token);
      const order = await intake(a.baseUrl, token);
      await onA.waitFor((e) => e.data.id === order.id, 8000);
      await onB.waitFor((e) => e.data.id === order.id, 8000);
      await onA.close();
      await onB.close();
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});

describe('a hole in the outbox ids', () => {
  /** An event written straight into the outbox under a chosen id, as a transaction that commits late leaves it. */
  const writeEvent = (id: number, marker: string) =>
    shared.db
      .insertInto('outbox_event')
      .values({
        id,
        type: 'work_order.updated',
        workOrderId: null,
        branchId: null,
        technicianId: null,
        previousTechnicianId: null,
        provinceCode: null,
        regencyCode: null,
        districtCode: null,
        claimable: 0,
        recipientId: null,
        payload: JSON.stringify({ id: marker }),
        createdAt: new Date().toISOString(),
      })
      .execute();

  /**
   * A bus on a clock the test moves, woken by hand: what it hands over after each read of
   * the outbox, with no poll (an hour) and no sleep in between.
   */
  async function startHandClockBus(gapTimeoutMs: number) {
    let now = Date.now();
    const bus = createEventBus({
      db: shared.db,
      log: silentLog,
      pollIntervalMs: 3_600_000,
      gapTimeoutMs,
      now: () => now,
    });
    await bus.start();
    const received: string[] = [];
    await bus.subscribe(
      {
        scope: { userId: 'bus-test', role: 'admin', branchId: null, areaCodes: [] },
        send: (row) => received.push((JSON.parse(row.payload) as { id: string }).id),
        reload: () => undefined,
        revoked: () => undefined,
      },
      undefined,
    );
    /** Moves the clock on and reads the outbox once. */
    const readAfter = async (ms: number) => {
      now += ms;
      await bus.notifyCommitted();
      return [...received];
    };
    return { bus, readAfter };
  }

  it('waits EVENT_GAP_TIMEOUT_MS for the missing id, and delivers a late commit in order', async () => {
    // Galera holds commits for seconds while it evicts a node that died; the later id is
    // committed, the earlier one not yet.
    const { bus, readAfter } = await startHandClockBus(2500);
    try {
      const last = await findLatestEventId(shared.db);
      await writeEvent(last + 2, 'after-the-hole');
      expect(await readAfter(0)).toEqual([]);
      expect(await readAfter(2499)).toEqual([]);
      await writeEvent(last + 1, 'committed-late');
      expect(await readAfter(0)).toEqual(['committed-late', 'after-the-hole']);
    } finally {
      await bus.stop();
    }
  });

  it('waits out the holes a burst of rollbacks leaves together, not one after another', async () => {
    const { bus, readAfter } = await startHandClockBus(1500);
    try {
      const last = await findLatestEventId(shared.db);
      // A failover ends every transaction in flight: ids +1 and +3 never commit.
      await writeEvent(last + 2, 'between-the-holes');
      await writeEvent(last + 4, 'after-the-holes');
      expect(await readAfter(0)).toEqual([]);
      expect(await readAfter(1499)).toEqual([]);
      // One timeout for both: timing the second hole from the end of the first would hold
      // the last event a whole timeout after the other.
      expect(await readAfter(1)).toEqual(['between-the-holes', 'after-the-holes']);
    } finally {
      await bus.stop();
    }
  });

  it('goes past a hole that never fills (a rolled-back id) once EVENT_GAP_TIMEOUT_MS is over', async () => {
    const a = await startInstance({ EVENT_POLL_INTERVAL_MS: '100', EVENT_GAP_TIMEOUT_MS: '300' });
    try {
      const token = await signIn(a.app, 'AGENT-BUS', testPassword);
      const stream = await openStream(a.baseUrl, token);
      const last = await findLatestEventId(shared.db);
      await writeEvent(last + 2, 'past-a-rollback');
      await stream.waitFor((e) => e.data.id === 'past-a-rollback', 1500);
      await stream.close();
    } finally {
      await a.stop();
    }
  });
});
