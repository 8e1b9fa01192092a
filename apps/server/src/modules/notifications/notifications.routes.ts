import {
  idParamsSchema,
  listNotificationsQuerySchema,
  notificationSchema,
  officeRoles,
  sendNotificationBodySchema,
  sendNotificationResponseSchema,
  sentNotificationSchema,
} from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth';
import type { NotificationsService } from './notifications.service';

export const notificationsRoutes: FastifyPluginAsyncZod<{ notifications: NotificationsService }> = async (
  app,
  { notifications },
) => {
  app.get(
    '/api/v1/notifications',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notifications'],
        summary: "The caller's notifications, newest first, with the unread count",
        querystring: listNotificationsQuerySchema,
        response: {
          200: z.object({
            items: z.array(notificationSchema),
            nextCursor: z.string().nullable(),
            unread: z.number().int(),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const [page, unread] = await Promise.all([
        notifications.list(actor, request.query),
        notifications.unreadCount(actor),
      ]);
      return { ...page, unread };
    },
  );

  app.post(
    '/api/v1/notifications',
    {
      config: { access: officeRoles },
      schema: {
        tags: ['notifications'],
        summary: 'Send a notification to one or several technicians, or to every technician of a branch',
        body: sendNotificationBodySchema,
        response: { 201: sendNotificationResponseSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await notifications.send(requireActor(request), request.body)),
  );

  app.get(
    '/api/v1/notifications/sent',
    {
      config: { access: officeRoles },
      schema: {
        tags: ['notifications'],
        summary: 'Notifications the office sent, with how many recipients have read each',
        response: { 200: z.object({ items: z.array(sentNotificationSchema) }) },
      },
    },
    async (request) => ({ items: await notifications.listSent(requireActor(request)) }),
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of your notifications as read',
        params: idParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await notifications.markRead(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
