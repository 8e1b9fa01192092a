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
} from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth';
import type { ApiKeysService } from './api-keys.service';
import type { WebhooksService } from './webhooks.service';

const adminOnly = { access: ['admin'] } as const;
const tags = ['integrations'];

export const integrationsRoutes: FastifyPluginAsyncZod<{ apiKeys: ApiKeysService; webhooks: WebhooksService }> = async (
  app,
  { apiKeys, webhooks },
) => {
  app.post(
    '/api/v1/api-keys',
    {
      config: { ...adminOnly, problems: ['conflict'] },
      schema: {
        tags,
        summary: 'Create an API key; the key is in this answer only',
        body: createApiKeyBodySchema,
        response: { 201: createdApiKeySchema },
      },
    },
    async (request, reply) => reply.status(201).send(await apiKeys.createApiKey(requireActor(request), request.body)),
  );

  app.get(
    '/api/v1/api-keys',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'The API keys, newest first, without their secrets',
        response: { 200: z.object({ items: z.array(apiKeySchema) }) },
      },
    },
    async () => ({ items: await apiKeys.listApiKeys() }),
  );

  app.delete(
    '/api/v1/api-keys/:id',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Revoke an API key (again: no change)',
        params: idParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await apiKeys.revokeApiKey(request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/webhooks',
    {
      config: { ...adminOnly, problems: ['conflict'] },
      schema: {
        tags,
        summary: 'Create a webhook; its signing secret is in this answer only',
        body: createWebhookBodySchema,
        response: { 201: createdWebhookSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await webhooks.createWebhook(request.body)),
  );

  app.get(
    '/api/v1/webhooks',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'The webhooks, without their secrets',
        response: { 200: z.object({ items: z.array(webhookSchema) }) },
      },
    },
    async () => ({ items: await webhooks.listWebhooks() }),
  );

  app.patch(
    '/api/v1/webhooks/:id',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: "Change a webhook's URL or events, or switch it on or off",
        params: idParamsSchema,
        body: updateWebhookBodySchema,
        response: { 200: webhookSchema },
      },
    },
    async (request) => webhooks.updateWebhook(request.params.id, request.body),
  );

  app.delete(
    '/api/v1/webhooks/:id',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Delete a webhook and its delivery log',
        params: idParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await webhooks.deleteWebhook(request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: "A webhook's delivery log, newest first",
        params: idParamsSchema,
        querystring: webhookDeliveriesQuerySchema,
        response: { 200: pageSchema(webhookDeliverySchema) },
      },
    },
    async (request) => webhooks.listDeliveries(request.params.id, request.query),
  );

  app.post(
    '/api/v1/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Send a delivery again now, also after it failed',
        params: webhookDeliveryParamsSchema,
        response: { 202: webhookDeliverySchema },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await webhooks.redeliver(request.params.id, request.params.deliveryId)),
  );
};
