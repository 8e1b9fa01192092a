import { fileURLToPath } from 'node:url';
import type { Priority } from '@purnajual/contract';
import { z } from 'zod';

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

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|mysql:\/\/)/, 'must start with sqlite: or mysql://')
    .optional(),
  SEED_DEMO_DATA: booleanSchema.optional(),
  MIGRATE_ON_START: booleanSchema.default(true),
  REDIS_URL: z.url().optional(),
  STORAGE_DIR: z.string().min(1).default('./data/files'),
  CONSOLE_DIR: z.string().min(1).optional(),
  TECHNICIAN_DIR: z.string().min(1).optional(),
  SESSION_TTL: durationSchema.default(30 * 86400),
  SESSION_IDLE_TTL: durationSchema.default(7 * 86400),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  LOGIN_FAILURE_WINDOW: durationSchema.default(15 * 60),
  TRUST_PROXY: booleanSchema.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT: durationSchema.default(10),
  SSE_HEARTBEAT: durationSchema.default(15),
  EVENT_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  SLA_HOURS_URGENT: z.coerce.number().positive().default(8),
  SLA_HOURS_HIGH: z.coerce.number().positive().default(24),
  SLA_HOURS_NORMAL: z.coerce.number().positive().default(48),
  SLA_HOURS_LOW: z.coerce.number().positive().default(72),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(8 * 1024 * 1024),
  ATTACHMENT_MAX_PIXELS: z.coerce.number().int().min(1).default(25_000_000),
});

export const defaultDatabaseUrl = 'sqlite:./data/purnajual.db';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** Demo data is loaded on first start of the embedded default, or when asked for. */
  seedDemoData: boolean;
  migrateOnStart: boolean;
  redisUrl: string | undefined;
  storageDir: string;
  /** The built office console, served at `/`. */
  consoleDir: string;
  technicianDir: string;
  session: { ttlSeconds: number; idleTtlSeconds: number };
  loginThrottle: { maxFailuresPerAccount: number; maxFailuresPerAddress: number; windowSeconds: number };
  trustProxy: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  shutdownTimeoutSeconds: number;
  /** Seconds between keep-alive comments on an event stream. */
  sseHeartbeatSeconds: number;
  /** How often each instance reads the outbox without being woken (the fallback when Redis is down). */
  eventPollIntervalMs: number;
  /** Hours from intake until a work order of each priority is due (its SLA). */
  slaHours: Record<Priority, number>;
  /**
   * Photo uploads: bytes per file, and width × height as the image header states it (read
   * without decoding, so a small file claiming a huge image is refused before anything
   * would unpack it).
   */
  attachments: { maxBytes: number; maxPixels: number };
}

export class ConfigError extends Error {}

/** Parses the environment once; nothing else in the server reads `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(blankless);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? defaultDatabaseUrl,
    seedDemoData: e.SEED_DEMO_DATA ?? e.DATABASE_URL === undefined,
    migrateOnStart: e.MIGRATE_ON_START,
    redisUrl: e.REDIS_URL,
    storageDir: e.STORAGE_DIR,
    // This file sits one level below apps/server both as source (src/) and bundled (dist/).
    consoleDir: e.CONSOLE_DIR ?? fileURLToPath(new URL('../../console/dist', import.meta.url)),
    technicianDir: e.TECHNICIAN_DIR ?? fileURLToPath(new URL('../../technician/dist', import.meta.url)),
    session: { ttlSeconds: e.SESSION_TTL, idleTtlSeconds: e.SESSION_IDLE_TTL },
    loginThrottle: {
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: e.LOGIN_FAILURE_WINDOW,
    },
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT,
    sseHeartbeatSeconds: e.SSE_HEARTBEAT,
    eventPollIntervalMs: e.EVENT_POLL_INTERVAL_MS,
    slaHours: { urgent: e.SLA_HOURS_URGENT, high: e.SLA_HOURS_HIGH, normal: e.SLA_HOURS_NORMAL, low: e.SLA_HOURS_LOW },
    attachments: { maxBytes: e.ATTACHMENT_MAX_BYTES, maxPixels: e.ATTACHMENT_MAX_PIXELS },
  };
}
