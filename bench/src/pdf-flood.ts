/*
 * npm run pdf-flood -- [--parallel 20] [--photos 20]
 *
 * Issue #18's PDF scenario against the built server (apps/server/dist/main.js, SQLite, the
 * demo company, default settings): one work order with the most photos a work order takes,
 * each of the worst kind that is accepted for the report — 1600×1600 of noise, which the
 * server's JPEG encoding cannot shrink — then `--parallel` service reports of it at once.
 * A client told 503 waits its `Retry-After` and asks again, so every report is drawn in the
 * end. Meanwhile `/healthz` is asked every 50 ms, from a thread of its own so that reading
 * the PDFs does not delay the probes, and the server's resident memory (VmRSS) read every
 * 50 ms. Prints the first answers, how long until every report was drawn, the
 * peak RSS above the idle server's, and the /healthz latency.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { loadConfig } from '../../apps/server/src/config';
import { createDatabase } from '../../apps/server/src/db/database';
import { migrateToLatest } from '../../apps/server/src/db/migrate';
import { demoPassword, seedDemoData } from '../../apps/server/src/seed/demo-data';
import { createApiInstance, rssOf, sleep } from './private-services';
import { signIn } from './retrying-client';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: args } = parseArgs({
  options: { parallel: { type: 'string', default: '20' }, photos: { type: 'string', default: '20' } },
});
const parallel = Number(args.parallel);
const photoCount = Number(args.photos);
const port = 3914;
const baseUrl = `http://127.0.0.1:${port}`;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function prepare(dir: string): Promise<string> {
  const url = `sqlite:${join(dir, 'pdf-flood.db')}`;
  const database = createDatabase(url);
  await migrateToLatest(database.db);
  await seedDemoData({ db: database.db, config: loadConfig({ DATABASE_URL: url, STORAGE_DIR: join(dir, 'files') }) });
  await database.close();
  return url;
}

async function api<T>(token: string, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A work order of a demo customer with `photoCount` photos of noise. */
async function workOrderWithPhotos(token: string): Promise<string> {
  const customers = await api<{ items: { id: string }[] }>(token, '/api/v1/customers?limit=1');
  const customerId = customers.items[0]?.id;
  if (customerId === undefined) throw new Error('the demo company has no customers');
  const order = await api<{ id: string }>(token, '/api/v1/work-orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customerId, complaint: 'AC tidak dingin', serviceType: 'home_visit' }),
  });
  for (let n = 0; n < photoCount; n += 1) {
    const noise = await sharp(randomBytes(1600 * 1600 * 3), { raw: { width: 1600, height: 1600, channels: 3 } })
      .jpeg({ quality: 95 })
      .toBuffer();
    const form = new FormData();
    form.append('kind', 'damage');
    form.append('file', new Blob([new Uint8Array(noise)], { type: 'image/jpeg' }), 'noise.jpg');
    await api(token, `/api/v1/work-orders/${order.id}/attachments`, { method: 'POST', body: form });
  }
  return order.id;
}

/** Asks `/healthz` every 50 ms, once ready, until told to stop; then posts the latencies in ms. */
const probeSource = `
  const { parentPort, workerData } = require('node:worker_threads');
  const latencies = [];
  let running = true;
  parentPort.on('message', () => { running = false; });
  (async () => {
    await fetch(workerData + '/healthz'); // the thread's first fetch sets up its HTTP client
    parentPort.postMessage('ready');
    while (running) {
      const started = performance.now();
      await fetch(workerData + '/healthz');
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    parentPort.postMessage(latencies);
  })();
`;

async function probeHealth() {
  const worker = new Worker(probeSource, { eval: true, workerData: baseUrl });
  await new Promise((resolve) => worker.once('message', resolve));
  return {
    async stop(): Promise<number[]> {
      const latencies = new Promise<number[]>((resolve) => worker.once('message', resolve));
      worker.postMessage('stop');
      const result = await latencies;
      await worker.terminate();
      return result;
    },
  };
}

/** One report, asked again after `Retry-After` while the pool is full. */
async function fetchReport(token: string, id: string) {
  const statuses: number[] = [];
  const started = performance.now();
  for (;;) {
    const response = await fetch(`${baseUrl}/api/v1/work-orders/${id}/report.pdf`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = await response.arrayBuffer();
    statuses.push(response.status);
    if (response.status !== 503) return { statuses, ms: performance.now() - started, bytes: body.byteLength };
    await sleep(Number(response.headers.get('retry-after') ?? '1') * 1000);
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'purnajual-pdf-flood-'));
  const server = createApiInstance({ root, dir, name: 'api', port, databaseUrl: await prepare(dir) });
  process.on('exit', () => server.killNow());
  await server.start();
  const pid = server.pid;
  if (pid === undefined) throw new Error('the server did not start');
  const token = await signIn([baseUrl], '20001', demoPassword);
  const id = await workOrderWithPhotos(token);
  await fetchReport(token, id); // the workers start, and the fonts are read, outside the measurement
  await sleep(1000);
  const idleRss = await rssOf(pid);

  let running = true;
  let peakRss = idleRss;
  const memory = (async () => {
    while (running) {
      peakRss = Math.max(peakRss, await rssOf(pid));
      await sleep(50);
    }
  })();
  const probes = await probeHealth();
  const started = performance.now();
  const reports = await Promise.all(Array.from({ length: parallel }, () => fetchReport(token, id)));
  const allDrawnMs = performance.now() - started;
  running = false;
  const health = await probes.stop();
  await memory;
  server.killNow();

  const first = reports.map((r) => r.statuses[0]);
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  console.log(`${parallel} parallel report.pdf of a work order with ${photoCount} photos of 1600×1600 noise:`);
  console.log(
    `  first answers: ${first.filter((s) => s === 200).length} × 200, ${first.filter((s) => s === 503).length} × 503`,
  );
  console.log(
    `  every report drawn after ${(allDrawnMs / 1000).toFixed(1)} s; PDF ${((reports[0]?.bytes ?? 0) / 1024) | 0} KiB`,
  );
  console.log(`  RSS idle ${mib(idleRss)} MiB, peak ${mib(peakRss)} MiB (+${mib(peakRss - idleRss)} MiB)`);
  console.log(
    `  /healthz (${health.length} probes): p50 ${percentile(health, 50).toFixed(1)} ms, p99 ${percentile(health, 99).toFixed(1)} ms, max ${Math.max(...health).toFixed(1)} ms`,
  );
}

await main();
