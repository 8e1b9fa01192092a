import { pushKeySchema, pushSubscriptionBodySchema, pushUnsubscribeBodySchema } from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth';
import type { PushService } from './push.service';

export const pushRoutes: FastifyPluginAsyncZod<{ push: PushService }> = async (app, { push }) => {
  app.get(
    '/api/v1/push/key',
    {
      config: { access: 'signedIn', problems: ['push_disabled'] },
      schema: {
        tags: ['push'],
        summary: "The server's VAPID public key to subscribe with; 404 push_disabled when the server sends no pushes",
        response: { 200: pushKeySchema },
      },
    },
    async () => push.publicKey(),
  );

  app.put(
    '/api/v1/push/subscription',
    {
      config: { access: ['technician'], problems: ['push_disabled'] },
      schema: {
        tags: ['push'],
        summary:
          'Receive your notifications as pushes on this browser (its PushSubscription.toJSON()), until this session signs out',
        body: pushSubscriptionBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await push.subscribe(requireActor(request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/v1/push/subscription',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['push'],
        summary: 'No more pushes to this browser',
        body: pushUnsubscribeBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await push.unsubscribe(requireActor(request), request.body);
      return reply.status(204).send(null);
    },
  );
};
