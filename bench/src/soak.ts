/*
 * npm run soak -- [--duration 600] [--rate 30] [--db mariadb|sqlite] [--streams 20]
 *
 * A steady load for a long while against one API instance (the built dist/main.js) on the
 * seeded demo company: reads and writes at a fixed rate (open loop: requests go out on
 * schedule whether or not earlier ones have answered), every write with an
 * Idempotency-Key, and event streams open throughout. Every 10 s it samples the server's
 * resident memory (VmRSS), heap and event-loop delay (from /metrics); per minute it reports
 * request latency. At the end: a table and a trend verdict over the last two thirds of the
 * run (the first third is warm-up).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { WorkOrderDetail, WorkOrderTransitionBody } from '@purnajual/contract';
import { loadConfig } from '../../apps/server/src/config';
import { createDatabase } from '../../apps/server/src/db/database';
import { migrateToLatest } from '../../apps/server/src/db/migrate';
import { demoPassword, seedDemoData } from '../../apps/server/src/seed/demo-data';
import { EventRecorder, lastOutboxEventId } from './event-recorder';
import { appointmentSlot } from './load-scenarios';
import {
  benchMetricsToken,
  createApiInstance,
  type PrivateMariadb,
  rssOf,
  sleep,
  startPrivateMariadb,
} from './private-services';
import { signIn } from './retrying-client';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '600' },
    rate: { type: 'string', default: '30' },
    db: { type: 'string', default: 'mariadb' },
    streams: { type: 'string', default: '20' },
    'mariadb-port': { type: 'string', default: '3318' },
  },
});
const durationMs = Number(args.duration) * 1000;
const rate = Number(args.rate);
if (args.db !== 'mariadb' && args.db !== 'sqlite') throw new Error('--db must be mariadb or sqlite');
const sampleEveryMs = 10_000;
const port = 3913;
const baseUrl = `http://127.0.0.1:${port}`;

interface Done {
  at: number;
  ms: number;
  ok: boolean;
  write: boolean;
}

interface Sample {
  at: number;
  rssMiB: number;
  heapUsedMiB: number;
  loopP99Ms: number;
  loopMeanMs: number;
  loopMaxMs: number;
  openStreams: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  const covariance = points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0);
  const variance = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  return variance === 0 ? 0 : covariance / variance;
}

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return Number(line?.slice(line.lastIndexOf(' ') + 1) ?? Number.NaN);
}

async function sampleServer(pid: number, startedAt: number): Promise<Sample> {
  const text = await (
    await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${benchMetricsToken}` } })
  ).text();
  return {
    at: (Date.now() - startedAt) / 1000,
    rssMiB: (await rssOf(pid)) / 2 ** 20,
    heapUsedMiB: metric(text, 'nodejs_heap_size_used_bytes') / 2 ** 20,
    loopP99Ms: metric(text, 'nodejs_eventloop_lag_p99_seconds') * 1000,
    loopMeanMs: metric(text, 'nodejs_eventloop_lag_mean_seconds') * 1000,
    loopMaxMs: metric(text, 'nodejs_eventloop_lag_max_seconds') * 1000,
    openStreams: metric(text, 'sse_open_connections'),
  };
}

async function prepare(dir: string): Promise<{ url: string; mariadb?: PrivateMariadb }> {
  const mariadb =
    args.db === 'mariadb' ? await startPrivateMariadb(dir, Number(args['mariadb-port']), 'purnajual') : undefined;
  const url = mariadb?.url ?? `sqlite:${join(dir, 'soak.db')}`;
  const database = createDatabase(url);
  await migrateToLatest(database.db);
  // The demo's signatures go where the API instance reads its files (see createApiInstance).
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', STORAGE_DIR: join(dir, 'files') });
  await seedDemoData({ db: database.db, config });
  await database.close();
  return { url, mariadb };
}

/** Work orders taken through their life one step per write: intake → … → closed. */
/** Visits booked so far: each takes an appointment slot of its own. */
let bookings = 0;

const lifecycle: (WorkOrderTransitionBody['action'] | 'create')[] = [
  'create',
  'assign',
  'accept',
  'schedule',
  'depart',
  'start',
  'complete',
  'close',
];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'purnajual-soak-'));
  console.log(`Soak: ${durationMs / 1000} s at ${rate} req/s on ${args.db}, ${args.streams} event streams (in ${dir})`);
  const { url, mariadb } = await prepare(dir);
  const api = createApiInstance({ root, dir, name: 'api', port, databaseUrl: url });
  process.on('exit', () => {
    api.killNow();
    mariadb?.killNow();
  });
  await api.start();
  const pid = api.pid;
  if (pid === undefined) throw new Error('the server did not start');

  const database = createDatabase(url);
  const jakarta = await database.db
    .selectFrom('branch')
    .select('id')
    .where('code', '=', 'JKT')
    .executeTakeFirstOrThrow();
  const technicianNos = (
    await database.db
      .selectFrom('user')
      .select('employeeNo')
      .where('role', '=', 'technician')
      .where('branchId', '=', jakarta.id)
      .execute()
  ).map((u) => u.employeeNo);
  const customers = await database.db
    .selectFrom('customer')
    .innerJoin('customer_product', 'customer_product.customerId', 'customer.id')
    .select(['customer.id as id', 'customer_product.id as productId'])
    .where('customer.areaCode', 'like', '31.%')
    .execute();
  const recentOrders = (
    await database.db.selectFrom('work_order').select('id').orderBy('createdAt', 'desc').limit(100).execute()
  ).map((row) => row.id);
  const lastEventId = await lastOutboxEventId(database.db);
  await database.close();

  const urls = [baseUrl];
  const agentToken = await signIn(urls, '20001', demoPassword);
  const technicians = await Promise.all(
    technicianNos.map(async (employeeNo) => {
      const token = await signIn(urls, employeeNo, demoPassword);
      const me = (await (
        await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as {
        id: string;
      };
      return { id: me.id, token };
    }),
  );
  const adminToken = await signIn(urls, '10001', demoPassword);
  const streams = Array.from({ length: Number(args.streams) }, (_, i) => {
    const recorder = new EventRecorder(`stream ${i}`, baseUrl, adminToken, lastEventId);
    recorder.start();
    return recorder;
  });

  const done: Done[] = [];
  const samples: Sample[] = [];
  let inFlight = 0;
  let skipped = 0;
  const startedAt = Date.now();
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const sent = performance.now();
    inFlight += 1;
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const json = (await response.json()) as unknown;
      done.push({ at: Date.now() - startedAt, ms: performance.now() - sent, ok: response.ok, write: method !== 'GET' });
      return { ok: response.ok, json };
    } catch {
      done.push({ at: Date.now() - startedAt, ms: performance.now() - sent, ok: false, write: method !== 'GET' });
      return { ok: false, json: null };
    } finally {
      inFlight -= 1;
    }
  };

  interface Flow {
    id: string;
    version: number;
    step: number;
    technician: { id: string; token: string };
    busy: boolean;
  }
  const flows: Flow[] = [];
  let pick = 0;
  const write = async () => {
    const flow = flows.find((f) => !f.busy);
    if (!flow || flows.length < 10) {
      const customer = customers[pick % customers.length];
      const technician = technicians[pick % technicians.length];
      pick += 1;
      if (!customer || !technician) return;
      const created = await call(agentToken, 'POST', '/api/v1/work-orders', {
        customerId: customer.id,
        customerProductId: customer.productId,
        complaint: 'AC kurang dingin (soak)',
        serviceType: 'home_visit',
      });
      const detail = created.json as WorkOrderDetail;
      if (created.ok) flows.push({ id: detail.id, version: detail.version, step: 1, technician, busy: false });
      return;
    }
    flow.busy = true;
    const action = lifecycle[flow.step];
    // A slot of its own for each visit booked: the technician's other flows may be open at that hour.
    const slot = action === 'schedule' ? bookings++ : 0;
    const bodies: Partial<Record<string, WorkOrderTransitionBody>> = {
      assign: { action: 'assign', technicianId: flow.technician.id },
      accept: { action: 'accept' },
      schedule: { action: 'schedule', ...appointmentSlot(slot) },
      depart: { action: 'depart' },
      start: { action: 'start' },
      complete: {
        action: 'complete',
        diagnosis: 'Freon kurang',
        actionTaken: 'Isi freon, cek kebocoran',
        result: 'fixed',
        signature:
          'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      },
      close: { action: 'close' },
    };
    const body = action === undefined ? undefined : bodies[action];
    const byAgent = action === 'assign' || action === 'close';
    const answer = body
      ? await call(byAgent ? agentToken : flow.technician.token, 'POST', `/api/v1/work-orders/${flow.id}/transitions`, {
          ...body,
          version: flow.version,
        })
      : { ok: false, json: null };
    flow.busy = false;
    flow.step += 1;
    if (answer.ok) flow.version = (answer.json as WorkOrderDetail).version;
    if (!answer.ok || flow.step >= lifecycle.length) {
      flows.splice(flows.indexOf(flow), 1);
      recentOrders.push(flow.id);
      if (recentOrders.length > 200) recentOrders.shift();
    }
  };
  const reads = [
    () => {
      const technician = technicians[Math.floor(Math.random() * technicians.length)];
      return technician ? call(technician.token, 'GET', '/api/v1/work-orders?limit=50') : undefined;
    },
    () => call(agentToken, 'GET', '/api/v1/work-orders?open=true&limit=50'),
    () =>
      call(agentToken, 'GET', `/api/v1/work-orders/${recentOrders[Math.floor(Math.random() * recentOrders.length)]}`),
    () => call(agentToken, 'GET', '/api/v1/work-orders/counts'),
    () => {
      const technician = technicians[Math.floor(Math.random() * technicians.length)];
      return technician ? call(technician.token, 'GET', '/api/v1/me/inventory') : undefined;
    },
    () => {
      const technician = technicians[Math.floor(Math.random() * technicians.length)];
      return technician ? call(technician.token, 'GET', '/api/v1/notifications?limit=20') : undefined;
    },
  ];

  let stopping = false;
  const sampler = (async () => {
    while (!stopping) {
      await sleep(sampleEveryMs - ((Date.now() - startedAt) % sampleEveryMs));
      const sample = await sampleServer(pid, startedAt);
      samples.push(sample);
      const window = done.filter((d) => d.at > sample.at * 1000 - sampleEveryMs);
      console.log(
        `  ${sample.at.toFixed(0).padStart(4)} s  RSS ${sample.rssMiB.toFixed(1)} MiB  heap ${sample.heapUsedMiB.toFixed(1)} MiB  loop p99 ${sample.loopP99Ms.toFixed(1)} ms  requests p99 ${percentile(
          window.map((d) => d.ms),
          99,
        ).toFixed(0)} ms  in flight ${inFlight}`,
      );
    }
  })();

  const intervalMs = 1000 / rate;
  let sent = 0;
  for (let next = performance.now(); Date.now() - startedAt < durationMs; next += intervalMs) {
    await sleep(Math.max(0, next - performance.now()));
    // Open loop, but bounded: a server that stops answering must not drown the machine.
    if (inFlight >= 200) {
      skipped += 1;
      continue;
    }
    sent += 1;
    if (sent % 4 === 0) void write();
    else void reads[sent % reads.length]?.();
  }
  stopping = true;
  await sampler;
  while (inFlight > 0) await sleep(100);
  for (const stream of streams) stream.stop();
  await api.stop('SIGTERM');
  await mariadb?.stop('SIGTERM');

  const minutes = Math.ceil(durationMs / 60_000);
  const perMinute = Array.from({ length: minutes }, (_, minute) => {
    const inMinute = done.filter((d) => d.at >= minute * 60_000 && d.at < (minute + 1) * 60_000);
    // A sample taken at 60.02 s closes the first minute.
    const minuteSamples = samples.filter((s) => Math.min(minutes - 1, Math.floor((s.at - 1) / 60)) === minute);
    const last = minuteSamples.at(-1);
    return {
      minute: minute + 1,
      requests: inMinute.length,
      errors: inMinute.filter((d) => !d.ok).length,
      'p50 ms': Math.round(
        percentile(
          inMinute.map((d) => d.ms),
          50,
        ),
      ),
      'p99 ms': Math.round(
        percentile(
          inMinute.map((d) => d.ms),
          99,
        ),
      ),
      'writes p99 ms': Math.round(
        percentile(
          inMinute.filter((d) => d.write).map((d) => d.ms),
          99,
        ),
      ),
      'RSS MiB': last ? Number(last.rssMiB.toFixed(1)) : null,
      'heap MiB': last ? Number(last.heapUsedMiB.toFixed(1)) : null,
      'loop p99 ms (max)': Number(Math.max(...minuteSamples.map((s) => s.loopP99Ms)).toFixed(1)),
    };
  });

  const steady = samples.filter((s) => s.at >= durationMs / 3000);
  const windowMinutes = (durationMs * 2) / 3 / 60_000;
  const rssSlope = slope(steady.map((s) => ({ x: s.at / 60, y: s.rssMiB })));
  const heapSlope = slope(steady.map((s) => ({ x: s.at / 60, y: s.heapUsedMiB })));
  const meanRss = steady.reduce((sum, s) => sum + s.rssMiB, 0) / Math.max(1, steady.length);
  const rssGrowth = rssSlope * windowMinutes;
  const rssFlat = Math.abs(rssGrowth) < Math.max(10, meanRss * 0.05);
  const steadyMinutes = perMinute.slice(Math.floor(minutes / 3));
  const p99s = steadyMinutes.map((m) => m['p99 ms']);
  const p99Median = percentile(p99s, 50);
  const p99Stable = Math.max(...p99s) <= Math.max(2 * p99Median, p99Median + 50);
  const loopP99 = steady.map((s) => s.loopP99Ms);

  console.log(
    `\nPurnajual soak — ${args.db}, ${(durationMs / 60_000).toFixed(0)} min at ${rate} req/s (¾ reads, ¼ writes), ${streams.length} event streams`,
  );
  console.table(perMinute);
  console.log(
    `Requests: ${done.length} answered, ${done.filter((d) => !d.ok).length} errors, ${skipped} not sent (200 in flight)`,
  );
  console.log(
    `RSS over the last ${windowMinutes.toFixed(1)} min: slope ${rssSlope.toFixed(2)} MiB/min (${rssGrowth >= 0 ? '+' : ''}${rssGrowth.toFixed(1)} MiB over the window, mean ${meanRss.toFixed(0)} MiB) — ${rssFlat ? 'no growth trend' : 'GROWING'}`,
  );
  console.log(`Heap used over the same window: slope ${heapSlope.toFixed(2)} MiB/min`);
  console.log(
    `Event-loop delay p99 per 10 s: median ${percentile(loopP99, 50).toFixed(1)} ms, max ${Math.max(...loopP99).toFixed(1)} ms`,
  );
  console.log(
    `Request p99 per minute after warm-up: median ${p99Median} ms, max ${Math.max(...p99s)} ms — ${p99Stable ? 'stable' : 'UNSTABLE'}`,
  );

  const resultsDir = join(root, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-soak-${args.db}.json`);
  writeFileSync(
    file,
    JSON.stringify({ db: args.db, rate, durationMs, perMinute, samples, rssSlope, heapSlope }, null, 2),
  );
  console.log(`Written to ${file}`);
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = rssFlat && p99Stable ? 0 : 1;
}

await main();
