import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema/index';
import { AppError } from '../errors';
import { addSeconds, type Clock, toIso } from './clock';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyRecord: { userId: string; key: string } | null;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const keyPattern = /^[A-Za-z0-9_.:-]{1,100}$/;
/** A request still "in progress" after this long is taken to have died with its server. */
const pendingTimeoutSeconds = 60;
/** How long a stored answer is replayed; an offline phone syncs well within a day. */
const retentionSeconds = 7 * 86400;

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

/**
 * `Idempotency-Key` on any mutating request: the first answer is stored per user and key,
 * and a repeat with the same request gets that answer again without running twice (the
 * technician app's offline queue relies on it). The same key with another request is 422.
 */
export function registerIdempotency(app: FastifyInstance, { db, clock }: { db: Kysely<DB>; clock: Clock }) {
  app.decorateRequest('idempotencyRecord', null);

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
    const now = clock.now();
    try {
      await db
        .insertInto('idempotency_record')
        .values({
          userId,
          key,
          requestHash,
          state: 'pending',
          responseStatus: null,
          responseBody: null,
          createdAt: toIso(now),
        })
        .execute();
      request.idempotencyRecord = { userId, key };
      return;
    } catch (error) {
      const record = await db
        .selectFrom('idempotency_record')
        .selectAll()
        .where('userId', '=', userId)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!record) throw error;
      if (record.requestHash !== requestHash) {
        throw new AppError('idempotency_key_reused', 'This Idempotency-Key was already used for a different request');
      }
      if (record.state === 'done' && record.responseStatus !== null) {
        return reply
          .status(record.responseStatus)
          .header('idempotent-replayed', 'true')
          .type(record.responseStatus >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8')
          .serializer((payload: unknown) => String(payload))
          .send(record.responseBody ?? '');
      }
      const stale = toIso(addSeconds(now, -pendingTimeoutSeconds));
      const takenOver = await db
        .updateTable('idempotency_record')
        .set({ createdAt: toIso(now) })
        .where('userId', '=', userId)
        .where('key', '=', key)
        .where('state', '=', 'pending')
        .where('createdAt', '<', stale)
        .executeTakeFirst();
      if (takenOver.numUpdatedRows === 0n) {
        throw new AppError('conflict', 'A request with this Idempotency-Key is still being processed; retry shortly', {
          headers: { 'retry-after': '2' },
        });
      }
      request.idempotencyRecord = { userId, key };
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const record = request.idempotencyRecord;
    if (record === null) return payload;
    request.idempotencyRecord = null;
    try {
      if (reply.statusCode >= 500) {
        // Nothing was promised: let the client's retry run the request again.
        await db
          .deleteFrom('idempotency_record')
          .where('userId', '=', record.userId)
          .where('key', '=', record.key)
          .execute();
      } else {
        const responseBody = typeof payload === 'string' ? payload : '';
        await db
          .updateTable('idempotency_record')
          .set({ state: 'done', responseStatus: reply.statusCode, responseBody })
          .where('userId', '=', record.userId)
          .where('key', '=', record.key)
          .execute();
      }
    } catch (error) {
      // The change itself is committed; failing the answer now would only invite a retry.
      // The record stays pending, so a retry within a minute is told to wait, not re-run.
      request.log.error({ err: error }, 'could not store the answer for an idempotency key');
    }
    return payload;
  });

  const sweep = setInterval(() => {
    const cutoff = toIso(addSeconds(clock.now(), -retentionSeconds));
    db.deleteFrom('idempotency_record')
      .where('createdAt', '<', cutoff)
      .execute()
      .catch((error: unknown) => app.log.warn({ err: error }, 'could not delete old idempotency records'));
  }, 3600_000);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));
}
