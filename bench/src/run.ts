/*
 * npm run bench -- [--db sqlite|mysql] [--scale default|national] [--work-orders n]
 *                  [--customers n] [--technicians n] [--duration 10] [--connections 32]
 *                  [--sse-clients 1000] [--idle-clients 10000] [--reuse] [--only part-of-a-name]
 *
 * Generates the data set, starts the real server (the built dist/main.js) and the
 * bare-driver baseline as their own processes, measures them with autocannon, times
 * event fan-out, and writes a table and bench/results/<time>-<db>.json.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type ScaleName, scaleNames, scales } from './data-set/scale';
import { benchPassword, type Manifest } from './generate';
import { type Measured, runLoadScenarios } from './load-scenarios';
import { prepareDatabase } from './prepare';
import { benchStreamLimits } from './private-services';
import { measureFanOut, measureIdleStreams } from './stream-scenarios';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    scale: { type: 'string', default: 'default' },
    'work-orders': { type: 'string' },
    customers: { type: 'string' },
    technicians: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    'sse-clients': { type: 'string', default: '1000' },
    'idle-clients': { type: 'string', default: '10000' },
    reuse: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const isScaleName = (name: string): name is ScaleName => (scaleNames as readonly string[]).includes(name);
if (!isScaleName(args.scale)) throw new Error(`--scale must be one of ${scaleNames.join(', ')}`);
if (args.db !== 'sqlite' && args.db !== 'mysql') throw new Error('--db must be sqlite or mysql');
const db = args.db;
const scale = scales[args.scale];
// The scale sets the sizes; any of them may be given smaller (or larger) for a quick run.
const size = {
  workOrders: Number(args['work-orders'] ?? scale.size.workOrders),
  customers: Number(args.customers ?? scale.size.customers),
  technicians: Number(args.technicians ?? scale.size.technicians),
};
const duration = Number(args.duration);
const connections = Number(args.connections);

const serverPort = 3901;
const baselinePort = 3902;
const serverUrl = `http://127.0.0.1:${serverPort}`;

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
      // The load signs office roles in by password alone.
      TOTP_REQUIRED_ROLES: 'none',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
      ...benchStreamLimits,
      // One SLA pass at start (at most 100 flags), none during the measurements.
      SLA_CHECK_INTERVAL_MS: '86400000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

function startBaseline(url: string, manifest: Manifest) {
  return new Promise<ChildProcess>((resolveChild) => {
    const child = fork(join(here, 'baseline.ts'), [], {
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(baselinePort),
        BENCH_TECHNICIAN_ID: manifest.technicianId,
        BENCH_AREA_CODES: JSON.stringify(manifest.technicianAreaCodes),
        BENCH_BRANCH_ID: manifest.benchBranch.id,
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

function printGeneration(dataset: Manifest & { generateSeconds: number | null }) {
  if (dataset.generateSeconds === null) return;
  console.log(`Generated in ${dataset.generateSeconds.toFixed(1)} s:`);
  console.table(dataset.timings.phases.map(({ phase, seconds }) => ({ phase, s: Number(seconds.toFixed(1)) })));
  console.table(
    dataset.timings.tables.map(({ table, rows, seconds }) => ({
      table,
      rows,
      'insert s': Number(seconds.toFixed(1)),
      'rows/s': Math.round(rows / Math.max(seconds, 0.001)),
      'index s': Number((dataset.timings.indexes.find((index) => index.table === table)?.seconds ?? 0).toFixed(1)),
    })),
  );
}

function printResults(results: Measured[]) {
  const baselineOf = (name: string) =>
    results.find((r) => r.name === `baseline: ${name} (bare driver)`)?.requestsPerSecond ?? 0;
  console.table(
    results.map((r) => ({
      scenario: r.name,
      'req/s': r.requestsPerSecond,
      'p50 ms': Number(r.p50.toFixed(1)),
      'p95 ms': Number(r.p95.toFixed(1)),
      'p99 ms': Number(r.p99.toFixed(1)),
      'vs baseline': baselineOf(r.name) > 0 ? `${Math.round((100 * r.requestsPerSecond) / baselineOf(r.name))}%` : '',
      errors: r.errors,
    })),
  );
}

async function main() {
  console.log(
    `Preparing ${db} at the ${scale.name} scale: ${size.workOrders} work orders, ${size.customers} customers, ${size.technicians} technicians…`,
  );
  const dataset = await prepareDatabase({
    db,
    scale,
    size,
    reuse: args.reuse,
    dataDir: join(root, 'bench/.data'),
    mysqlServer: process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
  });
  printGeneration(dataset);

  const server = startServer(dataset.url);
  const baseline = await startBaseline(dataset.url, dataset);
  try {
    await waitFor(`${serverUrl}/readyz`);
    const agentToken = await signIn(dataset.agentEmployeeNo);
    const technicianToken = await signIn(dataset.technicianEmployeeNo);
    const scheduled = (await (
      await fetch(`${serverUrl}/api/v1/work-orders?status=scheduled&branchId=${dataset.benchBranch.id}&limit=200`, {
        headers: { authorization: `Bearer ${agentToken}` },
      })
    ).json()) as { items: { id: string }[] };
    const scheduledIds = scheduled.items.map((item) => item.id);

    const results = await runLoadScenarios({
      serverUrl,
      baselineUrl: `http://127.0.0.1:${baselinePort}`,
      manifest: dataset,
      agentToken,
      technicianToken,
      scheduledIds,
      connections,
      duration,
      only: args.only,
    });
    console.log(`  event fan-out to ${args['sse-clients']} streams…`);
    const fanOut =
      scheduledIds.length === 0
        ? null
        : await measureFanOut(serverUrl, agentToken, scheduledIds, Number(args['sse-clients']));
    console.log(`  ${args['idle-clients']} idle streams…`);
    const idle = await measureIdleStreams(serverUrl, agentToken, server.pid, Number(args['idle-clients']));

    console.log(
      `\nPurnajual bench — ${db}, ${scale.name} scale, ${size.workOrders} work orders, branch ${dataset.benchBranch.code}, ${connections} connections, ${duration} s each`,
    );
    printResults(results);
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    if (fanOut)
      console.log(
        `Event fan-out to ${fanOut.clients} streams: from the transition's response p50 ${ms(fanOut.fromResponse.p50)}, p99 ${ms(fanOut.fromResponse.p99)}; from sending it p50 ${ms(fanOut.fromSent.p50)}, p99 ${ms(fanOut.fromSent.p99)}`,
      );
    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
    console.log(
      `${idle.streams} idle streams: server RSS ${mib(idle.rssBytes)} MiB (before: ${mib(idle.rssBeforeBytes)} MiB)`,
    );
    if (dataset.generateSeconds !== null) console.log(`Data generation: ${dataset.generateSeconds.toFixed(1)} s`);

    const resultsDir = join(root, 'bench/results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${db}-${scale.name}.json`);
    const { generateSeconds, timings } = dataset;
    const report = {
      db,
      scale: scale.name,
      size,
      connections,
      duration,
      generateSeconds,
      timings,
      results,
      fanOut,
      idle,
    };
    writeFileSync(file, JSON.stringify(report, null, 2));
    console.log(`Written to ${file}`);
  } finally {
    server.kill('SIGTERM');
    baseline.kill('SIGTERM');
  }
}

await main();
