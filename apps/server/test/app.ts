import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateWorkOrderBody, Role } from '@purnajual/contract';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp } from '../src/app';
import { type Config, loadConfig } from '../src/config';
import { createDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrate';
import type { MessageSender } from '../src/modules/tracking/channels/sender';
import type { Clock } from '../src/platform/clock';
import { createJobRunner, type JobRunner } from '../src/platform/jobs';
import { createServices, type Services } from '../src/services';
import { createTestDatabase, type TestDatabase } from './database';

export const testPassword = 'kopi-tubruk-pagi';

/** A clock the test moves by hand. */
export function createManualClock(start = new Date('2026-11-28T03:00:00.000Z')) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advanceSeconds(seconds: number) {
      now += seconds * 1000;
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  services: Services;
  config: Config;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: Clock;
  /** Import Indonesia's areas (default true); most tests need real area codes. */
  withAreas?: boolean;
  /** Where the app sends messages to customers (default: the log, silenced in tests). */
  messageSender?: MessageSender;
  /** How long a MySQL/MariaDB statement waits for a row lock (default 5 s, as in production). */
  lockWaitTimeoutSeconds?: number;
  /** A database other instances can open too (see `buildAnotherInstance`). */
  sharedDatabase?: boolean;
  /** A database of the test's own instead of a fresh one of the project's dialect; disposed all the same. */
  database?: TestDatabase;
  /** Where the app's log lines go (set `LOG_LEVEL` in `env`, silent by default). */
  logStream?: { write(line: string): void };
  /** The module the report workers run (default: the real one). */
  reportWorkerUrl?: URL;
  /** The runner of the app's periodic jobs, to run passes when the test chooses (default: the app's own). */
  jobs?: JobRunner;
}

function prepareTestConfig(options: TestAppOptions) {
  const storageDir = mkdtempSync(join(tmpdir(), 'purnajual-files-'));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DATABASE_URL: 'sqlite::memory:',
    STORAGE_DIR: storageDir,
    // Most tests sign office roles in by password alone; the two-factor tests ask for it.
    TOTP_REQUIRED_ROLES: 'none',
    ...options.env,
  });
  const clock = options.clock ?? { now: () => new Date() };
  return { config, clock, removeStorage: () => rmSync(storageDir, { recursive: true, force: true }) };
}

async function createMigratedDatabase(options: TestAppOptions) {
  const database =
    options.database ??
    (await createTestDatabase({
      shared: options.sharedDatabase,
      lockWaitTimeoutSeconds: options.lockWaitTimeoutSeconds,
    }));
  await migrateToLatest(database.db);
  return database;
}

/**
 * The real app on a fresh, migrated database; closed and dropped after the test file.
 * Call it at the top of a `describe` or in `beforeAll`.
 */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createMigratedDatabase(options);
  const { config, clock, removeStorage } = prepareTestConfig(options);
  const app = await buildApp({
    config,
    database,
    clock,
    messageSender: options.messageSender,
    logStream: options.logStream,
    reportWorkerUrl: options.reportWorkerUrl,
    jobs: options.jobs,
  });
  // Deferred like the app's own, for test routes that call these services inside a request.
  const afterCommit = (work: () => void) => database.requestTransactions.afterCommit(work);
  const services = createServices({ db: database.db, config, clock, afterCommit });
  if (options.withAreas ?? true) await services.areas.importAreas();
  afterAll(async () => {
    await app.close();
    await database.dispose();
    removeStorage();
  });
  return { app, database, services, config };
}

/**
 * A second server instance on the first one's database (built with `sharedDatabase`), with
 * its own connections and its own settings, as another machine behind the load balancer.
 */
export async function buildAnotherInstance(first: TestApp, env: Record<string, string>): Promise<FastifyInstance> {
  const database = createDatabase(first.database.url);
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    DATABASE_URL: first.database.url,
    TOTP_REQUIRED_ROLES: 'none',
    ...env,
  });
  const app = await buildApp({ config, database });
  afterAll(async () => {
    await app.close();
    await database.close();
  });
  return app;
}

/** One of several server instances on one database, and the runner of its background jobs. */
export interface TestInstance {
  app: FastifyInstance;
  jobs: JobRunner;
}

/**
 * `count` instances of the app on one fresh database, as behind a load balancer, each with
 * its own job runner (`instance-1`, `instance-2`, …) and message sender; the TestApp parts
 * are the first instance's. Closed and dropped after the test file.
 */
export async function buildTestInstances(
  count: number,
  options: Omit<TestAppOptions, 'messageSender'> & { senderOf?: (instanceId: string) => MessageSender } = {},
): Promise<TestApp & { instances: TestInstance[] }> {
  const database = await createMigratedDatabase(options);
  const { config, clock, removeStorage } = prepareTestConfig(options);
  const instances: TestInstance[] = [];
  for (let n = 1; n <= count; n += 1) {
    const instanceId = `instance-${n}`;
    const jobs = createJobRunner({ db: database.db, clock, log: console, instanceId });
    const messageSender = options.senderOf?.(instanceId);
    instances.push({ app: await buildApp({ config, database, clock, messageSender, jobs }), jobs });
  }
  await Promise.all(instances.map(({ app }) => app.ready()));
  const services = createServices({ db: database.db, config, clock });
  if (options.withAreas ?? true) await services.areas.importAreas();
  afterAll(async () => {
    for (const { app } of instances) await app.close();
    await database.dispose();
    removeStorage();
  });
  const [first] = instances;
  if (!first) throw new Error('at least one instance');
  return { app: first.app, database, services, config, instances };
}

let sequence = 0;

/** Creates a user straight through the service and returns it with a signed-in token. */
export async function createUser(
  { app, services }: TestApp,
  role: Role,
  overrides: { branchId?: string | null; name?: string; employeeNo?: string; password?: string } = {},
) {
  sequence += 1;
  const employeeNo = overrides.employeeNo ?? `T${String(Date.now()).slice(-6)}${sequence}`;
  const password = overrides.password ?? testPassword;
  const user = await services.users.createUser({
    employeeNo,
    name: overrides.name ?? `Pengguna ${role} ${sequence}`,
    role,
    branchId: overrides.branchId ?? null,
    phone: null,
    email: null,
    password,
  });
  const token = await signIn(app, employeeNo, password);
  return { ...user, token, password };
}

export async function signIn(app: FastifyInstance, username: string, password: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  return response.json<{ token: string }>().token;
}

let branchSequence = 0;

export async function createBranch({ services }: TestApp, areaCodes: string[] = ['31']) {
  branchSequence += 1;
  return services.branches.createBranch({
    code: `B${branchSequence}${Date.now().toString(36).slice(-4).toUpperCase()}`,
    name: `Cabang Uji ${branchSequence}`,
    address: 'Jl. Uji No. 1',
    timeZone: 'Asia/Jakarta',
    areaCodes,
    autoAssign: false,
  });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Asserts an RFC 9457 problem response and returns its body. */
export function problemOf(response: LightMyRequestResponse) {
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected a problem response, got ${response.statusCode} ${response.body}`);
  }
  return response.json<{
    type: string;
    title: string;
    status: number;
    detail: string;
    code: string;
    requestId: string;
    errors?: { path: string; message: string }[];
    limit?: string;
    mergedIntoId?: string;
    existingProduct?: { id: string; customerId: string; customerName: string };
  }>();
}

let modelSequence = 0;

/** A product model in the catalog (an AC with a 12-month warranty unless told otherwise). */
export async function createProductModel({ services }: TestApp, warrantyMonths = 12) {
  modelSequence += 1;
  return services.customers.createProductModel({
    code: `AC-${modelSequence}${Date.now().toString(36).slice(-5).toUpperCase()}`,
    brand: 'Sejuk',
    name: `Split AC 1 PK seri ${modelSequence}`,
    category: 'ac',
    warrantyMonths,
  });
}

let phoneSequence = 0;

/** A customer living in `areaCode` (a district), with one product. */
export async function createCustomer(
  t: TestApp,
  { areaCode = '31.74.07', name = 'Ibu Sri Wahyuni', purchaseDate = null as string | null } = {},
) {
  phoneSequence += 1;
  const customer = await t.services.customers.createCustomer({
    name,
    phone: `+62813${String(Date.now()).slice(-4)}${String(phoneSequence).padStart(4, '0')}`,
    email: null,
    address: 'Jl. Melawai Raya No. 7',
    areaCode,
  });
  const model = await createProductModel(t);
  const product = await t.services.customers.addProduct(customer.id, {
    modelCode: model.code,
    serialNumber: `SN${Date.now().toString(36).toUpperCase()}${phoneSequence}`,
    purchaseDate,
  });
  return { ...customer, product };
}

/** A work order taken by `agent` for `customer` (created if not given). */
export async function createWorkOrder(
  t: TestApp,
  agent: { token: string },
  body: Partial<CreateWorkOrderBody> & { customerId: string },
) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/work-orders',
    headers: bearer(agent.token),
    payload: { complaint: 'AC tidak dingin, keluar air dari unit indoor', serviceType: 'home_visit', ...body },
  });
  if (response.statusCode !== 201) throw new Error(`intake failed: ${response.statusCode} ${response.body}`);
  return response.json<{
    id: string;
    number: string;
    status: string;
    version: number;
    branchId: string | null;
    technicianId: string | null;
    warrantyStatus: string;
    slaDueAt: string;
    routing: { branchId: string | null; coveringTechnicianIds: string[]; autoAssignedTechnicianId: string | null };
    possibleDuplicates: { id: string; number: string; status: string }[];
  }>();
}

export interface FilePart {
  content: Buffer;
  name?: string;
  type?: string;
}

/** The form a browser would send, serialized by the platform's own FormData. */
export async function multipartForm(fields: Record<string, string>, files: FilePart[]) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) {
    form.append(
      'file',
      new Blob([new Uint8Array(file.content)], { type: file.type ?? 'image/jpeg' }),
      file.name ?? 'foto.jpg',
    );
  }
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') ?? '',
  };
}

/** Uploads one photo to a work order as the apps do, through `app` (of whichever instance). */
export async function uploadPhoto(
  app: FastifyInstance,
  token: string,
  workOrderId: string,
  content: Buffer,
  headers: Record<string, string> = {},
) {
  const { payload, contentType } = await multipartForm({ kind: 'before' }, [{ content }]);
  return app.inject({
    method: 'POST',
    url: `/api/v1/work-orders/${workOrderId}/attachments`,
    headers: { ...bearer(token), 'content-type': contentType, ...headers },
    payload,
  });
}

/** A 1×1 PNG, as a signature pad's data URL. */
export const signaturePng =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
