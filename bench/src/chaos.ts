/*
 * npm run chaos -- [--duration 90] [--seed <n>] [--api-kills 4] [--db-restarts 2]
 *                  [--redis-restarts 2] [--technicians 6] [--drop-answers 0.02] [--keep]
 *                  [--galera] [--galera-port 3340]
 *
 * Fault injection. Starts a private MariaDB and Redis (own data directory and ports; the
 * machine's shared services are never touched), seeds the demo company, starts two API
 * instances on them, and lets agents, technicians and the warehouse of one branch work
 * through the API — every mutation with its own Idempotency-Key, retried against the other
 * instance until the answer is definitive — while the API instances are killed with
 * SIGKILL, MariaDB is crashed or shut down, and Redis is killed, at random moments. Event
 * streams stay open on both instances and reconnect with Last-Event-ID. At the end the
 * database is held to what the clients were told, and the streams to the outbox. Exits
 * non-zero when anything was lost, duplicated or out of place.
 *
 * With --galera the database is a three-node MariaDB Galera cluster behind HAProxy (one
 * writer, two backups; see galera-cluster.ts) instead of the single MariaDB, and each
 * database fault kills one node with SIGKILL and lets it rejoin: the writer (HAProxy fails
 * over to a backup, and back once it is Synced again) and a backup, in turn. A probe writes
 * through HAProxy every 100 ms to time each failover; at the end the nodes must hold the
 * same data.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { loadConfig } from '../../apps/server/src/config';
import { createDatabase } from '../../apps/server/src/db/database';
import { migrateToLatest } from '../../apps/server/src/db/migrate';
import type { EventScope } from '../../apps/server/src/platform/access-policy/event-policy';
import { demoPassword, seedDemoData } from '../../apps/server/src/seed/demo-data';
import { createRandom } from '../../apps/server/src/seed/random';
import { checkChanges, checkEvents, checkStockLedger, checkWorkOrderStates, type Tally } from './chaos-checks';
import {
  Dispatch,
  type LoadContext,
  newAcknowledged,
  type Person,
  runAgent,
  runTechnician,
  runWarehouse,
} from './chaos-load';
import { EventRecorder, lastOutboxEventId } from './event-recorder';
import { type GaleraCluster, galeraCluster, type WriteProbe, writeOutage } from './galera-cluster';
import {
  type ApiInstance,
  createApiInstance,
  type PrivateMariadb,
  type PrivateRedis,
  sleep,
  startPrivateMariadb,
  startPrivateRedis,
} from './private-services';
import { newStats, RetryingClient, signIn } from './retrying-client';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '90' },
    seed: { type: 'string' },
    'api-kills': { type: 'string', default: '4' },
    'db-restarts': { type: 'string', default: '2' },
    'redis-restarts': { type: 'string', default: '2' },
    technicians: { type: 'string', default: '6' },
    'drop-answers': { type: 'string', default: '0.02' },
    'mariadb-port': { type: 'string', default: '3317' },
    'redis-port': { type: 'string', default: '6387' },
    galera: { type: 'boolean', default: false },
    'galera-port': { type: 'string', default: '3340' },
    keep: { type: 'boolean', default: false },
  },
});
const durationMs = Number(args.duration) * 1000;
const seed = args.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(args.seed);
const random = createRandom(seed);
const apiPorts = [3911, 3912];
const databaseTarget = args.galera ? 'Galera node' : 'MariaDB';

type FaultKind = 'api' | 'mariadb' | 'redis';
/** What a Galera node kill did to writes through HAProxy, and how the node came back. */
interface NodeFaultDetails {
  /** After a writer's kill: when HAProxy first connected to another node. */
  'HAProxy failover ms'?: number;
  /** The first write acknowledged after the kill, and the node that took it. */
  'writes again after': string;
  /**
   * Each stretch of more than a second without an acknowledged write, from the kill until
   * a second after the rejoin: its length, and when it began after the kill.
   */
  'write stalls': string;
  /** IST or SST, and the time from the restart until the node was Synced. */
  rejoin: string;
}

interface Fault extends Partial<NodeFaultDetails> {
  at: string;
  fault: string;
  'down ms': number;
  'also down': string;
  'ready again ms': number;
}

/** The database under test: one private MariaDB, or the Galera cluster behind HAProxy. */
interface DatabaseTier {
  url: string;
  /**
   * The `n`-th database fault of the run (from 1): takes the database, or one of its
   * nodes, down for `downMs` and brings it back. `pick` (in [0, 1)) chooses among nodes.
   */
  fault(n: number, downMs: number, pick: number): Promise<{ fault: string; details?: NodeFaultDetails }>;
  stop(): Promise<void>;
  killNow(): void;
}

function singleMariadb(mariadb: PrivateMariadb): DatabaseTier {
  return {
    url: mariadb.url,
    async fault(n, downMs) {
      // Crashes (InnoDB recovers at the next start) and clean shutdowns in turn.
      const signal = n % 2 ? 'SIGKILL' : 'SIGTERM';
      await mariadb.stop(signal);
      await sleep(downMs);
      await mariadb.start();
      return { fault: signal === 'SIGKILL' ? 'MariaDB kill -9' : 'MariaDB shutdown' };
    },
    stop: () => mariadb.stop('SIGTERM'),
    killNow: () => mariadb.killNow(),
  };
}

function galeraTier(cluster: GaleraCluster, probe: WriteProbe, database: string): DatabaseTier {
  return {
    url: cluster.url(database),
    async fault(n, downMs, pick) {
      // The writer first, then a backup, in turn.
      const writer = await cluster.writer();
      const isWriter = n % 2 === 1;
      const backups = cluster.nodes.filter((node) => node.name !== writer);
      const node = isWriter
        ? cluster.nodes.find((candidate) => candidate.name === writer)
        : backups[Math.floor(pick * backups.length)];
      if (!node) throw new Error(`no node to kill (writer ${writer})`);
      const killedAt = Date.now();
      await node.stop('SIGKILL');
      await sleep(downMs);
      const { syncedMs, transfer } = await cluster.rejoin(node);
      // HAProxy gives the writes back to the first node once it is up: part of the outage.
      await sleep(1000);
      const outage = writeOutage(probe, killedAt, Date.now(), isWriter ? node.name : undefined);
      return {
        fault: `${node.name} (${isWriter ? 'writer' : 'backup'}) kill -9`,
        details: {
          ...(isWriter ? { 'HAProxy failover ms': outage.connectedMs } : {}),
          'writes again after': `${outage.firstWriteMs ?? '–'} ms, ${outage.node ?? 'none'}`,
          'write stalls':
            outage.stalls.map((s) => `${s.ms} ms at +${(s.atMs / 1000).toFixed(1)} s`).join(', ') || 'none',
          rejoin: `${transfer}, ${(syncedMs / 1000).toFixed(1)} s`,
        },
      };
    },
    async stop() {
      await probe.stop();
      await cluster.stop('SIGTERM');
    },
    killNow: () => cluster.killNow(),
  };
}

const between = (min: number, max: number) => min + random.next() * (max - min);

async function everyInstanceReady(instances: ApiInstance[], timeoutMs = 120_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const ready = await Promise.all(
      instances.map((api) =>
        fetch(`${api.url}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
          (response) => response.ok,
          () => false,
        ),
      ),
    );
    if (ready.every(Boolean)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error('the instances did not get ready again');
    await sleep(100);
  }
}

interface PlannedFault {
  kind: FaultKind;
  at: number;
  down: number;
  target: string;
  /** API instances and Redis: how they are stopped (the database tier chooses its own). */
  signal: NodeJS.Signals;
  /** The database fault's number in the run, from 1. */
  n: number;
  pick: number;
}

/**
 * The faults at random moments of the run. Faults of different targets may overlap (an API
 * instance restarted while MariaDB is down); one target takes one fault at a time.
 */
async function injectFaults(
  startedAt: number,
  instances: ApiInstance[],
  database: DatabaseTier,
  redis: PrivateRedis,
  counts: Record<FaultKind, number>,
): Promise<Fault[]> {
  const kinds = (Object.entries(counts) as [FaultKind, number][]).flatMap(([kind, count]) =>
    Array.from({ length: count }, () => kind),
  );
  let databaseFaults = 0;
  const plan: PlannedFault[] = kinds
    .map((kind) => ({ kind, at: between(0.08, 0.85) * durationMs }))
    .sort((a, b) => a.at - b.at)
    .map(({ kind, at }) => {
      const fault = { kind, at, signal: 'SIGKILL' as const, n: 0, pick: 0 };
      if (kind === 'api') return { ...fault, down: between(300, 3000), target: random.pick(instances).name };
      if (kind === 'redis') return { ...fault, down: between(500, 3000), target: 'Redis' };
      databaseFaults += 1;
      // One database fault at a time: a Galera node must be Synced again before the next.
      // (The pick is drawn for Galera only, so that a seed still plans the faults it did.)
      const pick = args.galera ? random.next() : 0;
      return { ...fault, down: between(1000, 4000), target: databaseTarget, n: databaseFaults, pick };
    });
  const done: Fault[] = [];
  const down = new Set<string>();
  const busy = new Map<string, Promise<unknown>>();
  const inject = async ({ kind, target, signal, down: downMs, n, pick }: PlannedFault) => {
    const when = `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;
    const alsoDown = [...down].join(', ');
    down.add(target);
    let fault: string;
    let details: NodeFaultDetails | undefined;
    if (kind === 'mariadb') {
      ({ fault, details } = await database.fault(n, downMs, pick));
    } else {
      const service = instances.find((api) => api.name === target) ?? redis;
      fault = signal === 'SIGKILL' ? `${target} kill -9` : `${target} shutdown`;
      await service.stop(signal);
      await sleep(downMs);
      await service.start();
    }
    down.delete(target);
    const note = details
      ? `; ${Object.entries(details)
          .map(([k, v]) => `${k} ${v}`)
          .join('; ')}`
      : '';
    console.log(
      `  ${when}: ${fault}, down ${Math.round(downMs)} ms${alsoDown ? ` (while ${alsoDown} down)` : ''}${note}`,
    );
    const ready = await everyInstanceReady(instances);
    done.push({
      at: when,
      fault,
      'down ms': Math.round(downMs),
      'also down': alsoDown,
      'ready again ms': ready,
      ...details,
    });
  };
  await Promise.all(
    plan.map(async (planned) => {
      await sleep(Math.max(0, startedAt + planned.at - Date.now()));
      const previous = busy.get(planned.target) ?? Promise.resolve();
      const current = previous.then(() => inject(planned));
      busy.set(
        planned.target,
        current.catch(() => undefined),
      );
      await current;
    }),
  );
  return done.sort((a, b) => Number.parseFloat(a.at) - Number.parseFloat(b.at));
}

/**
 * The causes the API instances logged with their warnings and errors (pino's JSON lines):
 * message and error code, counted — which database errors the faults turned into what.
 */
async function databaseErrorsLogged(logFiles: string[]): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  for (const file of logFiles) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string; err?: Record<string, unknown> };
        if ((entry.level ?? 0) < 40 || !entry.err) continue;
        const { code, errno, message } = entry.err;
        const cause = code === undefined ? String(message).slice(0, 80) : `${code}${errno ? ` ${errno}` : ''}`;
        const key = `${entry.msg}: ${cause}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      } catch {
        // a line that is not a log entry
      }
    }
  }
  return seen;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'purnajual-chaos-'));
  const stoppable: { killNow(): void }[] = [];
  process.on('exit', () => {
    for (const process_ of stoppable) process_.killNow();
  });
  console.log(`Chaos run, seed ${seed}, ${durationMs / 1000} s, in ${dir}`);

  let cluster: GaleraCluster | undefined;
  let probe: WriteProbe | undefined;
  let tier: DatabaseTier;
  if (args.galera) {
    console.log('Starting a 3-node Galera cluster behind HAProxy and a private Redis, migrating and seeding…');
    // The nodes may run as another account (mysql, when this runs as root): it must reach its folder.
    chmodSync(dir, 0o711);
    cluster = galeraCluster({ dir: join(dir, 'galera'), basePort: Number(args['galera-port']) });
    stoppable.push(cluster);
    await cluster.create();
    const admin = await createConnection(cluster.serverUrl);
    await admin.query('create database purnajual character set utf8mb4 collate utf8mb4_unicode_ci');
    await admin.end();
    probe = cluster.startWriteProbe();
    tier = galeraTier(cluster, probe, 'purnajual');
  } else {
    console.log('Starting a private MariaDB and Redis, migrating and seeding the demo company…');
    const mariadb = await startPrivateMariadb(dir, Number(args['mariadb-port']), 'purnajual');
    stoppable.push(mariadb);
    tier = singleMariadb(mariadb);
  }
  const redis = await startPrivateRedis(dir, Number(args['redis-port']));
  stoppable.push(redis);
  let database = createDatabase(tier.url);
  await migrateToLatest(database.db);
  await seedDemoData({
    db: database.db,
    config: loadConfig({ DATABASE_URL: tier.url, LOG_LEVEL: 'silent', STORAGE_DIR: join(dir, 'files') }),
  });
  const { db } = database;
  const branch = await db.selectFrom('branch').select('id').where('code', '=', 'JKT').executeTakeFirstOrThrow();
  const users = await db.selectFrom('user').select(['id', 'employeeNo', 'name', 'role', 'branchId']).execute();
  const user = (employeeNo: string) => {
    const found = users.find((u) => u.employeeNo === employeeNo);
    if (!found) throw new Error(`no demo user ${employeeNo}`);
    return found;
  };
  const technicianCount = Number(args.technicians);
  const technicianUsers = users
    .filter((u) => u.role === 'technician' && u.branchId === branch.id)
    .sort((a, b) => a.employeeNo.localeCompare(b.employeeNo))
    .slice(0, technicianCount);
  const customers = await db
    .selectFrom('customer')
    .innerJoin('customer_product', 'customer_product.customerId', 'customer.id')
    .select(['customer.id as id', 'customer_product.id as productId'])
    .where('customer.areaCode', 'like', '31.%')
    .execute();
  const partIds = (await db.selectFrom('part').select('id').execute()).map((p) => p.id);
  const warehouse = await db
    .selectFrom('stock_location')
    .select('id')
    .where('branchId', '=', branch.id)
    .where('kind', '=', 'warehouse')
    .executeTakeFirstOrThrow();
  const technicianWatched = technicianUsers[0];
  if (!technicianWatched) throw new Error('no technicians in the Jakarta branch');
  const watchedAreas = (
    await db.selectFrom('technician_area').select('areaCode').where('userId', '=', technicianWatched.id).execute()
  ).map((row) => row.areaCode);
  const firstEventId = Number(
    (
      await db
        .selectFrom('outbox_event')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst()
    )?.id ?? 0,
  );
  await database.close();

  const instances = apiPorts.map((port, index) =>
    createApiInstance({
      root,
      dir,
      name: `api-${String.fromCharCode(97 + index)}`,
      port,
      databaseUrl: tier.url,
      redisUrl: redis.url,
      // Galera holds commits while it evicts a killed node (about 6 s here): the bus must
      // wait longer than that for a hole in the outbox ids before it goes past it.
      env: args.galera ? { EVENT_GAP_TIMEOUT_MS: '10000' } : {},
    }),
  );
  stoppable.push(...instances);
  await Promise.all(instances.map((api) => api.start()));
  const urls = instances.map((api) => api.url);

  const stats = newStats();
  const person = async (employeeNo: string): Promise<Person> => {
    const { id, name } = user(employeeNo);
    const token = await signIn(urls, employeeNo, demoPassword);
    return { id, name, client: new RetryingClient(urls, token, stats, Number(args['drop-answers'])) };
  };
  const agents = [await person('20001'), await person('20002')];
  const technicians = await Promise.all(technicianUsers.map((t) => person(t.employeeNo)));
  const clerk = await person('40001');

  const admin = user('10001');
  const adminToken = await signIn(urls, admin.employeeNo, demoPassword);
  const technicianToken = await signIn(urls, technicianWatched.employeeNo, demoPassword);
  const adminScope: EventScope = { userId: admin.id, role: 'admin', branchId: null, areaCodes: [] };
  const technicianScope: EventScope = {
    userId: technicianWatched.id,
    role: 'technician',
    branchId: technicianWatched.branchId,
    areaCodes: watchedAreas,
  };
  const recorders = instances.flatMap((api) => [
    { recorder: new EventRecorder(`${api.name} admin`, api.url, adminToken, firstEventId), scope: adminScope },
    {
      recorder: new EventRecorder(`${api.name} technician`, api.url, technicianToken, firstEventId),
      scope: technicianScope,
    },
  ]);
  for (const { recorder } of recorders) recorder.start();

  const acknowledged = newAcknowledged();
  let stopping = false;
  const context: LoadContext = {
    acknowledged,
    isStopping: () => stopping,
    random: random.next,
    customers,
    partIds,
    warehouseLocationId: warehouse.id,
  };
  const dispatch = new Dispatch(technicians.map((t) => t.id));
  const workerErrors: string[] = [];
  const guard = (name: string, work: Promise<void>) =>
    work.catch((error: unknown) => {
      workerErrors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    });

  console.log(
    `Load: ${agents.length} agents, ${technicians.length} technicians, 1 warehouse clerk on 2 instances; ${recorders.length} event streams`,
  );
  const startedAt = Date.now();
  console.log(`Load started at ${new Date(startedAt).toISOString()} (the faults' times count from here)`);
  const workers = [
    ...agents.map((agent) => guard(agent.name, runAgent(context, agent, dispatch, technicians.length * 2))),
    ...technicians.map((technician) => guard(technician.name, runTechnician(context, technician, dispatch))),
    guard(clerk.name, runWarehouse(context, clerk)),
  ];
  const faults = await injectFaults(startedAt, instances, tier, redis, {
    api: Number(args['api-kills']),
    mariadb: Number(args['db-restarts']),
    redis: Number(args['redis-restarts']),
  });
  await sleep(Math.max(0, startedAt + durationMs - Date.now()));
  stopping = true;
  console.log('Stopping the load; every mutation in flight is retried until answered…');
  await Promise.all(workers);
  const loadSeconds = (Date.now() - startedAt) / 1000;

  database = createDatabase(tier.url);
  const lastEventId = await lastOutboxEventId(database.db);
  // The streams catch up: an instance polls the outbox every second even without Redis.
  const catchUpStarted = Date.now();
  while (Date.now() - catchUpStarted < 30_000) {
    if (recorders.every(({ recorder }) => recorder.lastId >= lastEventId || recorder.name.endsWith('technician')))
      break;
    await sleep(200);
  }
  await sleep(2000);
  for (const { recorder } of recorders) recorder.stop();

  const tally: Tally = { lost: 0, duplicated: 0, phantom: 0 };
  const results = await checkChanges(database.db, acknowledged, tally);
  results.push(await checkWorkOrderStates(database.db));
  results.push(await checkStockLedger(database.db));
  const events = await checkEvents(database.db, recorders, firstEventId);
  results.push(events.result);
  const pending = await database.db
    .selectFrom('idempotency_record')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('state', '!=', 'done')
    .executeTakeFirstOrThrow();
  results.push({
    name: 'idempotency records settled',
    passed: Number(pending.count) === 0,
    detail: `${pending.count} left in progress`,
  });
  results.push({
    name: 'no refusal of a change the client alone made',
    passed: acknowledged.unexpectedRefusals.length === 0,
    detail:
      acknowledged.unexpectedRefusals.length === 0 ? 'none' : acknowledged.unexpectedRefusals.slice(0, 3).join('; '),
  });
  results.push({
    name: 'every client finished',
    passed: workerErrors.length === 0 && stats.unanswered === 0,
    detail: workerErrors.length === 0 ? `${stats.unanswered} unanswered` : workerErrors.slice(0, 3).join('; '),
  });
  await database.close();

  await Promise.all(instances.map((api) => api.stop('SIGTERM')));
  if (cluster) {
    // Nothing writes any more: every node must have applied the same write sets.
    await probe?.stop();
    const { tables, differing } = await cluster.compareNodes('purnajual');
    results.push({
      name: 'Galera nodes hold the same data',
      passed: differing.length === 0,
      detail: differing.length === 0 ? `${tables} tables, same checksum on 3 nodes` : `differ: ${differing.join(', ')}`,
    });
  }
  await redis.stop('SIGTERM');
  await tier.stop();

  const count = (prefix: string) => faults.filter((f) => f.fault.startsWith(prefix)).length;
  const countIn = (text: string) => faults.filter((f) => f.fault.includes(text)).length;
  const apiKills = faults.filter((f) => f.fault.startsWith('api-')).length;
  const databaseErrors = await databaseErrorsLogged(instances.map((api) => join(dir, `${api.name}.log`)));
  const databaseName = args.galera ? 'Galera (3 nodes behind HAProxy)' : 'MariaDB';
  console.log(
    `\nPurnajual chaos — seed ${seed}, ${loadSeconds.toFixed(0)} s of load on 2 instances, ${databaseName}, Redis`,
  );
  console.log('\nFaults injected');
  console.table(faults);
  console.log('\nSummary');
  console.table([
    { measure: 'API instances killed (kill -9)', value: apiKills },
    args.galera
      ? {
          measure: 'Galera nodes killed (kill -9; writer / backup)',
          value: `${countIn(') kill')} (${countIn('(writer)')} / ${countIn('(backup)')})`,
        }
      : {
          measure: 'MariaDB restarts (crash / clean)',
          value: `${count('MariaDB')} (${count('MariaDB kill')} / ${count('MariaDB shutdown')})`,
        },
    { measure: 'Redis restarts (kill -9)', value: count('Redis') },
    { measure: 'HTTP requests sent (all attempts)', value: stats.requests },
    { measure: 'mutations (idempotency keys)', value: stats.mutations },
    { measure: 'acknowledged (2xx)', value: stats.acknowledged },
    { measure: 'refused for good (4xx)', value: stats.refused },
    { measure: 'retried (more than one attempt)', value: stats.retried },
    { measure: 'failed attempts (network, 5xx, in progress)', value: stats.failedAttempts },
    { measure: 'answers dropped on the way back (simulated)', value: stats.dropped },
    { measure: 'answers replayed from the idempotency store', value: stats.replayed },
    { measure: 'unanswered', value: stats.unanswered },
    { measure: 'lost', value: tally.lost },
    { measure: 'duplicated', value: tally.duplicated },
    { measure: 'applied though refused or unanswered', value: tally.phantom },
  ]);
  if (stats.serverErrors.size > 0) {
    console.log(
      `5xx answers seen while faults were on: ${[...stats.serverErrors].map(([s, n]) => `${s} ×${n}`).join(', ')}`,
    );
  }
  if (databaseErrors.size > 0) {
    console.log('Logged by the API instances (warnings and errors with a cause):');
    for (const [what, n] of [...databaseErrors].sort((a, b) => b[1] - a[1])) console.log(`  ${what} ×${n}`);
  }
  console.log('\nEvent streams');
  console.table(events.summaries);
  console.log('\nChecks');
  console.table(results.map((r) => ({ check: r.name, result: r.passed ? 'ok' : 'FAILED', detail: r.detail })));
  for (const refusal of acknowledged.unexpectedRefusals) console.log(`  unexpected refusal: ${refusal}`);

  const databaseFaultsMet = args.galera ? countIn('(writer)') >= 1 && countIn('(backup)') >= 1 : count('MariaDB') >= 2;
  const faultsMet = apiKills >= 3 && databaseFaultsMet && count('Redis') >= 2;
  const passed = results.every((r) => r.passed) && tally.lost === 0 && tally.duplicated === 0 && tally.phantom === 0;
  if (!faultsMet) {
    const database = args.galera ? 'a writer and a backup node killed' : '2 MariaDB restarts';
    console.log(`Fewer faults than the minimum (3 API kills, ${database}, 2 Redis restarts).`);
  }
  if (passed && !args.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`Logs and data kept in ${dir}`);
  console.log(passed ? 'PASSED' : 'FAILED');
  process.exitCode = passed ? 0 : 1;
}

await main();
