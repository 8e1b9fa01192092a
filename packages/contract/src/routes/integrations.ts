import { z } from 'zod';
import {
  apiKeySchema,
  createApiKeyBodySchema,
  createdApiKeySchema,
  createdWebhookSchema,
  createWebhookBodySchema,
  idParamsSchema,
  pageSchema,
  updateWebhookBodySchema,
  webhookDeliveriesQuerySchema,
  webhookDeliveryParamsSchema,
  webhookDeliverySchema,
  webhookSchema,
} from '../index';
import type { RouteTable } from './route-table';

export const integrationsRoutes = {
  'POST /api/v1/api-keys': { body: createApiKeyBodySchema, response: createdApiKeySchema },
  'GET /api/v1/api-keys': { response: z.object({ items: z.array(apiKeySchema) }) },
  'DELETE /api/v1/api-keys/:id': { params: idParamsSchema, response: null },
  'POST /api/v1/webhooks': { body: createWebhookBodySchema, response: createdWebhookSchema },
  'GET /api/v1/webhooks': { response: z.object({ items: z.array(webhookSchema) }) },
  'PATCH /api/v1/webhooks/:id': { params: idParamsSchema, body: updateWebhookBodySchema, response: webhookSchema },
  'DELETE /api/v1/webhooks/:id': { params: idParamsSchema, response: null },
  'GET /api/v1/webhooks/:id/deliveries': {
    params: idParamsSchema,
    query: webhookDeliveriesQuerySchema,
    response: pageSchema(webhookDeliverySchema),
  },
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/redeliver': {
    params: webhookDeliveryParamsSchema,
    response: webhookDeliverySchema,
  },
} as const satisfies RouteTable;
