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
  'GET /api/v1/reports/kpis': { query: kpiQuerySchema, response: kpiSchema },
  'GET /api/v1/reports/kpis/work-orders': {
    query: kpiWorkOrdersQuerySchema,
    response: pageSchema(workOrderSummarySchema),
  },
  'GET /api/v1/reports/repeat-repairs': { query: repeatRepairsQuerySchema, response: repeatRepairsSchema },
  'GET /api/v1/reports/sla': { query: slaBoardQuerySchema, response: slaBoardSchema },
} as const satisfies RouteTable;
