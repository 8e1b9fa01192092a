import { fileURLToPath } from 'node:url';
import { type BillingLineKind, billingLineKinds, consoleRoles, type Priority, type Role } from '@purnajual/contract';
import { z } from 'zod';
import { checkMessageChannels, type MessageSettings, messageEnvShape, messageSettingsOf } from './config-messages';
import { applyPriceListOverride, type PriceList, priceListOverrideSchema } from './modules/billing/price-list';
import { type ProxyTrust, parseProxyTrust } from './platform/client-address';

/** `30d`, `12h`, `15m`, `90s` or a plain number of seconds → seconds. */
const durationSchema = z
  .string()
  .regex(/^\d+[smhd]?$/, 'must be a number of seconds or a duration like 15m, 12h, 30d')
  .transform((value) => {
    const unit = value.at(-1) ?? 's';
    const amount = Number.parseInt(value, 10);
    const factor = { s: 1, m: 60, h: 3600, d: 86400 }[unit] ?? 1;
    return amount * factor;
  });

const booleanSchema = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/** Where the files are: a local folder, or a bucket (and a key prefix in it) of S3-compatible storage. */
export type StorageLocation = { kind: 'file'; directory: string } | { kind: 's3'; bucket: string; prefix: string };

/** `file:<dir>` or `s3://<bucket>[/<prefix>]`; the CLI's `storage:copy --to` reads its target with it too. */
export function parseStorageUrl(value: string): StorageLocation | { error: string } {
  if (value.startsWith('file:') && value.length > 'file:'.length) {
    return { kind: 'file', directory: value.slice('file:'.length) };
  }
  if (!value.startsWith('s3://')) return { error: 'must be file:<dir> or s3://<bucket>[/<prefix>]' };
  const [bucket = '', ...prefix] = value.slice('s3://'.length).split('/');
  if (bucket === '') return { error: 'must name a bucket: s3://<bucket>[/<prefix>]' };
  return { kind: 's3', bucket, prefix: prefix.filter(Boolean).join('/') };
}

const storageUrlSchema = z.string().transform((value, context) => {
  const location = parseStorageUrl(value);
  if ('error' in location) {
    context.addIssue({ code: 'custom', message: location.error });
    return z.NEVER;
  }
  return location;
});

const proxyTrustSchema = z.string().transform((value, context) => {
  const trust = parseProxyTrust(value);
  if ('error' in trust) {
    context.addIssue({ code: 'custom', message: trust.error });
    return z.NEVER;
  }
  return trust;
});

/** `admin,supervisor` → those roles; `none` → no role (a blank value means the default, like every setting's). */
const requiredRolesSchema = z
  .string()
  .transform((value) => (value.trim() === 'none' ? [] : value.split(',').map((part) => part.trim())))
  .pipe(z.array(z.enum(consoleRoles, { error: `must be none or a list of ${consoleRoles.join(', ')}` })));

/** The provider's address: https, or http on this machine's loopback only (a test's own provider). */
const issuerSchema = z.url().refine((value) => {
  const url = new URL(value);
  return (
    url.protocol === 'https:' ||
    (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
  );
}, 'must be an https:// URL (http:// only on the loopback address)');

/** A VAPID key as `purnajual push:keys` prints it: base64url of `bytes` bytes. */
const vapidKeySchema = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url, as purnajual push:keys prints it')
    .refine((value) => Buffer.from(value, 'base64url').length === bytes, `must decode to ${bytes} bytes`);

/** Whom the push services may write to about this server's pushes. */
const vapidSubjectSchema = z
  .url()
  .refine((value) => /^(mailto:|https:)/.test(value), 'must be a mailto: or https: URL');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|mysql:\/\/)/, 'must start with sqlite: or mysql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  DATABASE_LOCK_WAIT_TIMEOUT: durationSchema.pipe(z.number().min(1).max(3600)).default(5),
  SEED_DEMO_DATA: booleanSchema.optional(),
  MIGRATE_ON_START: booleanSchema.default(true),
  REDIS_URL: z.url().optional(),
  STORAGE_URL: storageUrlSchema.optional(),
  // The folder was the only choice before STORAGE_URL; without STORAGE_URL it still is.
  STORAGE_DIR: z.string().min(1).default('./data/files'),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_FORCE_PATH_STYLE: booleanSchema.default(false),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  AWS_SESSION_TOKEN: z.string().optional(),
  CONSOLE_DIR: z.string().min(1).optional(),
  TECHNICIAN_DIR: z.string().min(1).optional(),
  SESSION_TTL: durationSchema.default(30 * 86400),
  SESSION_IDLE_TTL: durationSchema.default(7 * 86400),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(50),
  LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  LOGIN_FAILURE_WINDOW: durationSchema.default(15 * 60),
  LOGIN_FAILURE_DELAY: durationSchema.default(1),
  TOTP_REQUIRED_ROLES: requiredRolesSchema.default(['admin', 'supervisor', 'warehouse']),
  OIDC_ISSUER: issuerSchema.optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(255).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(1024).optional(),
  VAPID_PUBLIC_KEY: vapidKeySchema(65).optional(),
  VAPID_PRIVATE_KEY: vapidKeySchema(32).optional(),
  VAPID_SUBJECT: vapidSubjectSchema.optional(),
  PUSH_ALLOW_INSECURE_ENDPOINTS: booleanSchema.default(false),
  PUSH_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(5000),
  PUSH_TIMEOUT: durationSchema.pipe(z.number().min(1).max(120)).default(10),
  TRUST_PROXY: proxyTrustSchema.default({ kind: 'none' }),
  HEADERS_TIMEOUT: durationSchema.pipe(z.number().min(1)).default(30),
  REQUEST_TIMEOUT: durationSchema.pipe(z.number().min(1)).default(300),
  BODY_TIMEOUT: durationSchema.pipe(z.number().min(1)).default(15),
  UPLOAD_MIN_BYTES_PER_SECOND: z.coerce.number().int().min(0).default(1024),
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(128),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT: durationSchema.default(10),
  SSE_HEARTBEAT: durationSchema.default(15),
  EVENT_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  EVENT_GAP_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
  SLA_HOURS_URGENT: z.coerce.number().positive().default(8),
  SLA_HOURS_HIGH: z.coerce.number().positive().default(24),
  SLA_HOURS_NORMAL: z.coerce.number().positive().default(48),
  SLA_HOURS_LOW: z.coerce.number().positive().default(72),
  SLA_AT_RISK_HOURS: z.coerce.number().positive().default(4),
  REPEAT_REPAIR_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  SLA_CHECK_INTERVAL_MS: z.coerce.number().int().min(50).default(60_000),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(8 * 1024 * 1024),
  ATTACHMENT_MAX_PIXELS: z.coerce.number().int().min(1).default(25_000_000),
  ATTACHMENT_MAX_SIDE: z.coerce.number().int().min(64).max(8192).default(1600),
  ATTACHMENTS_PER_WORK_ORDER: z.coerce.number().int().min(1).default(20),
  ATTACHMENT_BYTES_PER_WORK_ORDER: z.coerce
    .number()
    .int()
    .min(1024)
    .default(40 * 1024 * 1024),
  UPLOAD_BYTES_PER_USER_PER_DAY: z.coerce
    .number()
    .int()
    .min(1024)
    .default(200 * 1024 * 1024),
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
  IMPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
  IMPORT_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(5000),
  IMAGE_DECODE_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  IMAGE_DECODE_QUEUE: z.coerce.number().int().min(0).default(64),
  PDF_WORKERS: z.coerce.number().int().min(1).max(32).default(2),
  PDF_QUEUE: z.coerce.number().int().min(0).default(8),
  PDF_TIMEOUT: durationSchema.pipe(z.number().min(1)).default(30),
  PDF_WORKER_MEMORY_MB: z.coerce.number().int().min(32).default(256),
  // PPN (VAT); two decimals at most, so the tax stays exact in integer arithmetic.
  TAX_RATE_PERCENT: z.coerce
    .number()
    .min(0)
    .max(100)
    .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-9, 'at most two decimals')
    .default(11),
  WARRANTY_COVERS: z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()))
    .pipe(z.array(z.enum(billingLineKinds.filter((kind) => kind !== 'discount') as ['labor', 'transport', 'part'])))
    .default(['labor', 'transport', 'part']),
  LABOR_PRICE_LIST: priceListOverrideSchema.optional(),
  COMPANY_NAME: z.string().min(1).max(120).default('PT Purnajual Servis Indonesia'),
  COMPANY_ADDRESS: z.string().max(300).default('Jl. Jenderal Sudirman Kav. 52–53, Jakarta Selatan 12190'),
  COMPANY_PHONE: z.string().max(60).default('(021) 5150 8888'),
  COMPANY_TAX_ID: z.string().max(40).optional(),
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
  TRACKING_POLL_SECONDS: z.coerce.number().int().min(1).max(600).default(15),
  MESSAGE_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(5000),
  ...messageEnvShape,
  OFFLINE_TIME_WINDOW: durationSchema.pipe(z.number().min(60)).default(72 * 3600),
  RETENTION_INTERVAL: durationSchema.pipe(z.number().min(60)).default(3600),
  EVENT_RETENTION: durationSchema.default(14 * 86400),
  IDEMPOTENCY_RETENTION: durationSchema.default(7 * 86400),
  IDEMPOTENCY_KEYS_PER_USER: z.coerce.number().int().min(1).default(10_000),
  LOGIN_FAILURE_RETENTION: durationSchema.default(86400),
  SESSION_RETENTION: durationSchema.default(7 * 86400),
  IMPORT_RETENTION: durationSchema.default(30 * 86400),
  // Hold under abuse: event streams and the metrics endpoint (README, "Security limits").
  SSE_MAX_STREAMS_PER_SESSION: z.coerce.number().int().min(1).default(5),
  SSE_MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).default(10),
  SSE_MAX_REPLAY_EVENTS: z.coerce.number().int().min(0).default(500),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // API keys and outbound webhooks (README, "Integrations").
  API_KEY_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(600),
  WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(2000),
  WEBHOOK_ALLOW_INSECURE_URLS: booleanSchema.default(false),
});

const consistentEnvSchema = envSchema
  .refine((e) => e.LOGIN_FAILURE_RETENTION >= e.LOGIN_FAILURE_WINDOW, {
    // A counter pruned inside its window would let an attacker start over.
    path: ['LOGIN_FAILURE_RETENTION'],
    message: 'must be at least LOGIN_FAILURE_WINDOW',
  })
  .refine(
    (e) => new Set([e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].map((v) => v === undefined)).size === 1,
    {
      // Half a single sign-on would show the button and then fail every sign-in.
      path: ['OIDC_ISSUER'],
      message: 'OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together: set all three or none',
    },
  )
  .refine(
    (e) => new Set([e.VAPID_PUBLIC_KEY, e.VAPID_PRIVATE_KEY, e.VAPID_SUBJECT].map((v) => v === undefined)).size === 1,
    {
      // Without all three the push services would refuse every push.
      path: ['VAPID_PUBLIC_KEY'],
      message: 'VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT go together: set all three or none',
    },
  )
  .refine((e) => e.HEADERS_TIMEOUT <= e.REQUEST_TIMEOUT, {
    // The headers are part of the request; Node refuses a server configured otherwise.
    path: ['HEADERS_TIMEOUT'],
    message: 'must be at most REQUEST_TIMEOUT',
  })
  .superRefine(checkMessageChannels);

export const defaultDatabaseUrl = 'sqlite:./data/purnajual.db';

/** How to reach S3-compatible storage, whichever bucket a store is in. */
export interface S3Settings {
  /** Undefined for AWS itself; the URL of MinIO, Ceph or another S3-compatible service. */
  endpoint: string | undefined;
  region: string;
  /** `bucket` in the path rather than the host name, as MinIO and Ceph want it. */
  forcePathStyle: boolean;
  /** Undefined: the AWS SDK's default chain finds them (profile, container or instance role, web identity). */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string | undefined } | undefined;
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** Connections each instance keeps to MySQL/MariaDB, and how long a statement there waits for a row lock. */
  database: { poolSize: number; lockWaitTimeoutSeconds: number };
  /** Demo data is loaded on first start of the embedded default, or when asked for. */
  seedDemoData: boolean;
  migrateOnStart: boolean;
  redisUrl: string | undefined;
  /** Photos, signatures and PDFs. */
  storage: StorageLocation;
  s3: S3Settings;
  /** The built office console, served at `/`. */
  consoleDir: string;
  technicianDir: string;
  session: { ttlSeconds: number; idleTtlSeconds: number };
  /**
   * Failed sign-ins counted per NIK (from every address), per NIK from one address, and per
   * address, each in a fixed window; and the first delay between the failures of a NIK from
   * one address, which doubles with each further one.
   */
  loginThrottle: {
    maxFailuresPerAccount: number;
    maxFailuresPerAccountAndAddress: number;
    maxFailuresPerAddress: number;
    windowSeconds: number;
    delaySeconds: number;
  };
  /** Roles whose password sign-in must have a second factor (TOTP); technicians are never asked. */
  twoFactor: { requiredRoles: readonly Role[] };
  /**
   * Single sign-on by OpenID Connect for console roles, when configured; the provider sends
   * the browser back to `redirectUrl` (PUBLIC_BASE_URL + /api/v1/auth/oidc/callback).
   */
  oidc: OidcSettings | undefined;
  /**
   * Web Push to the technicians' phones: the VAPID key pair and subject (undefined: push is
   * off), whether http:// endpoints on the loopback address are taken (tests' own push
   * service), how often each instance looks for pushes to send, and each request's timeout.
   */
  push: {
    vapid: VapidSettings | undefined;
    allowInsecureEndpoints: boolean;
    pollIntervalMs: number;
    timeoutSeconds: number;
  };
  trustProxy: ProxyTrust;
  /** What a client may hold of the server: time to send its headers and its request, the slowest body, connections. */
  server: {
    headersTimeoutSeconds: number;
    requestTimeoutSeconds: number;
    /** A body must bring `uploadMinBytesPerSecond` on average over each span this long, or it is cut. */
    bodyTimeoutSeconds: number;
    uploadMinBytesPerSecond: number;
    /** Open connections from one address (its /64 for IPv6), trusted proxies aside. */
    maxConnectionsPerAddress: number;
  };
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  shutdownTimeoutSeconds: number;
  /** Seconds between keep-alive comments on an event stream. */
  sseHeartbeatSeconds: number;
  /** How often each instance reads the outbox without being woken (the fallback when Redis is down). */
  eventPollIntervalMs: number;
  /**
   * How long a hole in the outbox ids is taken for a transaction still committing before
   * the streams go past it. Longer than the database can hold a commit: a Galera cluster
   * holds every commit until it has evicted a node that died (evs.suspect_timeout, 5 s).
   */
  eventGapTimeoutMs: number;
  /** Hours from intake (or from its latest reopening) until a work order of each priority is due (its SLA). */
  slaHours: Record<Priority, number>;
  /** Open work orders due within this many hours are at risk on the SLA board. */
  slaAtRiskHours: number;
  /** A work order on a unit repaired within this many days before is a repeat of that repair. */
  repeatRepairDays: number;
  /** How often each instance looks for work orders that went past their SLA. */
  slaCheckIntervalMs: number;
  /**
   * Photo uploads: bytes per file, and width × height as the image header states it (read
   * before decoding, so a small file claiming a huge image is refused before anything
   * would unpack it); the long side of the normalized image that is stored; and the quotas,
   * counted on what is stored: photos and bytes per work order, bytes per user per UTC day.
   */
  attachments: {
    maxBytes: number;
    maxPixels: number;
    maxSide: number;
    perWorkOrder: number;
    bytesPerWorkOrder: number;
    bytesPerUserPerDay: number;
  };
  /**
   * Bulk imports of spreadsheets: the largest file taken, the lines written per transaction
   * (and checkpoint), and how often each instance looks for an import to take over.
   */
  imports: { maxBytes: number; batchSize: number; pollIntervalMs: number };
  /** Images (photos, signatures) decoded at once per instance, and how many more may wait (else 503). */
  imageDecoding: { concurrency: number; maxWaiting: number };
  /**
   * Service-report PDFs are drawn in a pool of worker threads: how many, how many requests
   * may wait for one (else 503), how long one may draw and the heap it may use before it is
   * stopped and replaced.
   */
  pdf: { workers: number; maxQueue: number; timeoutSeconds: number; workerMemoryMb: number };
  billing: {
    /** PPN in percent (11 is 11 %). */
    taxRatePercent: number;
    /** The kinds of line the warranty pays for an in-warranty work order. */
    warrantyCovers: readonly Exclude<BillingLineKind, 'discount'>[];
    priceList: PriceList;
  };
  /** The service report's letterhead. */
  company: { name: string; address: string; phone: string; taxId: string | undefined };
  /** Where customers reach this server: the links in messages to them are absolute. */
  publicBaseUrl: string;
  tracking: {
    /** How often the customer's tracking page asks for news. */
    pollSeconds: number;
    /** The tracking page's HTML, script and stylesheet. */
    pageDir: string;
  };
  /** How often each instance looks for customer messages to send without being woken. */
  messagePollIntervalMs: number;
  /** The channels messages to customers go on (none: the log), and their providers' settings. */
  messages: MessageSettings;
  /** How far back a phone's time for a step done offline is believed; older is clamped. */
  offlineTimeWindowSeconds: number;
  /** How long what piles up is kept, in seconds, and how often one instance prunes it. */
  retention: {
    intervalSeconds: number;
    /** Outbox events: a client resuming from an older one is told to reload instead. */
    eventSeconds: number;
    /** Stored answers to `Idempotency-Key` requests: a repeat after this runs anew. */
    idempotencySeconds: number;
    /** Stored answers one user may have at a time; a request under a new key past it is 429. */
    idempotencyKeysPerUser: number;
    /** Sign-in failure counters, from the start of their window; never shorter than the window. */
    loginFailureSeconds: number;
    /** Sessions, after they ended: expired, idle too long, or signed out. */
    endedSessionSeconds: number;
    /** Finished imports, with their refused lines and stored files, after they finished. */
    importSeconds: number;
  };
  /**
   * Event streams one session and one user may hold open (counted across instances with
   * Redis), and how many events a resuming stream is replayed before it is told to reload.
   */
  streams: { maxPerSession: number; maxPerUser: number; maxReplayEvents: number };
  /** The bearer token `/metrics` asks for; without one it publishes nothing. */
  metricsToken: string | undefined;
  integrations: {
    /** Requests one API key may make per minute, counted across instances. */
    apiKeyRequestsPerMinute: number;
    /** How often each instance looks for outbox events to fan out and deliveries to send. */
    webhookPollIntervalMs: number;
    /** Lets webhooks use http to this machine's loopback (tests); otherwise https to public hosts only. */
    allowInsecureWebhookUrls: boolean;
  };
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
}

export interface VapidSettings {
  publicKey: string;
  privateKey: string;
  subject: string;
}

export class ConfigError extends Error {}

function vapidOf(e: z.infer<typeof envSchema>): VapidSettings | undefined {
  if (!e.VAPID_PUBLIC_KEY || !e.VAPID_PRIVATE_KEY || !e.VAPID_SUBJECT) return undefined;
  return { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY, subject: e.VAPID_SUBJECT };
}

function oidcOf(e: z.infer<typeof envSchema>): OidcSettings | undefined {
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return undefined;
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    redirectUrl: `${e.PUBLIC_BASE_URL.replace(/\/+$/, '')}/api/v1/auth/oidc/callback`,
  };
}

/**
 * The AWS SDK's own variables, handed over rather than left to the SDK: `loadConfig` is
 * given its environment (the CLI's and the tests' are not the process's), and the SDK would
 * read the process's. Without a key pair the SDK's default chain looks further.
 */
function credentialsOf(e: z.infer<typeof envSchema>): S3Settings['credentials'] {
  if (e.AWS_ACCESS_KEY_ID === undefined || e.AWS_SECRET_ACCESS_KEY === undefined) return undefined;
  return {
    accessKeyId: e.AWS_ACCESS_KEY_ID,
    secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
    sessionToken: e.AWS_SESSION_TOKEN,
  };
}

/** Parses the environment once; nothing else in the server reads `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = consistentEnvSchema.safeParse(blankless);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? defaultDatabaseUrl,
    database: { poolSize: e.DATABASE_POOL_SIZE, lockWaitTimeoutSeconds: e.DATABASE_LOCK_WAIT_TIMEOUT },
    seedDemoData: e.SEED_DEMO_DATA ?? e.DATABASE_URL === undefined,
    migrateOnStart: e.MIGRATE_ON_START,
    redisUrl: e.REDIS_URL,
    storage: e.STORAGE_URL ?? { kind: 'file', directory: e.STORAGE_DIR },
    s3: {
      endpoint: e.S3_ENDPOINT,
      region: e.S3_REGION,
      forcePathStyle: e.S3_FORCE_PATH_STYLE,
      credentials: credentialsOf(e),
    },
    // This file sits one level below apps/server both as source (src/) and bundled (dist/).
    consoleDir: e.CONSOLE_DIR ?? fileURLToPath(new URL('../../console/dist', import.meta.url)),
    technicianDir: e.TECHNICIAN_DIR ?? fileURLToPath(new URL('../../technician/dist', import.meta.url)),
    session: { ttlSeconds: e.SESSION_TTL, idleTtlSeconds: e.SESSION_IDLE_TTL },
    loginThrottle: {
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAccountAndAddress: e.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
      maxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: e.LOGIN_FAILURE_WINDOW,
      delaySeconds: e.LOGIN_FAILURE_DELAY,
    },
    twoFactor: { requiredRoles: e.TOTP_REQUIRED_ROLES },
    oidc: oidcOf(e),
    push: {
      vapid: vapidOf(e),
      allowInsecureEndpoints: e.PUSH_ALLOW_INSECURE_ENDPOINTS,
      pollIntervalMs: e.PUSH_POLL_INTERVAL_MS,
      timeoutSeconds: e.PUSH_TIMEOUT,
    },
    trustProxy: e.TRUST_PROXY,
    server: {
      headersTimeoutSeconds: e.HEADERS_TIMEOUT,
      requestTimeoutSeconds: e.REQUEST_TIMEOUT,
      bodyTimeoutSeconds: e.BODY_TIMEOUT,
      uploadMinBytesPerSecond: e.UPLOAD_MIN_BYTES_PER_SECOND,
      maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS,
    },
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT,
    sseHeartbeatSeconds: e.SSE_HEARTBEAT,
    eventPollIntervalMs: e.EVENT_POLL_INTERVAL_MS,
    eventGapTimeoutMs: e.EVENT_GAP_TIMEOUT_MS,
    slaHours: { urgent: e.SLA_HOURS_URGENT, high: e.SLA_HOURS_HIGH, normal: e.SLA_HOURS_NORMAL, low: e.SLA_HOURS_LOW },
    slaAtRiskHours: e.SLA_AT_RISK_HOURS,
    repeatRepairDays: e.REPEAT_REPAIR_DAYS,
    slaCheckIntervalMs: e.SLA_CHECK_INTERVAL_MS,
    attachments: {
      maxBytes: e.ATTACHMENT_MAX_BYTES,
      maxPixels: e.ATTACHMENT_MAX_PIXELS,
      maxSide: e.ATTACHMENT_MAX_SIDE,
      perWorkOrder: e.ATTACHMENTS_PER_WORK_ORDER,
      bytesPerWorkOrder: e.ATTACHMENT_BYTES_PER_WORK_ORDER,
      bytesPerUserPerDay: e.UPLOAD_BYTES_PER_USER_PER_DAY,
    },
    imports: {
      maxBytes: e.IMPORT_MAX_BYTES,
      batchSize: e.IMPORT_BATCH_SIZE,
      pollIntervalMs: e.IMPORT_POLL_INTERVAL_MS,
    },
    imageDecoding: { concurrency: e.IMAGE_DECODE_CONCURRENCY, maxWaiting: e.IMAGE_DECODE_QUEUE },
    pdf: {
      workers: e.PDF_WORKERS,
      maxQueue: e.PDF_QUEUE,
      timeoutSeconds: e.PDF_TIMEOUT,
      workerMemoryMb: e.PDF_WORKER_MEMORY_MB,
    },
    billing: {
      taxRatePercent: e.TAX_RATE_PERCENT,
      warrantyCovers: e.WARRANTY_COVERS,
      priceList: applyPriceListOverride(e.LABOR_PRICE_LIST),
    },
    company: { name: e.COMPANY_NAME, address: e.COMPANY_ADDRESS, phone: e.COMPANY_PHONE, taxId: e.COMPANY_TAX_ID },
    publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    tracking: {
      pollSeconds: e.TRACKING_POLL_SECONDS,
      pageDir: fileURLToPath(new URL('../public/tracking', import.meta.url)),
    },
    messagePollIntervalMs: e.MESSAGE_POLL_INTERVAL_MS,
    messages: messageSettingsOf(e),
    offlineTimeWindowSeconds: e.OFFLINE_TIME_WINDOW,
    retention: {
      intervalSeconds: e.RETENTION_INTERVAL,
      eventSeconds: e.EVENT_RETENTION,
      idempotencySeconds: e.IDEMPOTENCY_RETENTION,
      idempotencyKeysPerUser: e.IDEMPOTENCY_KEYS_PER_USER,
      loginFailureSeconds: e.LOGIN_FAILURE_RETENTION,
      endedSessionSeconds: e.SESSION_RETENTION,
      importSeconds: e.IMPORT_RETENTION,
    },
    streams: {
      maxPerSession: e.SSE_MAX_STREAMS_PER_SESSION,
      maxPerUser: e.SSE_MAX_STREAMS_PER_USER,
      maxReplayEvents: e.SSE_MAX_REPLAY_EVENTS,
    },
    metricsToken: e.METRICS_TOKEN,
    integrations: {
      apiKeyRequestsPerMinute: e.API_KEY_RATE_LIMIT,
      webhookPollIntervalMs: e.WEBHOOK_POLL_INTERVAL_MS,
      allowInsecureWebhookUrls: e.WEBHOOK_ALLOW_INSECURE_URLS,
    },
  };
}
