import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createCustomer,
  createUser,
  signaturePng,
  type TestApp,
} from '../apps/server/test/app';
import { createTestDatabase, realClockEnv } from '../apps/server/test/database';
import { startTestS3 } from '../apps/server/test/s3';
import { openStream } from '../apps/server/test/sse';
import { freePort, startServer, type TestServer, waitUntilReady } from './fixtures';
import { solidPng } from './technician-data';

/*
 * The production shape on one machine: two API instances (the built server, each its own
 * process and local folder), one MariaDB, Redis, an S3 server, and Debian's HAProxy in
 * front, round robin. Whatever one instance wrote — a session, a photo, a signature, an
 * event — the other serves, so nothing depends on which one answers.
 */

const mysqlUrl = process.env.TEST_MYSQL_URL;
const redisUrl = process.env.TEST_REDIS_URL;

interface Process {
  url: string;
  child: ChildProcess;
}

async function startHaproxy(backends: TestServer[], folder: string): Promise<Process> {
  const port = await freePort();
  const servers = backends.map(
    (backend, index) => `  server api${index} ${new URL(backend.baseUrl).host} check inter 500ms`,
  );
  const config = join(folder, 'haproxy.cfg');
  writeFileSync(
    config,
    [
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      'frontend api',
      `  bind 127.0.0.1:${port}`,
      '  default_backend instances',
      'backend instances',
      '  balance roundrobin',
      '  option httpchk GET /readyz',
      ...servers,
      '',
    ].join('\n'),
  );
  const child = spawn('haproxy', ['-f', config, '-db'], {
    env: realClockEnv(),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(url);
  return { url, child };
}

async function stop(running: Process | undefined) {
  if (!running || running.child.exitCode !== null) return;
  running.child.kill('SIGTERM');
  await new Promise((done) => running.child.once('exit', done));
}

async function call(url: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...bearer(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown> & { version: number };
}

async function bytesOf(url: string, token: string, path: string) {
  const response = await fetch(`${url}${path}`, { headers: bearer(token) });
  expect(response.status, `${url}${path}`).toBe(200);
  return { type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

describe.runIf(mysqlUrl && redisUrl)('two instances behind HAProxy, with MariaDB, Redis and S3', () => {
  const folder = mkdtempSync(join(tmpdir(), 'purnajual-cluster-'));
  let t: TestApp;
  let instances: TestServer[] = [];
  let balancer: Process | undefined;
  let people: { agent: string; supervisor: string; technician: string; technicianId: string };
  let customerId: string;

  beforeAll(async () => {
    const s3 = await startTestS3();
    const storage = { ...s3.env, STORAGE_URL: `s3://${await s3.createBucket()}/files` };
    const database = await createTestDatabase({ dialect: 'mysql' });
    t = await buildTestApp({ database, env: storage });
    const branch = await createBranch(t, ['31']);
    const [agent, supervisor, technician] = await Promise.all([
      createUser(t, 'agent'),
      createUser(t, 'supervisor', { branchId: branch.id }),
      createUser(t, 'technician', { branchId: branch.id }),
    ]);
    customerId = (await createCustomer(t, { areaCode: '31.74.07' })).id;
    // Polling once a minute: only Redis can bring another instance's change to a stream in time.
    const env = { ...storage, DATABASE_URL: database.url, REDIS_URL: redisUrl ?? '', EVENT_POLL_INTERVAL_MS: '60000' };
    instances = [
      await startServer({ ...env, MIGRATE_ON_START: 'false', SEED_DEMO_DATA: 'false' }),
      await startServer({ ...env, MIGRATE_ON_START: 'false', SEED_DEMO_DATA: 'false' }),
    ];
    balancer = await startHaproxy(instances, folder);
    // Sessions are made through the balancer, on whichever instance it picks.
    const signIn = async (employeeNo: string, password: string) => {
      const response = await fetch(`${balancer?.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: employeeNo, password }),
      });
      return ((await response.json()) as { token: string }).token;
    };
    people = {
      agent: await signIn(agent.employeeNo, agent.password),
      supervisor: await signIn(supervisor.employeeNo, supervisor.password),
      technician: await signIn(technician.employeeNo, technician.password),
      technicianId: technician.id,
    };
  }, 120_000);

  afterAll(async () => {
    await stop(balancer);
    await Promise.all(instances.map((instance) => instance.stop()));
    rmSync(folder, { recursive: true, force: true });
  });

  it('knows a session made on one instance on every instance', async () => {
    for (const instance of instances) {
      const me = await call(instance.baseUrl, people.technician, 'GET', '/api/v1/me');
      expect(me).toMatchObject({ id: people.technicianId, role: 'technician' });
    }
  });

  it('streams the changes made on the other instance, woken through Redis', async () => {
    const [a, b] = instances;
    if (!a || !b) throw new Error('two instances');
    const stream = await openStream(a.baseUrl, people.supervisor);
    const order = await call(b.baseUrl, people.agent, 'POST', '/api/v1/work-orders', {
      customerId,
      complaint: 'AC berisik, dibuat di instans B',
      serviceType: 'home_visit',
    });
    await stream.waitFor((event) => event.data.id === order.id, 10_000);
    await stream.close();
  });

  it('serves the photo, the signature and the report made through the balancer from every instance', async () => {
    const lb = balancer?.url ?? '';
    const order = await call(lb, people.agent, 'POST', '/api/v1/work-orders', {
      customerId,
      complaint: 'AC tidak dingin, lewat penyeimbang beban',
      serviceType: 'home_visit',
    });
    const id = String(order.id);
    const step = async (token: string, payload: Record<string, unknown>) => {
      const current = await call(lb, token, 'GET', `/api/v1/work-orders/${id}`);
      return call(lb, token, 'POST', `/api/v1/work-orders/${id}/transitions`, { ...payload, version: current.version });
    };
    await step(people.supervisor, { action: 'assign', technicianId: people.technicianId });
    await step(people.technician, { action: 'accept' });
    await step(people.technician, { action: 'start' });

    const form = new FormData();
    form.append('kind', 'before');
    form.append('file', new Blob([new Uint8Array(solidPng(64, 48))], { type: 'image/png' }), 'foto.png');
    const uploaded = await fetch(`${lb}/api/v1/work-orders/${id}/attachments`, {
      method: 'POST',
      headers: bearer(people.technician),
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const photoUrl = String(((await uploaded.json()) as { url: string }).url);

    await step(people.technician, {
      action: 'complete',
      diagnosis: 'Freon kurang',
      actionTaken: 'Isi ulang freon',
      result: 'fixed',
      signature: signaturePng,
    });
    const { billing } = (await call(lb, people.technician, 'GET', `/api/v1/work-orders/${id}`)) as {
      billing: { priceList: { laborOptions: number[]; transport: number } };
    } & { version: number };
    const charged = (await call(lb, people.technician, 'PUT', `/api/v1/work-orders/${id}/charges`, {
      labor: billing.priceList.laborOptions[0],
      transport: billing.priceList.transport,
    })) as { total: number } & { version: number };
    await call(lb, people.technician, 'POST', `/api/v1/work-orders/${id}/approval`, {
      signature: signaturePng,
      approvedTotal: charged.total,
      name: 'Ibu Sri Wahyuni',
    });

    // Each file from each instance directly, and twice through the round-robin balancer.
    for (const path of [
      photoUrl,
      `/api/v1/work-orders/${id}/signature.png`,
      `/api/v1/work-orders/${id}/approval/signature.png`,
      `/api/v1/work-orders/${id}/report.pdf`,
    ]) {
      const served = [];
      for (const url of [...instances.map((instance) => instance.baseUrl), lb, lb]) {
        served.push(await bytesOf(url, people.agent, path));
      }
      const first = served[0];
      for (const copy of served) {
        expect(copy.type).toBe(first?.type);
        if (!path.endsWith('.pdf')) expect(copy.bytes.equals(first?.bytes ?? Buffer.alloc(0))).toBe(true);
        else expect(copy.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      }
    }
  });
});
