import { pushKeySchema, pushSubscriptionBodySchema, pushUnsubscribeBodySchema } from '../index';
import type { RouteTable } from './route-table';

export const pushRoutes = {
  'GET /api/v1/push/key': { response: pushKeySchema },
  'PUT /api/v1/push/subscription': { body: pushSubscriptionBodySchema, response: null },
  'DELETE /api/v1/push/subscription': { body: pushUnsubscribeBodySchema, response: null },
} as const satisfies RouteTable;
