import { areaSchema, listAreasQuerySchema, pageSchema } from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AreasService } from './areas.service';

export const areasRoutes: FastifyPluginAsyncZod<{ areas: AreasService }> = async (app, { areas }) => {
  app.get(
    '/api/v1/areas',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['areas'],
        summary: 'Children of an area code (no parent: provinces), or a search by name',
        querystring: listAreasQuerySchema,
        response: { 200: pageSchema(areaSchema) },
      },
    },
    async (request) => areas.listAreas(request.query),
  );
};
