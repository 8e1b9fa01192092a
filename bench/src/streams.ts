/*
 * npm run streams -w @purnajual/bench -- [--db sqlite|mysql] [--fan-out 10000] [--idle 50000]
 *                                        [--workers 4] [--work-orders 20000] [--reuse]
 *
 * Event streams at a national call center's scale, on two API instances sharing a private
 * Redis: the time from sending a transition to its event on every one of `--fan-out`
 * streams spread over both instances, then `--idle` idle streams held by one instance and
 * its resident memory. The clients live in `--workers` processes, each from its own
 * source address (127.0.0.2, …), so that neither a process's open files nor a source
 * address's ports run out; the instances' own file limit is raised with `prlimit`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { scales } from './data-set/scale';
import { benchPassword } from './generate';
import { appointmentSlot, percentile } from './load-scenarios';
import { prepareDatabase } from './prepare';
import { type ApiInstance, createApiInstance, rssOf, startPrivateRedis } from './private-services';
import type { WorkerCommand, WorkerReply } from './stream-worker';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    'fan-out': { type: 'string', default: '10000' },
    idle: { type: 'string', default: '50000' },
    workers: { type: 'string', default: '4' },
    'work-orders': { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '20' },
    reuse: { type: 'boolean', default: false },
  },
});
if (args.db !== 'sqlite' && args.db !== 'mysql') throw new Error('--db must be sqlite or mysql');
const workerCount = Number(args.workers);
const workOrders = Number(args['work-orders']);

/** A client process and a way to wait for its next reply of a kind. */
function startWorker(index: number) {
  const child: ChildProcess = fork(join(here, 'stream-worker.ts'), [], { execArgv: ['--import', 'tsx'] });
  const localAddress = `127.0.0.${2 + index}`;
  const next = <T extends WorkerReply['type']>(type: T) =>
    new Promise<Extract<WorkerReply, { type: T }>>((resolveReply) => {
      const listener = (reply: WorkerReply) => {
        if (reply.type !== type) return;
        child.off('message', listener);
        resolveReply(reply as Extract<WorkerReply, { type: T }>);
      };
      child.on('message', listener);
    });
  const ask = <T extends WorkerReply['type']>(command: WorkerCommand, type: T) => {
    const reply = next(type);
    child.send(command);
    return reply;
  };
  return { child, localAddress, next, send: (command: WorkerCommand) => child.send(command), ask };
}
type Worker = ReturnType<typeof startWorker>;

async function openStreams(workers: Worker[], urls: string[], token: string, total: number) {
  const replies = await Promise.all(
    workers.map((worker, index) => {
      const count = Math.floor(total / workers.length) + (index < total % workers.length ? 1 : 0);
      return worker.ask({ type: 'open', urls, token, count, localAddress: worker.localAddress }, 'opened');
    }),
  );
  return replies.reduce((sum, reply) => sum + reply.streams, 0);
}

const closeStreams = (workers: Worker[]) => Promise.all(workers.map((w) => w.ask({ type: 'close' }, 'closed')));

/** Transitions sent alternately to each instance; every stream's delay from sending. */
async function fanOut(workers: Worker[], instances: ApiInstance[], token: string, ids: string[]) {
  const delays: number[] = [];
  let missing = 0;
  for (let round = 0; round < Number(args.rounds); round += 1) {
    const id = ids[round % ids.length] ?? '';
    const arrivals = workers.map((worker) => worker.next('arrived'));
    const watching = workers.map((worker) => worker.next('watching'));
    for (const worker of workers) worker.send({ type: 'watch', id, timeoutMs: 10_000 });
    await Promise.all(watching);
    const instance = instances[round % instances.length] ?? instances[0];
    const sent = performance.timeOrigin + performance.now();
    const response = await fetch(`${instance?.url}/api/v1/work-orders/${id}/transitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'schedule', ...appointmentSlot(round % ids.length) }),
    });
    if (!response.ok) throw new Error(`transition failed: ${response.status} ${await response.text()}`);
    for (const reply of await Promise.all(arrivals)) {
      delays.push(...reply.times.map((time) => time - sent));
      missing += reply.missing;
    }
  }
  return { p50: percentile(delays, 50), p99: percentile(delays, 99), max: percentile(delays, 100), missing };
}

async function main() {
  const dataset = await prepareDatabase({
    db: args.db === 'mysql' ? 'mysql' : 'sqlite',
    scale: scales.default,
    size: { workOrders, customers: Math.ceil(workOrders / 2), technicians: 100 },
    reuse: args.reuse,
    dataDir: join(root, 'bench/.data'),
    mysqlServer: process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306',
  });
  const dir = mkdtempSync(join(tmpdir(), 'purnajual-streams-'));
  const redis = await startPrivateRedis(dir, 6391);
  const fileLimit = Number(args.idle) + 10_000;
  const instances = [3911, 3912].map((port, index) =>
    createApiInstance({
      root,
      dir,
      name: `api-${index + 1}`,
      port,
      databaseUrl: dataset.url,
      redisUrl: redis.url,
      fileLimit,
    }),
  );
  const workers = Array.from({ length: workerCount }, (_, index) => startWorker(index));
  try {
    await Promise.all(instances.map((instance) => instance.start()));
    const [first] = instances;
    if (first === undefined) throw new Error('no instance');
    const signIn = await fetch(`${first.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: dataset.agentEmployeeNo, password: benchPassword }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const list = await fetch(`${first.url}/api/v1/work-orders?status=scheduled&limit=50`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const ids = ((await list.json()) as { items: { id: string }[] }).items.map((item) => item.id);

    console.log(`Opening ${args['fan-out']} streams over ${instances.length} instances from ${workerCount} processes…`);
    const fanOutStreams = await openStreams(
      workers,
      instances.map((i) => i.url),
      token,
      Number(args['fan-out']),
    );
    const delays = await fanOut(workers, instances, token, ids);
    await closeStreams(workers);

    console.log(`Opening ${args.idle} idle streams on one instance…`);
    const rssBefore = await rssOf(first.pid ?? 0);
    const idleStreams = await openStreams(workers, [first.url], token, Number(args.idle));
    await new Promise((r) => setTimeout(r, 5000));
    const rss = await rssOf(first.pid ?? 0);
    await closeStreams(workers);

    const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
    const report = {
      db: args.db,
      fanOut: { streams: fanOutStreams, instances: instances.length, rounds: Number(args.rounds), ...delays },
      idle: { streams: idleStreams, rssMiB: mib(rss), rssBeforeMiB: mib(rssBefore) },
    };
    console.log(
      `Event fan-out to ${fanOutStreams} streams over ${instances.length} instances (Redis), from sending the transition: p50 ${delays.p50.toFixed(1)} ms, p99 ${delays.p99.toFixed(1)} ms, max ${delays.max.toFixed(1)} ms, ${delays.missing} missed`,
    );
    console.log(
      `${idleStreams} idle streams on one instance: RSS ${report.idle.rssMiB} MiB (${report.idle.rssBeforeMiB} MiB before, ${((rss - rssBefore) / idleStreams / 1024).toFixed(1)} KiB a stream)`,
    );
    const resultsDir = join(root, 'bench/results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${args.db}-streams.json`),
      JSON.stringify(report, null, 2),
    );
  } finally {
    for (const worker of workers) worker.child.kill();
    await Promise.all(instances.map((instance) => instance.stop('SIGTERM')));
    await redis.stop('SIGTERM');
  }
}

await main();
