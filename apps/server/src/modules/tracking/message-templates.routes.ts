import {
  messageTemplatePathParamsSchema,
  messageTemplateSchema,
  putMessageTemplateBodySchema,
} from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MessageTemplatesService } from './message-templates.service';

export const messageTemplatesRoutes: FastifyPluginAsyncZod<{ templates: MessageTemplatesService }> = async (
  app,
  { templates },
) => {
  app.get(
    '/api/v1/message-templates',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['tracking'],
        summary: 'The texts of the messages to customers, per kind and language, with their WhatsApp template names',
        response: { 200: z.object({ items: z.array(messageTemplateSchema) }) },
      },
    },
    async () => ({ items: await templates.listTemplates() }),
  );

  app.put(
    '/api/v1/message-templates/:kind/:language',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['tracking'],
        summary:
          'Edit a message text (placeholders {{customerName}}, {{workOrderNumber}}, {{technicianName}}, {{trackingUrl}}); the next message uses it',
        params: messageTemplatePathParamsSchema,
        body: putMessageTemplateBodySchema,
        response: { 200: messageTemplateSchema },
      },
    },
    async (request) => templates.putTemplate(request.params.kind, request.params.language, request.body),
  );
};
