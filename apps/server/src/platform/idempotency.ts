import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely, Selectable } from 'kysely';
import { RequestTransaction, type RequestTransactions } from '../db/request-transaction';
import { isRetryableTransactionError, withRetries } from '../db/retry';
import type { DB } from '../db/schema/index';
import { AppError } from '../errors';
import { addSeconds, type Clock, toIso } from './clock';
import { replaceWithProblem } from './problem';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotentRequest | null;
  }
}

/** A mutating request under a key not seen before: it runs, and answers, in one transaction. */
interface IdempotentRequest {
  userId: string;
  key: string;
  requestHash: string;
  transaction: RequestTransaction | null;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const keyPattern = /^[A-Za-z0-9_.:-]{1,100}$/;
/**
 * A record still "in progress" after this long was left by a request that died with its
 * server. (Only versions that stored the record outside the change's transaction left such
 * records; now it is written, and finished, inside it.)
 */
const pendingTimeoutSeconds = 60;

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * A multipart form's files are top-level values of its body; they enter the fingerprint as
 * their digest, so the same key with another photo is another request, without turning
 * megabytes into a JSON array of numbers. Other bodies hash exactly as they always have.
 */
function fingerprintOf(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const entries = Object.entries(body);
  if (!entries.some(([, value]) => value instanceof Uint8Array)) return body;
  return Object.fromEntries(
    entries.map(([name, value]) => [name, value instanceof Uint8Array ? { sha256: sha256(value) } : value]),
  );
}

const hashRequest = (method: string, url: string, body: unknown) =>
  sha256(`${method} ${url}\n${JSON.stringify(fingerprintOf(body) ?? null)}`);

type StoredRecord = Selectable<DB['idempotency_record']>;

const stillInProgress = () =>
  new AppError('request_in_progress', 'A request with this Idempotency-Key is still being processed; retry shortly', {
    headers: { 'retry-after': '2' },
  });

/**
 * `Idempotency-Key` on any mutating request: the first answer is stored per user and key,
 * and a repeat with the same request gets that answer again without running twice (the
 * technician app's offline queue relies on it). The same key with another request is 422.
 *
 * The request runs in one request transaction (see db/request-transaction.ts) that also
 * holds its idempotency record: the change and the stored answer commit together. Killed
 * before the commit, the server leaves nothing and the retry runs the request anew; after
 * it, the retry gets the stored answer. A 5xx rolls everything back, so nothing that was not
 * answered is ever kept.
 */
export function registerIdempotency(
  app: FastifyInstance,
  {
    db,
    requestTransactions,
    clock,
    keysPerUser,
  }: { db: Kysely<DB>; requestTransactions: RequestTransactions; clock: Clock; keysPerUser: number },
) {
  app.decorateRequest('idempotency', null);

  const findRecord = (userId: string, key: string) =>
    db
      .selectFrom('idempotency_record')
      .selectAll()
      .where('userId', '=', userId)
      .where('key', '=', key)
      .executeTakeFirst();

  /**
   * Whether the user has as many stored answers as one may keep: a caller minting a new key
   * for every request would otherwise grow the table without end until retention. Reads at
   * most `keysPerUser` entries of the primary key.
   */
  async function isAtKeyLimit(userId: string) {
    const kept = db
      .selectFrom('idempotency_record')
      .select('key')
      .where('userId', '=', userId)
      .limit(keysPerUser)
      .as('kept');
    const row = await db
      .selectFrom(kept)
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count) >= keysPerUser;
  }

  const keyLimitReached = () =>
    new AppError(
      'rate_limited',
      {
        en: `At most ${keysPerUser} answers to requests with an Idempotency-Key are kept per user; send it again once older ones have expired`,
        id: `Paling banyak ${keysPerUser} jawaban permintaan dengan Idempotency-Key disimpan per pengguna; kirim lagi setelah yang lama kedaluwarsa`,
      },
      { headers: { 'retry-after': '3600' } },
    );

  /** The stored answer to a repeat, or the reason it gets none. */
  function replay(reply: FastifyReply, record: StoredRecord, requestHash: string) {
    if (record.requestHash !== requestHash) {
      throw new AppError('idempotency_key_reused', 'This Idempotency-Key was already used for a different request');
    }
    if (record.state !== 'done' || record.responseStatus === null) throw stillInProgress();
    return reply
      .status(record.responseStatus)
      .header('idempotent-replayed', 'true')
      .type(record.responseStatus >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8')
      .serializer((payload: unknown) => String(payload))
      .send(record.responseBody ?? '');
  }

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (key === undefined || safeMethods.has(request.method) || !request.actor) return;
    if (typeof key !== 'string' || !keyPattern.test(key)) {
      throw new AppError('validation_failed', 'Invalid Idempotency-Key', {
        errors: [{ path: 'headers.idempotency-key', message: 'must be 1–100 letters, digits, or _ . : -' }],
      });
    }
    const userId = request.actor.id;
    const requestHash = hashRequest(request.method, request.url, request.body);
    const record = await findRecord(userId, key);
    if (record) {
      const stale =
        record.state !== 'done' && record.createdAt < toIso(addSeconds(clock.now(), -pendingTimeoutSeconds));
      if (!stale) return replay(reply, record, requestHash);
      await db
        .deleteFrom('idempotency_record')
        .where('userId', '=', userId)
        .where('key', '=', key)
        .where('state', '!=', 'done')
        .execute();
    } else if (await isAtKeyLimit(userId)) throw keyLimitReached();
    request.idempotency = { userId, key, requestHash, transaction: null };
  });

  /** Begins the request transaction by claiming the key, or finds the key's first request finished meanwhile. */
  async function claim(idempotent: IdempotentRequest): Promise<RequestTransaction | StoredRecord> {
    const transaction = await requestTransactions.begin();
    try {
      await transaction.run(() =>
        db
          .insertInto('idempotency_record')
          .values({
            userId: idempotent.userId,
            key: idempotent.key,
            requestHash: idempotent.requestHash,
            state: 'pending',
            responseStatus: null,
            responseBody: null,
            createdAt: toIso(clock.now()),
          })
          .execute(),
      );
      return transaction;
    } catch (error) {
      // The same key, sent again while the first was running, and the first has finished
      // (MySQL waits on the key's lock; SQLite has only one writer).
      await transaction.rollback();
      const record = await findRecord(idempotent.userId, idempotent.key);
      if (!record) throw error;
      return record;
    }
  }

  // The handler runs inside the request transaction, which begins by claiming the key. A
  // deadlock or lock wait timeout rolls the whole transaction back on MySQL, so the request
  // runs again from the claim — bounded and with backoff — before anything is answered.
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = async function (this: FastifyInstance, request, reply) {
      const idempotent = request.idempotency;
      if (idempotent === null) return handler.call(this, request, reply);
      const retryable = (error: unknown) => !reply.sent && isRetryableTransactionError(error);
      return withRetries(async () => {
        const claimed = await claim(idempotent);
        if (!(claimed instanceof RequestTransaction)) {
          idempotent.transaction = null;
          return replay(reply, claimed, idempotent.requestHash);
        }
        const transaction = claimed;
        idempotent.transaction = transaction;
        try {
          return await transaction.run(() => handler.call(this, request, reply));
        } catch (error) {
          if (retryable(error)) await transaction.rollback();
          throw error;
        }
      }, retryable);
    };
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const transaction = request.idempotency?.transaction;
    if (!request.idempotency || !transaction?.isOpen) return payload;
    const { userId, key } = request.idempotency;
    if (reply.statusCode >= 500) {
      // Nothing was promised: the change goes too, and the client's retry runs it again.
      await transaction.rollback();
      return payload;
    }
    try {
      await transaction.run(() =>
        db
          .updateTable('idempotency_record')
          .set({
            state: 'done',
            responseStatus: reply.statusCode,
            responseBody: typeof payload === 'string' ? payload : '',
          })
          .where('userId', '=', userId)
          .where('key', '=', key)
          .execute(),
      );
      await transaction.commit();
    } catch (error) {
      // Neither the change nor the answer is kept; the 5xx sent instead invites the retry.
      // Answered here: thrown after a refusal (4xx), it would reach Fastify's own fallback.
      await transaction.rollback();
      return replaceWithProblem(reply, request, error);
    }
    return payload;
  });

  // A request that ended without an answer being sent (the client went away) keeps nothing.
  app.addHook('onResponse', async (request) => {
    await request.idempotency?.transaction?.rollback();
  });
}

/**
 * Deletes up to `limit` records stored before `before` (retention, `IDEMPOTENCY_RETENTION`),
 * oldest first by their index; returns how many. A repeat after that runs anew, which an
 * offline phone, syncing well within a day, never sends.
 */
export async function pruneIdempotencyRecords(db: Kysely<DB>, before: string, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_record')
    .where('createdAt', '<', before)
    .orderBy('createdAt')
    .limit(limit)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
