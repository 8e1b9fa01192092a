import { z } from 'zod';
import {
  customerMessageSchema,
  idParamsSchema,
  messageTemplatePathParamsSchema,
  messageTemplateSchema,
  publicTrackingSchema,
  putMessageTemplateBodySchema,
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
  'POST /api/v1/public/tracking/:token/opt-out': {
    params: trackingPathParamsSchema,
    response: z.object({ messagesOptOut: z.literal(true) }),
  },
  'POST /api/v1/work-orders/:id/tracking-link/revoke': { params: idParamsSchema, response: trackingLinkSchema },
  'GET /api/v1/work-orders/:id/messages': {
    params: idParamsSchema,
    response: z.object({ items: z.array(customerMessageSchema) }),
  },
  'GET /api/v1/message-templates': { response: z.object({ items: z.array(messageTemplateSchema) }) },
  'PUT /api/v1/message-templates/:kind/:language': {
    params: messageTemplatePathParamsSchema,
    body: putMessageTemplateBodySchema,
    response: messageTemplateSchema,
  },
} as const satisfies RouteTable;
