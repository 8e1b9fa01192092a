import { z } from 'zod';
import {
  customerMessageSchema,
  idParamsSchema,
  publicTrackingSchema,
  surveyBodySchema,
  surveyStateSchema,
  trackingLinkSchema,
  trackingPathParamsSchema,
  workOrderSurveySchema,
} from '../index';
import type { RouteTable } from './route-table';

export const trackingRoutes = {
  'GET /api/v1/public/tracking/:token': { params: trackingPathParamsSchema, response: publicTrackingSchema },
  'GET /api/v1/public/tracking/:token/survey': { params: trackingPathParamsSchema, response: surveyStateSchema },
  'POST /api/v1/public/tracking/:token/survey': {
    params: trackingPathParamsSchema,
    body: surveyBodySchema,
    response: workOrderSurveySchema,
  },
  'POST /api/v1/work-orders/:id/tracking-link/revoke': { params: idParamsSchema, response: trackingLinkSchema },
  'GET /api/v1/work-orders/:id/messages': {
    params: idParamsSchema,
    response: z.object({ items: z.array(customerMessageSchema) }),
  },
} as const satisfies RouteTable;
