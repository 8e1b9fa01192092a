import {
  kpiQuerySchema,
  kpiSchema,
  kpiWorkOrdersQuerySchema,
  officeRoles,
  pageSchema,
  repeatRepairsQuerySchema,
  repeatRepairsSchema,
  slaBoardQuerySchema,
  slaBoardSchema,
  workOrderSummarySchema,
} from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth';
import type { ReportsService } from './reports.service';

export interface ReportsRoutesOptions {
  reports: ReportsService;
}

/** The office's figures, and a technician's own. */
const reportRoles = [...officeRoles, 'technician'] as const;

export const reportsRoutes: FastifyPluginAsyncZod<ReportsRoutesOptions> = async (app, { reports }) => {
  app.get(
    '/api/v1/reports/kpis',
    {
      config: { access: reportRoles },
      schema: {
        tags: ['reports'],
        summary: 'KPIs of a period of local days, for a branch and/or technician, with a daily series',
        querystring: kpiQuerySchema,
        response: { 200: kpiSchema },
      },
    },
    async (request) => reports.getKpis(requireActor(request), request.query),
  );

  app.get(
    '/api/v1/reports/kpis/work-orders',
    {
      config: { access: reportRoles },
      schema: {
        tags: ['reports'],
        summary: 'The work orders behind a KPI, newest first',
        querystring: kpiWorkOrdersQuerySchema,
        response: { 200: pageSchema(workOrderSummarySchema) },
      },
    },
    async (request) => reports.listKpiWorkOrders(requireActor(request), request.query),
  );

  app.get(
    '/api/v1/reports/repeat-repairs',
    {
      config: { access: reportRoles },
      schema: {
        tags: ['reports'],
        summary: "Repeat repairs of a period's completed work orders, by technician and by model",
        querystring: repeatRepairsQuerySchema,
        response: { 200: repeatRepairsSchema },
      },
    },
    async (request) => reports.getRepeatRepairs(requireActor(request), request.query),
  );

  app.get(
    '/api/v1/reports/sla',
    {
      config: { access: officeRoles },
      schema: {
        tags: ['reports'],
        summary: 'Open work orders at risk of missing their SLA, and those past it, soonest due first',
        querystring: slaBoardQuerySchema,
        response: { 200: slaBoardSchema },
      },
    },
    async (request) => reports.getSlaBoard(requireActor(request), request.query),
  );
};
