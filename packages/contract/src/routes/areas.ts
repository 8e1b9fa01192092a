import { areaSchema, listAreasQuerySchema, pageSchema } from '../index';
import type { RouteTable } from './route-table';

export const areasRoutes = {
  'GET /api/v1/areas': { query: listAreasQuerySchema, response: pageSchema(areaSchema) },
} as const satisfies RouteTable;
