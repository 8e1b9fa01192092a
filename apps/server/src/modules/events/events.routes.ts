import { eventsQuerySchema, type ReloadEventData, type Role, reloadEventType } from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Gauge } from 'prom-client';
import { AppError } from '../../errors';
import { type EventScope, eventScopeOf, isSameEventScope, payloadFor } from '../../platform/access-policy/event-policy';
import { requireActor } from '../../platform/auth';
import type { EventBus } from '../../platform/events/event-bus';
import type { OutboxRow } from '../../platform/events/outbox';
import type { StreamLimit, StreamLimiter } from '../../platform/events/stream-limiter';
import type { AuthService } from '../auth/auth.service';
import type { UsersService } from '../users/users.service';

export interface EventsRoutesDeps {
  bus: EventBus;
  auth: Pick<AuthService, 'findSessionActor'>;
  users: Pick<UsersService, 'findAreaCodes'>;
  limiter: Pick<StreamLimiter, 'acquire'>;
  openStreams: Gauge;
  heartbeatMs: number;
}

/** A client this far behind is dropped; it reconnects with Last-Event-ID and loses nothing. */
const maxBufferedBytes = 1024 * 1024;
/**
 * How often a long-lived stream checks that its session is still valid, besides when a
 * `session.revoked` event for its user arrives (a session that merely expired sends none).
 */
const revalidateMs = 5 * 60_000;

const formatEvent = (row: OutboxRow, role: Role) =>
  `id: ${row.id}\nevent: ${row.type}\ndata: ${payloadFor(role, row)}\n\n`;
// With the id, a client that reconnects before the next event does not ask for the skipped ones again.
const formatReload = (lastEventId: number, reason: ReloadEventData['reason']) =>
  `id: ${lastEventId}\nevent: ${reloadEventType}\ndata: ${JSON.stringify({ reason } satisfies ReloadEventData)}\n\n`;

const limitMessages: Record<StreamLimit, string> = {
  session: 'This session has as many event streams open as it may; close one (another tab) first',
  user: 'You have as many event streams open as you may; close one (another tab or device) first',
};

function readLastEventId(header: string | string[] | undefined, query: number | undefined): number | undefined {
  if (header === undefined) return query;
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d{1,15}$/.test(value.trim())) {
    throw new AppError('validation_failed', 'Last-Event-ID must be an event id', {
      errors: [{ path: 'headers.last-event-id', message: 'must be a non-negative integer' }],
    });
  }
  return Number(value);
}

export const eventsRoutes: FastifyPluginAsyncZod<EventsRoutesDeps> = async (app, deps) => {
  const { bus, auth, users, limiter, openStreams, heartbeatMs } = deps;
  const streams = new Set<() => void>();

  /**
   * Whether what a stream was opened with still holds: a valid session, the same role and
   * branch, and for a technician the same areas. Asked again rather than taken from the
   * revocation, which may be one this stream's own sign-in already came after.
   */
  async function isStillAuthorized(scope: EventScope, sessionId: string): Promise<boolean> {
    const current = await auth.findSessionActor(sessionId);
    return current !== null && isSameEventScope(await eventScopeOf(current, users.findAreaCodes), scope);
  }

  // End open streams first, or closing the server would wait for them forever.
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  app.get(
    '/api/v1/events',
    {
      config: { access: 'signedIn', produces: 'text/event-stream', problems: ['rate_limited'] },
      schema: {
        tags: ['events'],
        summary:
          'Server-Sent Events of what the caller may see: work_order.created, work_order.updated, notification.created, stock.changed (warehouse staff get work orders without the customer\'s name and phone). Resume with Last-Event-ID; when events after it were pruned or are too many to replay, `reload` ({"reason":"events_pruned"} or {"reason":"too_far_behind"}) says to load everything again. A session and a user may hold a few streams open (429 past that); a stream ends when its session does, or when the user\'s role, branch or areas change.',
        querystring: eventsQuerySchema,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const afterId = readLastEventId(request.headers['last-event-id'], request.query.lastEventId);
      const scope = await eventScopeOf(actor, users.findAreaCodes);
      const lease = await limiter.acquire({ userId: actor.id, sessionId: actor.sessionId });
      if (typeof lease === 'string') throw new AppError('rate_limited', limitMessages[lease]);

      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        // The stream owns its connection: when it ends, so does the socket, and a server
        // shutting down is not kept waiting by connections left open after their stream.
        connection: 'close',
        'x-accel-buffering': 'no',
      });
      response.write('retry: 3000\n\n');
      openStreams.inc();

      let closed = false;
      const write = (chunk: string) => {
        if (closed) return;
        response.write(chunk);
        if (response.writableLength > maxBufferedBytes) end();
      };
      const revalidate = () =>
        isStillAuthorized(scope, actor.sessionId).then(
          (authorized) => {
            if (!authorized) end();
          },
          // The database is unreachable: keep streaming and ask again at the next check.
          (error: unknown) => request.log.warn({ err: error }, 'could not re-check the session of an event stream'),
        );
      let lastValidated = Date.now();
      const heartbeat = setInterval(() => {
        write(': ping\n\n');
        if (Date.now() - lastValidated < revalidateMs) return;
        lastValidated = Date.now();
        void revalidate();
      }, heartbeatMs);

      let subscriber: Awaited<ReturnType<EventBus['subscribe']>> | undefined;
      const end = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        if (subscriber) bus.unsubscribe(subscriber);
        streams.delete(end);
        openStreams.dec();
        lease.release();
        response.end();
      };
      streams.add(end);
      request.raw.on('close', end);
      // The client may have gone while its place was being counted.
      if (request.raw.socket.destroyed) end();

      try {
        subscriber = await bus.subscribe(
          {
            scope,
            send: (row) => write(formatEvent(row, actor.role)),
            reload: (lastEventId, reason) => write(formatReload(lastEventId, reason)),
            revoked: (sessionId) => {
              if (sessionId === null || sessionId === actor.sessionId) void revalidate();
            },
          },
          afterId,
        );
        if (closed) bus.unsubscribe(subscriber);
      } catch (error) {
        // The replay could not be read; end the stream and let the client reconnect and retry.
        request.log.error({ err: error }, 'could not replay events for a stream');
        end();
      }
    },
  );
};
