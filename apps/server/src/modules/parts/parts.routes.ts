import {
  catalogRoles,
  createPartBodySchema,
  idParamsSchema,
  importPartsBodySchema,
  listPartsQuerySchema,
  pageSchema,
  partSchema,
  partsImportReportSchema,
  updatePartBodySchema,
} from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readIfMatch } from '../../platform/concurrency';
import type { PartsService } from './parts.service';

export const partsRoutes: FastifyPluginAsyncZod<{ parts: PartsService }> = async (app, { parts }) => {
  app.get(
    '/api/v1/parts',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['parts'],
        summary: 'The parts catalog by part number: search by number or name, or by the product model it fits',
        querystring: listPartsQuerySchema,
        response: { 200: pageSchema(partSchema) },
      },
    },
    async (request) => parts.listParts(request.query),
  );

  app.post(
    '/api/v1/parts',
    {
      config: { access: catalogRoles },
      schema: {
        tags: ['parts'],
        summary: 'Add a part to the catalog',
        body: createPartBodySchema,
        response: { 201: partSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await parts.createPart(request.body)),
  );

  app.post(
    '/api/v1/parts/import',
    {
      config: { access: catalogRoles },
      schema: {
        tags: ['parts'],
        summary: 'Import a parts list (CSV): new part numbers are added, known ones updated, bad lines reported',
        body: importPartsBodySchema,
        response: { 200: partsImportReportSchema },
      },
    },
    async (request) => parts.importCsv(request.body.csv),
  );

  app.get(
    '/api/v1/parts/:id',
    {
      config: { access: 'signedIn' },
      schema: { tags: ['parts'], summary: 'One part', params: idParamsSchema, response: { 200: partSchema } },
    },
    async (request) => parts.getPart(request.params.id),
  );

  app.patch(
    '/api/v1/parts/:id',
    {
      config: { access: catalogRoles, problems: ['version_conflict'] },
      schema: {
        tags: ['parts'],
        summary: 'Change a part: name, price, models, flags (If-Match or `version`)',
        params: idParamsSchema,
        body: updatePartBodySchema,
        response: { 200: partSchema },
      },
    },
    async (request) => parts.updatePart(request.params.id, request.body, readIfMatch(request)),
  );
};
