import { eventsQuerySchema } from '../index';
import type { RouteTable } from './route-table';

export const eventsRoutes = {
  'GET /api/v1/events': { query: eventsQuerySchema, produces: 'text/event-stream' },
} as const satisfies RouteTable;
