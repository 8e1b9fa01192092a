/*
 * Processes the fault and soak runs own: a MariaDB server on a temporary data directory, a
 * Redis server and API instances (the built dist/main.js), each on its own port, so that a
 * run neither touches nor depends on the shared services of the machine, and can kill and
 * restart them at will.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';

const run = promisify(execFile);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitUntil(what: string, ready: () => Promise<boolean>, timeoutMs: number) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await ready().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

export interface RestartableOptions {
  env?: NodeJS.ProcessEnv;
  /** Outlives this process (the Galera CLI leaves the cluster running for manual use). */
  detached?: boolean;
}

/** A child process that can be started again after it was killed, with its output in a log file. */
export class Restartable {
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: () => string[],
    private readonly logFile: string,
    private readonly options: RestartableOptions = {},
  ) {}

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get isRunning(): boolean {
    return this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  start() {
    if (this.isRunning) throw new Error(`${this.name} is already running`);
    const { env = process.env, detached = false } = this.options;
    const log = openSync(this.logFile, 'a');
    const child = spawn(this.command, this.args(), { env, detached, stdio: ['ignore', log, log] });
    closeSync(log);
    if (detached) child.unref();
    this.#child = child;
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Sends the signal to this process (by its pid) and waits until it has exited. */
  async stop(signal: NodeJS.Signals) {
    if (!this.isRunning) return;
    this.#child?.kill(signal);
    await this.#exited;
  }

  /** For `process.on('exit')`: no waiting possible there. */
  killNow() {
    if (this.isRunning) this.#child?.kill('SIGKILL');
  }
}

export interface PrivateMariadb {
  url: string;
  /** The server's admin URL (no database). */
  serverUrl: string;
  start(): Promise<void>;
  /** `SIGKILL` is a crash (InnoDB recovers at the next start); `SIGTERM` a clean shutdown. */
  stop(signal: NodeJS.Signals): Promise<void>;
  killNow(): void;
}

/** An empty MariaDB data directory with a password-less root (on loopback only). */
export async function initMariadbDataDir(dataDir: string, user: string) {
  mkdirSync(dataDir, { recursive: true });
  await run('mariadb-install-db', [
    '--no-defaults',
    '--auth-root-authentication-method=normal',
    `--datadir=${dataDir}`,
    `--user=${user}`,
    '--skip-test-db',
  ]);
}

/** `mariadbd` on 127.0.0.1:`port`, its socket and pid file in `runDir`, no option file read. */
export function mariadbdArgs({
  dataDir,
  runDir,
  port,
  user,
}: {
  dataDir: string;
  runDir: string;
  port: number;
  user: string;
}): string[] {
  return [
    '--no-defaults',
    `--datadir=${dataDir}`,
    `--socket=${join(runDir, 'mariadb.sock')}`,
    `--pid-file=${join(runDir, 'mariadb.pid')}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--user=${user}`,
    '--skip-name-resolve',
    '--innodb-buffer-pool-size=128M',
    // Durable commits: a crash must not lose an acknowledged change.
    '--innodb-flush-log-at-trx-commit=1',
    '--max-connections=200',
  ];
}

/** True once the server at `serverUrl` accepts a connection (a query may still be refused). */
export async function acceptsConnections(serverUrl: string): Promise<boolean> {
  const connection = await createConnection({ uri: serverUrl, connectTimeout: 1000 });
  await connection.end();
  return true;
}

/** Initialises a data directory and starts MariaDB on it, listening on 127.0.0.1:`port`. */
export async function startPrivateMariadb(dir: string, port: number, database: string): Promise<PrivateMariadb> {
  const dataDir = join(dir, 'mariadb');
  const user = userInfo().username;
  await initMariadbDataDir(dataDir, user);
  const serverUrl = `mysql://root@127.0.0.1:${port}`;
  const process_ = new Restartable(
    'mariadb',
    '/usr/sbin/mariadbd',
    () => mariadbdArgs({ dataDir, runDir: dir, port, user }),
    join(dir, 'mariadb.log'),
  );
  const isUp = () => acceptsConnections(serverUrl);
  const mariadb: PrivateMariadb = {
    url: `${serverUrl}/${database}`,
    serverUrl,
    async start() {
      process_.start();
      await waitUntil('MariaDB', isUp, 60_000);
    },
    stop: (signal) => process_.stop(signal),
    killNow: () => process_.killNow(),
  };
  await mariadb.start();
  const admin = await createConnection(serverUrl);
  await admin.query(`create database ${database} character set utf8mb4 collate utf8mb4_unicode_ci`);
  await admin.end();
  return mariadb;
}

export interface PrivateRedis {
  url: string;
  start(): Promise<void>;
  stop(signal: NodeJS.Signals): Promise<void>;
  killNow(): void;
}

function pingRedis(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.setTimeout(1000, () => socket.destroy());
    socket.once('data', (data) => {
      resolve(data.toString().startsWith('+PONG'));
      socket.end();
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

/** Redis without persistence: a restart loses everything, as pub/sub does anyway. */
export async function startPrivateRedis(dir: string, port: number): Promise<PrivateRedis> {
  const process_ = new Restartable(
    'redis',
    'redis-server',
    () => ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    join(dir, 'redis.log'),
  );
  const redis: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      process_.start();
      await waitUntil('Redis', () => pingRedis(port), 30_000);
    },
    stop: (signal) => process_.stop(signal),
    killNow: () => process_.killNow(),
  };
  await redis.start();
  return redis;
}

export interface ApiInstance {
  name: string;
  url: string;
  readonly pid: number | undefined;
  /** Starts the process and waits until it answers `/healthz`. */
  start(): Promise<void>;
  /** Starts the process without waiting for it. */
  spawn(): void;
  stop(signal: NodeJS.Signals): Promise<void>;
  killNow(): void;
}

export interface ApiOptions {
  root: string;
  dir: string;
  name: string;
  port: number;
  databaseUrl: string;
  redisUrl?: string;
  env?: Record<string, string>;
  /** Open files the process may hold, raised through `prlimit` (tens of thousands of streams). */
  fileLimit?: number;
}

/** What `/metrics` of the instances started here asks for (METRICS_TOKEN). */
export const benchMetricsToken = 'bench-metrics-token-not-a-secret';

/**
 * The load tools hold many event streams under one account and resume them from their
 * first event: the stream limits meant for people are lifted.
 */
export const benchStreamLimits = {
  SSE_MAX_STREAMS_PER_SESSION: '1000000',
  SSE_MAX_STREAMS_PER_USER: '1000000',
  SSE_MAX_REPLAY_EVENTS: '1000000000',
  // Thousands of event streams come from this one machine.
  MAX_CONNECTIONS_PER_ADDRESS: '100000',
};

/** The real server, `apps/server/dist/main.js`, as its own process. */
export function createApiInstance(options: ApiOptions): ApiInstance {
  const { root, dir, name, port, databaseUrl, redisUrl, env = {}, fileLimit } = options;
  const url = `http://127.0.0.1:${port}`;
  const main = join(root, 'apps/server/dist/main.js');
  // prlimit execs the server in its own place: the pid stays the server's.
  const [command, args] =
    fileLimit === undefined
      ? [process.execPath, [main]]
      : ['prlimit', [`--nofile=${fileLimit}`, process.execPath, main]];
  const process_ = new Restartable(name, command, () => args, join(dir, `${name}.log`), {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ...(redisUrl === undefined ? {} : { REDIS_URL: redisUrl }),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MIGRATE_ON_START: 'false',
      SEED_DEMO_DATA: 'false',
      STORAGE_DIR: join(dir, 'files'),
      // The load signs office roles in by password alone.
      TOTP_REQUIRED_ROLES: 'none',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
      ...benchStreamLimits,
      METRICS_TOKEN: benchMetricsToken,
      ...env,
    },
  });
  const isUp = async () => (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })).ok;
  return {
    name,
    url,
    get pid() {
      return process_.pid;
    },
    async start() {
      process_.start();
      await waitUntil(name, isUp, 30_000);
    },
    spawn: () => process_.start(),
    stop: (signal) => process_.stop(signal),
    killNow: () => process_.killNow(),
  };
}

/** Resident memory of a process, in bytes, from /proc. */
export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}
