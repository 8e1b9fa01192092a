import { z } from 'zod';
import {
  idParamsSchema,
  listNotificationsQuerySchema,
  notificationSchema,
  sendNotificationBodySchema,
  sendNotificationResponseSchema,
  sentNotificationSchema,
} from '../index';
import type { RouteTable } from './route-table';

export const notificationsRoutes = {
  'GET /api/v1/notifications': {
    query: listNotificationsQuerySchema,
    response: z.object({
      items: z.array(notificationSchema),
      nextCursor: z.string().nullable(),
      unread: z.number().int(),
    }),
  },
  'POST /api/v1/notifications': { body: sendNotificationBodySchema, response: sendNotificationResponseSchema },
  'GET /api/v1/notifications/sent': { response: z.object({ items: z.array(sentNotificationSchema) }) },
  'POST /api/v1/notifications/:id/read': { params: idParamsSchema, response: null },
} as const satisfies RouteTable;
