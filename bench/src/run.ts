/*
 * npm run bench -- [--db sqlite|mysql] [--work-orders 200000] [--customers 50000]
 *                  [--technicians 300] [--duration 10] [--connections 32]
 *                  [--sse-clients 1000] [--idle-clients 10000] [--reuse]
 *
 * Generates the data set, starts the real server (the built dist/main.js) and the
 * bare-driver baseline as their own processes, measures them with autocannon, times
 * event fan-out, and writes a table and bench/results/<time>-<db>.json.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createConnection } from 'mysql2/promise';
import { loadConfig } from '../../apps/server/src/config';
import { createDatabase } from '../../apps/server/src/db/database';
import { migrateToLatest } from '../../apps/server/src/db/migrate';
import { benchPassword, generateDataSet } from './generate';
import { benchStreamLimits } from './private-services';
import { openSseClients } from './sse-clients';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    'work-orders': { type: 'string', default: '200000' },
    customers: { type: 'string', default: '50000' },
    technicians: { type: 'string', default: '300' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    'sse-clients': { type: 'string', default: '1000' },
    'idle-clients': { type: 'string', default: '10000' },
    reuse: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const size = {
  workOrders: Number(args['work-orders']),
  customers: Number(args.customers),
  technicians: Number(args.technicians),
};
const duration = Number(args.duration);
const connections = Number(args.connections);
const mysqlServer = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
if (args.db !== 'sqlite' && args.db !== 'mysql') throw new Error('--db must be sqlite or mysql');

const serverPort = 3901;
const baselinePort = 3902;
const serverUrl = `http://127.0.0.1:${serverPort}`;

async function prepareDatabase() {
  const dataDir = join(root, 'bench/.data');
  mkdirSync(dataDir, { recursive: true });
  const url =
    args.db === 'sqlite'
      ? `sqlite:${join(dataDir, `bench-${size.workOrders}.db`)}`
      : `${mysqlServer}/purnajual_bench_${size.workOrders}`;
  const manifestPath = join(dataDir, `${args.db}-${size.workOrders}.json`);
  if (args.reuse && existsSync(manifestPath)) {
    // Data generated before a newer migration gets it here: the server starts without migrating.
    const reused = createDatabase(url);
    await migrateToLatest(reused.db);
    await reused.close();
    return { url, generateSeconds: null, ...JSON.parse(readFileSync(manifestPath, 'utf8')) };
  }
  if (args.db === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${url.slice('sqlite:'.length)}${suffix}`, { force: true });
  } else {
    const admin = await createConnection(mysqlServer);
    await admin.query(`drop database if exists purnajual_bench_${size.workOrders}`);
    await admin.query(
      `create database purnajual_bench_${size.workOrders} character set utf8mb4 collate utf8mb4_unicode_ci`,
    );
    await admin.end();
  }
  const database = createDatabase(url);
  await migrateToLatest(database.db);
  const started = performance.now();
  const manifest = await generateDataSet(database.db, loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }), size);
  const generateSeconds = (performance.now() - started) / 1000;
  await database.close();
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { url, generateSeconds, ...manifest };
}

async function waitFor(url: string, timeoutMs = 30_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

function startServer(url: string): ChildProcess {
  return spawn(process.execPath, [join(root, 'apps/server/dist/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(serverPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MIGRATE_ON_START: 'false',
      SEED_DEMO_DATA: 'false',
      STORAGE_DIR: join(root, 'bench/.data/files'),
      LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
      ...benchStreamLimits,
      // One SLA pass at start (at most 100 flags), none during the measurements.
      SLA_CHECK_INTERVAL_MS: '86400000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

function startBaseline(
  url: string,
  manifest: { technicianId: string; technicianAreaCodes: string[]; jakartaBranchId: string },
) {
  return new Promise<ChildProcess>((resolveChild) => {
    const child = fork(join(here, 'baseline.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(baselinePort),
        BENCH_TECHNICIAN_ID: manifest.technicianId,
        BENCH_AREA_CODES: JSON.stringify(manifest.technicianAreaCodes),
        BENCH_BRANCH_ID: manifest.jakartaBranchId,
      },
    });
    child.once('message', () => resolveChild(child));
  });
}

async function signIn(username: string) {
  const response = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: benchPassword }),
  });
  const body = (await response.json()) as { token: string };
  return body.token;
}

interface Measured {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(name: string, options: autocannon.Options): Promise<Measured> {
  const result = await autocannon({ connections, duration, ...options });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function rssOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

async function main() {
  console.log(
    `Preparing ${args.db} with ${size.workOrders} work orders, ${size.customers} customers, ${size.technicians} technicians…`,
  );
  const dataset = await prepareDatabase();
  if (dataset.generateSeconds !== null) {
    console.log(
      `Generated in ${dataset.generateSeconds.toFixed(1)} s, the search index in ${dataset.indexSeconds.toFixed(1)} s of it`,
    );
  }

  const server = startServer(dataset.url);
  const baseline = await startBaseline(dataset.url, dataset);
  try {
    await waitFor(`${serverUrl}/readyz`);
    const agentToken = await signIn(dataset.agentEmployeeNo);
    const technicianToken = await signIn(dataset.technicianEmployeeNo);
    const agentHeaders = { authorization: `Bearer ${agentToken}` };

    const scheduled = (await (
      await fetch(`${serverUrl}/api/v1/work-orders?status=scheduled&branchId=${dataset.jakartaBranchId}&limit=200`, {
        headers: agentHeaders,
      })
    ).json()) as { items: { id: string }[] };
    const detailId = scheduled.items[0]?.id ?? '';
    let next = 0;
    const appointment = () => {
      const start = new Date(Date.now() + 86400_000);
      start.setUTCMinutes(0, 0, 0);
      return { start: start.toISOString(), end: new Date(start.getTime() + 7200_000).toISOString() };
    };

    const results: Measured[] = [];
    const run = async (name: string, options: autocannon.Options) => {
      if (args.only !== undefined && !name.includes(args.only)) return;
      console.log(`  ${name}…`);
      results.push(await measure(name, options));
    };
    await run('baseline: technician list (bare driver)', { url: `http://127.0.0.1:${baselinePort}/technician-list` });
    await run('technician list', {
      url: `${serverUrl}/api/v1/work-orders?limit=50`,
      headers: { authorization: `Bearer ${technicianToken}` },
    });
    await run('baseline: agent filtered list (bare driver)', { url: `http://127.0.0.1:${baselinePort}/agent-list` });
    await run('agent filtered list', {
      url: `${serverUrl}/api/v1/work-orders?status=scheduled&branchId=${dataset.jakartaBranchId}&limit=50`,
      headers: agentHeaders,
    });
    // Each request another of the generated customers' terms, as calls come in.
    const searching = (terms: readonly string[], path: (q: string) => string): autocannon.Options => {
      let turn = 0;
      return {
        url: serverUrl,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => {
              turn += 1;
              return {
                ...request,
                path: path(encodeURIComponent(terms[turn % terms.length] ?? '')),
                headers: agentHeaders,
              };
            },
          },
        ],
      };
    };
    const { phoneDigits, nameWords, serialPrefixes } = dataset.searchSamples;
    const customerSearch = (q: string) => `/api/v1/customers?q=${q}&limit=10`;
    const workOrderSearch = (q: string) => `/api/v1/work-orders?q=${q}&limit=50`;
    for (const [what, terms] of [
      ['phone digits', phoneDigits],
      ['name word', nameWords],
      ['serial start', serialPrefixes],
    ] as const) {
      await run(`customer search, ${what}, 1 connection`, { ...searching(terms, customerSearch), connections: 1 });
      await run(`customer search, ${what}`, searching(terms, customerSearch));
    }
    for (const [what, terms] of [
      ['phone digits', phoneDigits],
      ['name word', nameWords],
    ] as const) {
      await run(`work-order search, ${what}, 1 connection`, { ...searching(terms, workOrderSearch), connections: 1 });
      await run(`work-order search, ${what}`, searching(terms, workOrderSearch));
    }
    // The last full calendar month, for the busiest branch.
    const monthStart = new Date();
    monthStart.setUTCDate(1);
    monthStart.setUTCMonth(monthStart.getUTCMonth() - 1);
    const monthEnd = new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() + 1, 0));
    const month = `from=${monthStart.toISOString().slice(0, 10)}&to=${monthEnd.toISOString().slice(0, 10)}`;
    await run('KPIs, one branch, one month', {
      url: `${serverUrl}/api/v1/reports/kpis?${month}&branchId=${dataset.jakartaBranchId}`,
      headers: agentHeaders,
    });
    await run('dispatch: load for a branch', {
      url: `${serverUrl}/api/v1/work-orders/technician-loads?branchId=${dataset.jakartaBranchId}`,
      headers: agentHeaders,
    });
    const intakeCustomers: string[] = dataset.jakartaCustomerIds ?? [];
    if (intakeCustomers.length === 0) console.log('  (no intake customers in this data set: generate it again)');
    else {
      let nextCustomer = 0;
      await run('dispatch: intake with auto-assign', {
        url: serverUrl,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              nextCustomer += 1;
              return {
                ...request,
                path: '/api/v1/work-orders',
                headers: { ...agentHeaders, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
                body: JSON.stringify({
                  customerId: intakeCustomers[nextCustomer % intakeCustomers.length],
                  complaint: 'AC tidak dingin',
                  serviceType: 'home_visit',
                }),
              };
            },
          },
        ],
      });
    }
    await run('work-order detail', { url: `${serverUrl}/api/v1/work-orders/${detailId}`, headers: agentHeaders });
    await run('transition (schedule)', {
      url: serverUrl,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const id = scheduled.items[next % scheduled.items.length]?.id ?? detailId;
            next += 1;
            const { start, end } = appointment();
            return {
              ...request,
              path: `/api/v1/work-orders/${id}/transitions`,
              // As the console and the phone send every change: with a key of its own, so
              // the figure includes the request transaction that makes retries safe.
              headers: { ...agentHeaders, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
              body: JSON.stringify({ action: 'schedule', appointmentStart: start, appointmentEnd: end }),
            };
          },
        },
      ],
    });

    console.log(`  event fan-out to ${args['sse-clients']} streams…`);
    const clients = await openSseClients(serverUrl, agentToken, Number(args['sse-clients']));
    // From the moment the transition is sent (an upper bound: it includes the request
    // itself), and from its response (events may arrive before the response does).
    const fromSent: number[] = [];
    const fromResponse: number[] = [];
    for (let round = 0; round < 20; round += 1) {
      const id = scheduled.items[round % scheduled.items.length]?.id ?? detailId;
      const arrivals: Promise<number>[] = clients.map(
        (client) =>
          new Promise((resolveArrival) => {
            client.onEvent((data) => {
              if (data.id === id) resolveArrival(performance.now());
            });
          }),
      );
      const { start, end } = appointment();
      const sent = performance.now();
      const response = await fetch(`${serverUrl}/api/v1/work-orders/${id}/transitions`, {
        method: 'POST',
        headers: { ...agentHeaders, 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'schedule', appointmentStart: start, appointmentEnd: end }),
      });
      const answered = performance.now();
      if (!response.ok) throw new Error(`transition failed: ${response.status}`);
      for (const arrived of await Promise.all(arrivals)) {
        fromSent.push(arrived - sent);
        fromResponse.push(Math.max(0, arrived - answered));
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const fanOut = {
      clients: clients.length,
      fromSent: { p50: percentile(fromSent, 50), p99: percentile(fromSent, 99) },
      fromResponse: { p50: percentile(fromResponse, 50), p99: percentile(fromResponse, 99) },
    };
    for (const client of clients) client.close();

    console.log(`  ${args['idle-clients']} idle streams…`);
    const rssBefore = rssOf(server.pid);
    const idle = await openSseClients(serverUrl, agentToken, Number(args['idle-clients']), 500);
    await new Promise((r) => setTimeout(r, 3000));
    const rssIdle = rssOf(server.pid);
    for (const client of idle) client.close();

    const baselineOf = (name: string) =>
      results.find((r) => r.name === `baseline: ${name} (bare driver)`)?.requestsPerSecond ?? 0;
    const table = results.map((r) => ({
      scenario: r.name,
      'req/s': r.requestsPerSecond,
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      'vs baseline': r.name.startsWith('baseline')
        ? ''
        : baselineOf(r.name) > 0
          ? `${Math.round((100 * r.requestsPerSecond) / baselineOf(r.name))}%`
          : '',
      errors: r.errors,
    }));
    console.log(
      `\nPurnajual bench — ${args.db}, ${size.workOrders} work orders, ${connections} connections, ${duration} s each`,
    );
    console.table(table);
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    console.log(
      `Event fan-out to ${fanOut.clients} streams: from the transition's response p50 ${ms(fanOut.fromResponse.p50)}, p99 ${ms(fanOut.fromResponse.p99)}; from sending it p50 ${ms(fanOut.fromSent.p50)}, p99 ${ms(fanOut.fromSent.p99)}`,
    );
    console.log(
      `${idle.length} idle streams: server RSS ${(rssIdle / 2 ** 20).toFixed(0)} MiB (before: ${(rssBefore / 2 ** 20).toFixed(0)} MiB)`,
    );
    if (dataset.generateSeconds !== null) console.log(`Data generation: ${dataset.generateSeconds.toFixed(1)} s`);

    const resultsDir = join(root, 'bench/results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${args.db}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          db: args.db,
          size,
          connections,
          duration,
          generateSeconds: dataset.generateSeconds,
          results,
          fanOut,
          idle: { streams: idle.length, rssBytes: rssIdle, rssBeforeBytes: rssBefore },
        },
        null,
        2,
      ),
    );
    console.log(`Written to ${file}`);
  } finally {
    server.kill('SIGTERM');
    baseline.kill('SIGTERM');
  }
}

await main();
