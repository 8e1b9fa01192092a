import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema/index';
import { AppError } from '../../errors';
import { type Clock, toIso } from '../../platform/clock';
import { advanceStatus } from './tracking.repository';

export interface WhatsappWebhookOptions {
  db: Kysely<DB>;
  clock: Clock;
  appSecret: string;
  verifyToken: string;
}

/** Meta sends a few statuses per call; far larger bodies are not from it. */
const maxBodyBytes = 256 * 1024;

const statusSchema = z.looseObject({
  id: z.string().min(1).max(128),
  status: z.string().max(32),
  timestamp: z
    .string()
    .regex(/^\d{1,12}$/)
    .optional(),
  errors: z
    .array(z.looseObject({ code: z.unknown(), title: z.string().optional() }))
    .max(20)
    .optional(),
});

/** The part of Meta's webhook payload that tells of sent messages: `entry[].changes[].value.statuses[]`. */
const payloadSchema = z.looseObject({
  entry: z
    .array(
      z.looseObject({
        changes: z
          .array(z.looseObject({ value: z.looseObject({ statuses: z.array(statusSchema).max(1000).optional() }) }))
          .max(100),
      }),
    )
    .max(100),
});

const handshakeSchema = z.object({
  'hub.mode': z.string().max(32).optional(),
  'hub.verify_token': z.string().max(256).optional(),
  'hub.challenge': z.string().max(256).optional(),
});

const reportedStatuses = ['sent', 'delivered', 'read', 'failed'] as const;
type ReportedStatus = (typeof reportedStatuses)[number];
const isReported = (status: string): status is ReportedStatus =>
  (reportedStatuses as readonly string[]).includes(status);

/** Equal strings, compared in constant time (the lengths may differ: they are of hex digests). */
function isSameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const forged = () =>
  new AppError('unauthenticated', {
    id: 'Tanda tangan X-Hub-Signature-256 tidak ada atau tidak cocok',
    en: 'The X-Hub-Signature-256 signature is missing or does not match',
  });

/**
 * WhatsApp's webhook: the subscription handshake, and the statuses of sent messages, signed
 * with the app secret over the raw body. A message moves forward only (read never back to
 * delivered); ids this server did not send are ignored.
 */
export const whatsappWebhookRoutes: FastifyPluginAsyncZod<WhatsappWebhookOptions> = async (
  app,
  { db, clock, appSecret, verifyToken },
) => {
  // The signature is over the bytes as sent: this route keeps them, unparsed, for the check.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: maxBodyBytes }, (_request, body, done) =>
    done(null, body),
  );

  app.get(
    '/api/v1/webhooks/whatsapp',
    { config: { access: 'public' }, schema: { hide: true, querystring: handshakeSchema } },
    async (request, reply) => {
      const query = request.query;
      const token = query['hub.verify_token'] ?? '';
      if (query['hub.mode'] !== 'subscribe' || !isSameSecret(token, verifyToken)) {
        request.log.warn('WhatsApp webhook handshake with a wrong verify token');
        throw new AppError('forbidden', { id: 'Token verifikasi salah', en: 'Wrong verify token' });
      }
      return reply.type('text/plain; charset=utf-8').send(query['hub.challenge'] ?? '');
    },
  );

  app.post(
    '/api/v1/webhooks/whatsapp',
    { config: { access: 'public' }, bodyLimit: maxBodyBytes, schema: { hide: true } },
    async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const header = request.headers['x-hub-signature-256'];
      const expected = `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
      if (typeof header !== 'string' || !isSameSecret(header, expected)) {
        request.log.warn(
          { hasSignature: typeof header === 'string' },
          'WhatsApp webhook refused: forged or missing signature',
        );
        throw forged();
      }
      const payload = payloadSchema.safeParse(parseJson(raw));
      if (!payload.success)
        throw new AppError('bad_request', { id: 'Isi webhook tidak dikenali', en: 'Unrecognized webhook payload' });
      let moved = 0;
      for (const status of payload.data.entry.flatMap((entry) =>
        entry.changes.flatMap((c) => c.value.statuses ?? []),
      )) {
        if (!isReported(status.status)) continue;
        const at = status.timestamp ? new Date(Number(status.timestamp) * 1000) : clock.now();
        const error = status.errors?.[0];
        const reason = error ? `${String(error.code)}: ${error.title ?? 'failed'}`.slice(0, 500) : null;
        if (await advanceStatus(db, { providerId: status.id, status: status.status, at: toIso(at), error: reason }))
          moved += 1;
      }
      return reply.send({ moved });
    },
  );
};

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}
