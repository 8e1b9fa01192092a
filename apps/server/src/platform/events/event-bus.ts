import type { ReloadEventData } from '@purnajual/contract';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { canSeeEvent, type EventScope } from '../access-policy/event-policy';
import { findEventsAfter, findLatestEventId, isPrunedAfter, type OutboxRow } from './outbox';
import { revokedSessionOf, sessionRevokedEventType } from './session-revoked';

/** One open event stream. */
export interface Subscriber {
  scope: EventScope;
  /** The last event id this subscriber has been brought past (seen or not visible to it). */
  cursor: number;
  send(event: OutboxRow): void;
  /**
   * Events the subscriber asked to resume after were pruned (retention), or are more than
   * a replay may hold: it must load everything again, and goes on from `lastEventId` with
   * live events.
   */
  reload(lastEventId: number, reason: ReloadEventData['reason']): void;
  /** The authorization the subscriber's user streams under may have changed (see session-revoked.ts). */
  revoked(sessionId: string | null): void;
}

export interface EventBusOptions {
  db: Kysely<DB>;
  log: FastifyBaseLogger;
  /** Set when several instances run: Redis pub/sub wakes the others after a commit. */
  redisUrl?: string | undefined;
  /** Reads the outbox this often even if nothing woke the bus: the safety net when Redis is down. */
  pollIntervalMs?: number;
  /** How long a hole in the id sequence may be a transaction still committing, before it is skipped. */
  gapTimeoutMs?: number;
  /** A subscriber resuming from further back than this many events is told to reload instead. */
  maxReplayEvents?: number;
  /** The clock holes are timed by, in epoch milliseconds; tests move it by hand. */
  now?: () => number;
}

/** The Redis channel on which an instance says it committed events. */
export const outboxChannel = 'purnajual:outbox';
const pumpBatch = 1000;
const replayBatch = 500;

/**
 * Reads the outbox in id order and fans each event out to the subscribers allowed to see
 * it. Redis (when configured) only says "something changed"; the outbox is the truth, so a
 * lost wake-up costs at most one poll interval and never an event.
 */
export function createEventBus({
  db,
  log,
  redisUrl,
  pollIntervalMs = 1000,
  gapTimeoutMs = 3000,
  maxReplayEvents = 500,
  now: clock = Date.now,
}: EventBusOptions) {
  const subscribers = new Set<Subscriber>();
  /** Subscribers still replaying from the database; live events wait here for them. */
  const replaying = new Map<Subscriber, OutboxRow[]>();
  /** The last event delivered; unknown until the outbox could first be read. */
  let position: number | null = null;
  let positionRead: Promise<void> | undefined;
  /** The read of the outbox in progress; a wake-up meanwhile makes it read once more. */
  let pumping: Promise<void> | undefined;
  let pumpAgain = false;
  /** When the bus first read each event it has not delivered yet: a hole before one is timed from then. */
  const firstRead = new Map<number, number>();
  let timer: NodeJS.Timeout | undefined;
  let publisher: Redis | undefined;
  let listener: Redis | undefined;
  let stopped = false;

  /** A live event: sent to the subscriber if it may see it, or passed on when it revokes a session. */
  function handOver(subscriber: Subscriber, row: OutboxRow) {
    subscriber.cursor = row.id;
    if (!canSeeEvent(subscriber.scope, row)) return;
    if (row.type === sessionRevokedEventType) subscriber.revoked(revokedSessionOf(row));
    else subscriber.send(row);
  }

  function deliver(row: OutboxRow) {
    for (const subscriber of subscribers) {
      if (row.id <= subscriber.cursor) continue;
      const waiting = replaying.get(subscriber);
      if (waiting) waiting.push(row);
      else handOver(subscriber, row);
    }
  }

  /**
   * Live delivery starts after the newest event when the bus first reads the outbox. Not at
   * start-up: an instance started while the database is down serves, and catches up, once
   * the database is back.
   */
  async function knownPosition(): Promise<number> {
    if (position !== null) return position;
    positionRead ??= findLatestEventId(db)
      .then((id) => {
        position ??= id;
      })
      .finally(() => {
        positionRead = undefined;
      });
    await positionRead;
    return position ?? 0;
  }

  async function pump(): Promise<void> {
    try {
      do {
        pumpAgain = false;
        let delivered = await knownPosition();
        const rows = await findEventsAfter(db, delivered, pumpBatch);
        const now = clock();
        for (const row of rows) if (!firstRead.has(row.id)) firstRead.set(row.id, now);
        let waiting = false;
        for (const row of rows) {
          // Ids are handed out at insert and committed in any order: a hole is usually a
          // transaction about to commit. Wait for it, unless it has been missing too long
          // (then it rolled back and the id will never appear). The wait runs from when the
          // event after the hole was first read, so the holes a burst of rollbacks leaves
          // (a database failover ends every transaction in flight) are waited out together,
          // not one timeout after another.
          if (row.id !== delivered + 1 && now - (firstRead.get(row.id) ?? now) < gapTimeoutMs) {
            waiting = true;
            break;
          }
          firstRead.delete(row.id);
          delivered = row.id;
          position = delivered;
          deliver(row);
        }
        if (rows.length === pumpBatch && !waiting) pumpAgain = true;
      } while (pumpAgain && !stopped);
    } catch (error) {
      log.warn({ err: error }, 'event bus could not read the outbox; retrying on the next poll');
    } finally {
      pumping = undefined;
    }
  }

  /** Reads the outbox; resolves once every event committed before the call is handed over or held for a hole. */
  function wake(): Promise<void> {
    if (pumping) {
      pumpAgain = true;
      return pumping;
    }
    pumping = pump();
    return pumping;
  }

  return {
    async start() {
      void wake();
      timer = setInterval(() => void wake(), pollIntervalMs);
      timer.unref();
      if (redisUrl) {
        const options = { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false };
        publisher = new Redis(redisUrl, options);
        listener = new Redis(redisUrl, { ...options, enableOfflineQueue: true });
        for (const client of [publisher, listener]) {
          client.on('error', (error: Error) => log.debug({ err: error }, 'redis unavailable; polling the outbox'));
          client.connect().catch(() => undefined);
        }
        listener.on('message', () => void wake());
        // A reconnect may follow missed wake-ups: read the outbox at once.
        listener.on('ready', () => void wake());
        listener.subscribe(outboxChannel).catch(() => undefined);
      }
    },

    async stop() {
      stopped = true;
      clearInterval(timer);
      subscribers.clear();
      replaying.clear();
      publisher?.disconnect();
      listener?.disconnect();
    },

    /** Called after a transaction that wrote events has committed; resolves once this instance has read them. */
    notifyCommitted(): Promise<void> {
      publisher?.publish(outboxChannel, String(Date.now())).catch(() => undefined);
      return wake();
    },

    /**
     * Adds a subscriber. With `afterId` it first receives every event after that id that it
     * may see, in order, then the live ones — none lost, none twice. When some of those were
     * pruned, or they are more than `maxReplayEvents`, it is told to reload instead and
     * receives the live ones.
     */
    async subscribe(subscriber: Omit<Subscriber, 'cursor'>, afterId: number | undefined) {
      const isPruned = afterId !== undefined && (await isPrunedAfter(db, afterId));
      await knownPosition();
      // From here to joining the subscribers nothing waits: no event can slip between.
      const until = position ?? 0;
      let reason: ReloadEventData['reason'] | undefined;
      if (isPruned) reason = 'events_pruned';
      else if (afterId !== undefined && until - afterId > maxReplayEvents) reason = 'too_far_behind';
      const entry: Subscriber = { ...subscriber, cursor: reason === undefined ? (afterId ?? until) : until };
      if (reason !== undefined) entry.reload(until, reason);
      if (entry.cursor >= until) {
        entry.cursor = Math.max(entry.cursor, until);
        subscribers.add(entry);
        return entry;
      }
      const waiting: OutboxRow[] = [];
      replaying.set(entry, waiting);
      subscribers.add(entry);
      let cursor = entry.cursor;
      for (;;) {
        const rows = await findEventsAfter(db, cursor, replayBatch, { scope: entry.scope, untilId: until });
        // A revocation the replay comes across is older than the stream, whose session was checked after it.
        for (const row of rows) if (row.type !== sessionRevokedEventType) entry.send(row);
        if (rows.length < replayBatch) break;
        cursor = rows.at(-1)?.id ?? until;
      }
      // Retention may have pruned part of the replay while it was being read.
      if (await isPrunedAfter(db, entry.cursor)) entry.reload(until, 'events_pruned');
      entry.cursor = until;
      replaying.delete(entry);
      for (const row of waiting) if (row.id > entry.cursor) handOver(entry, row);
      return entry;
    },

    unsubscribe(subscriber: Subscriber) {
      subscribers.delete(subscriber);
      replaying.delete(subscriber);
    },

    get size() {
      return subscribers.size;
    },

    get subscribers(): ReadonlySet<Subscriber> {
      return subscribers;
    },
  };
}

export type EventBus = ReturnType<typeof createEventBus>;
