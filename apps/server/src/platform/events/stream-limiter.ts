import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';

export interface StreamOwner {
  userId: string;
  sessionId: string;
}

/** The limit a new stream would go past. */
export type StreamLimit = 'session' | 'user';

export interface StreamLease {
  release(): void;
}

export interface StreamLimiterOptions {
  log: FastifyBaseLogger;
  /** Set when several instances run: the streams are counted in Redis, across them all. */
  redisUrl?: string | undefined;
  maxPerSession: number;
  maxPerUser: number;
}

/**
 * A lease in Redis lasts this long unless its instance renews it, so the streams of an
 * instance that died stop counting within a minute.
 */
const leaseMs = 60_000;
const renewMs = leaseMs / 3;

/*
 * Each set holds the open streams of a session or of a user, scored by when their lease
 * runs out (Redis's own clock, so the instances' clocks do not matter). The keys of one
 * user share a hash tag: a Redis Cluster keeps them in one slot, as a script needs.
 */
const acquireScript = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
for _, key in ipairs(KEYS) do redis.call('ZREMRANGEBYSCORE', key, '-inf', nowMs) end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 1 end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return 2 end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, nowMs + tonumber(ARGV[4]), ARGV[1])
  redis.call('PEXPIRE', key, ARGV[4])
end
return 0`;

const renewScript = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, nowMs + tonumber(ARGV[2]), ARGV[1])
  redis.call('PEXPIRE', key, ARGV[2])
end
return 0`;

interface Entry {
  owner: StreamOwner;
  member: string;
  keys: [session: string, user: string];
}

const keysOf = ({ userId, sessionId }: StreamOwner): Entry['keys'] => [
  `purnajual:streams:{${userId}}:session:${sessionId}`,
  `purnajual:streams:{${userId}}:user`,
];

/**
 * Bounds the event streams one session and one user hold open. With Redis (several
 * instances, as the event bus decides) they are counted there, across instances; without,
 * or while Redis does not answer, each instance counts its own. The instance renews the
 * leases of its open streams, and re-adds them after a Redis outage.
 */
export function createStreamLimiter({ log, redisUrl, maxPerSession, maxPerUser }: StreamLimiterOptions) {
  const open = new Set<Entry>();
  let redis: Redis | undefined;
  let timer: NodeJS.Timeout | undefined;

  const countOpen = (key: (entry: Entry) => string, value: string) =>
    [...open].filter((entry) => key(entry) === value).length;

  function limitHereOnly(owner: StreamOwner): StreamLimit | null {
    if (countOpen((entry) => entry.owner.sessionId, owner.sessionId) >= maxPerSession) return 'session';
    if (countOpen((entry) => entry.owner.userId, owner.userId) >= maxPerUser) return 'user';
    return null;
  }

  async function limitEverywhere(entry: Entry): Promise<StreamLimit | null> {
    if (!redis) return limitHereOnly(entry.owner);
    try {
      const verdict = await redis.eval(
        acquireScript,
        2,
        ...entry.keys,
        entry.member,
        maxPerSession,
        maxPerUser,
        leaseMs,
      );
      return verdict === 1 ? 'session' : verdict === 2 ? 'user' : null;
    } catch (error) {
      log.debug({ err: error }, 'redis unavailable; counting the event streams of this instance only');
      return limitHereOnly(entry.owner);
    }
  }

  async function renew() {
    if (!redis || open.size === 0) return;
    const pipeline = redis.pipeline();
    for (const entry of open) pipeline.eval(renewScript, 2, ...entry.keys, entry.member, leaseMs);
    await pipeline.exec().catch((error: unknown) => log.debug({ err: error }, 'could not renew stream leases'));
  }

  return {
    start() {
      if (!redisUrl) return;
      redis = new Redis(redisUrl, {
        lazyConnect: true,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        commandTimeout: 1000,
      });
      redis.on('error', (error: Error) => log.debug({ err: error }, 'redis unavailable for stream limits'));
      redis.connect().catch(() => undefined);
      timer = setInterval(() => void renew(), renewMs);
      timer.unref();
    },

    stop() {
      clearInterval(timer);
      redis?.disconnect();
    },

    /** A place for one more stream of `owner`, or the limit it would go past. */
    async acquire(owner: StreamOwner): Promise<StreamLease | StreamLimit> {
      const entry: Entry = { owner, member: randomUUID(), keys: keysOf(owner) };
      const exceeded = await limitEverywhere(entry);
      if (exceeded) return exceeded;
      open.add(entry);
      return {
        release() {
          if (!open.delete(entry)) return;
          redis
            ?.pipeline()
            .zrem(entry.keys[0], entry.member)
            .zrem(entry.keys[1], entry.member)
            .exec()
            .catch(() => undefined);
        },
      };
    },
  };
}

export type StreamLimiter = ReturnType<typeof createStreamLimiter>;
