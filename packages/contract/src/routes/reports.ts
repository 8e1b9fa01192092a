import {
  kpiQuerySchema,
  kpiSchema,
  kpiWorkOrdersQuerySchema,
  pageSchema,
  repeatRepairsQuerySchema,
  repeatRepairsSchema,
  slaBoardQuerySchema,
  slaBoardSchema,
  workOrderSummarySchema,
} from '../index';
import type { RouteTable } from './route-table';

export const reportsRoutes = {
  'GET /api/v1/reports/kpis': { scope: 'reports:read', query: kpiQuerySchema, response: kpiSchema },
  'GET /api/v1/reports/kpis/work-orders': {
    scope: 'reports:read',
    query: kpiWorkOrdersQuerySchema,
    response: pageSchema(workOrderSummarySchema),
  },
  'GET /api/v1/reports/repeat-repairs': {
    scope: 'reports:read',
    query: repeatRepairsQuerySchema,
    response: repeatRepairsSchema,
  },
  'GET /api/v1/reports/sla': { scope: 'reports:read', query: slaBoardQuerySchema, response: slaBoardSchema },
} as const satisfies RouteTable;
