import { eventsQuerySchema, type ReloadEventData, reloadEventType } from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Gauge } from 'prom-client';
import { AppError } from '../../errors';
import { requireActor } from '../../platform/auth';
import type { EventBus } from '../../platform/events/event-bus';
import type { OutboxRow } from '../../platform/events/outbox';
import type { AuthService } from '../auth/auth.service';
import type { UsersService } from '../users/users.service';

export interface EventsRoutesDeps {
  bus: EventBus;
  auth: Pick<AuthService, 'isSessionActive'>;
  users: Pick<UsersService, 'findAreaCodes'>;
  openStreams: Gauge;
  heartbeatMs: number;
}

/** A client this far behind is dropped; it reconnects with Last-Event-ID and loses nothing. */
const maxBufferedBytes = 1024 * 1024;
/** How often a long-lived stream checks that its session is still valid. */
const revalidateMs = 5 * 60_000;

const formatEvent = (row: OutboxRow) => `id: ${row.id}\nevent: ${row.type}\ndata: ${row.payload}\n\n`;
const reloadData = JSON.stringify({ reason: 'events_pruned' } satisfies ReloadEventData);
// With the id, a client that reconnects before the next event does not ask for the pruned ones again.
const formatReload = (lastEventId: number) => `id: ${lastEventId}\nevent: ${reloadEventType}\ndata: ${reloadData}\n\n`;

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
  const { bus, auth, users, openStreams, heartbeatMs } = deps;
  const streams = new Set<() => void>();

  // End open streams first, or closing the server would wait for them forever.
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  app.get(
    '/api/v1/events',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['events'],
        summary:
          'Server-Sent Events of what the caller may see: work_order.created, work_order.updated, notification.created, stock.changed. Resume with Last-Event-ID; when events after it were pruned, `reload` ({"reason":"events_pruned"}) says to load everything again.',
        querystring: eventsQuerySchema,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const afterId = readLastEventId(request.headers['last-event-id'], request.query.lastEventId);
      const areaCodes = actor.role === 'technician' ? await users.findAreaCodes(actor.id) : [];

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
      let lastValidated = Date.now();
      const heartbeat = setInterval(() => {
        write(': ping\n\n');
        if (Date.now() - lastValidated < revalidateMs) return;
        lastValidated = Date.now();
        auth.isSessionActive(actor.sessionId).then(
          (active) => {
            if (!active) end();
          },
          // The database is unreachable: keep streaming and ask again at the next check.
          (error: unknown) => request.log.warn({ err: error }, 'could not re-check the session of an event stream'),
        );
      }, heartbeatMs);

      let subscriber: Awaited<ReturnType<EventBus['subscribe']>> | undefined;
      const end = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        if (subscriber) bus.unsubscribe(subscriber);
        streams.delete(end);
        openStreams.dec();
        response.end();
      };
      streams.add(end);
      request.raw.on('close', end);

      try {
        subscriber = await bus.subscribe(
          {
            scope: { userId: actor.id, role: actor.role, branchId: actor.branchId, areaCodes },
            send: (row) => write(formatEvent(row)),
            reload: (lastEventId) => write(formatReload(lastEventId)),
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
