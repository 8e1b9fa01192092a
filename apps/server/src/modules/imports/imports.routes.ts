import { Readable } from 'node:stream';
import {
  createImportQuerySchema,
  idParamsSchema,
  importContentTypes,
  importJobSchema,
  importTemplateQuerySchema,
  listImportsQuerySchema,
  pageSchema,
  type Role,
} from '@purnajual/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth';
import type { Clock } from '../../platform/clock';
import { problemLanguageOf } from '../../platform/problem-language';
import { type ImportsService, toImportJob } from './imports.service';

/** Bringing in a company's customers, catalog, staff or stock is the administrator's. */
const importRoles: Role[] = ['admin'];

const languageOf = (request: FastifyRequest) => problemLanguageOf(request.headers['accept-language']);

export interface ImportsRoutesOptions {
  imports: ImportsService;
  clock: Clock;
  /** Starts the queued import on this instance once the upload is committed. */
  wake: () => void;
}

export const importsRoutes: FastifyPluginAsyncZod<ImportsRoutesOptions> = async (app, { imports, clock, wake }) => {
  // The file is read by the service as it streams in, never parsed or buffered here.
  app.addContentTypeParser([...importContentTypes], (_request, _payload, done) => done(null));

  app.post(
    '/api/v1/imports',
    {
      config: {
        access: importRoles,
        consumes: importContentTypes,
        problems: ['import_running', 'payload_too_large', 'unsupported_media_type'],
      },
      schema: {
        tags: ['imports'],
        summary:
          'Upload a CSV or XLSX file (the body, at most IMPORT_MAX_BYTES) to import; 202 with the queued job, 400 naming unknown or missing columns, 409 `import_running` while one of the kind runs',
        querystring: createImportQuerySchema,
        response: { 202: importJobSchema },
      },
    },
    async (request, reply) => {
      const job = await imports.startImport({
        ...request.query,
        contentType: request.headers['content-type'],
        body: request.raw,
        actorId: requireActor(request).id,
      });
      wake();
      return reply.status(202).send(toImportJob(job, languageOf(request), clock.now()));
    },
  );

  app.get(
    '/api/v1/imports',
    {
      config: { access: importRoles },
      schema: {
        tags: ['imports'],
        summary: 'The imports, newest first',
        querystring: listImportsQuerySchema,
        response: { 200: pageSchema(importJobSchema) },
      },
    },
    async (request) => {
      const page = await imports.listImports(request.query);
      const now = clock.now();
      return { ...page, items: page.items.map((row) => toImportJob(row, languageOf(request), now)) };
    },
  );

  app.get(
    '/api/v1/imports/templates',
    {
      config: { access: importRoles, produces: 'application/octet-stream' },
      schema: {
        tags: ['imports'],
        summary: 'An empty file of the kind with its column headers (`format` csv or xlsx, `lang` id or en)',
        querystring: importTemplateQuerySchema,
      },
    },
    async (request, reply) => {
      const template = await imports.template(request.query);
      return reply
        .type(template.contentType)
        .header('content-disposition', `attachment; filename="${template.fileName}"`)
        .send(template.body);
    },
  );

  app.get(
    '/api/v1/imports/:id',
    {
      config: { access: importRoles },
      schema: {
        tags: ['imports'],
        summary: 'One import and how far it got',
        params: idParamsSchema,
        response: { 200: importJobSchema },
      },
    },
    async (request) => toImportJob(await imports.getImport(request.params.id), languageOf(request), clock.now()),
  );

  app.get(
    '/api/v1/imports/:id/refused',
    {
      config: { access: importRoles, produces: 'text/csv' },
      schema: {
        tags: ['imports'],
        summary:
          "The refused lines as CSV: the file's columns, then the line number and the reason in the caller's language; fix and upload it again",
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      const job = await imports.getImport(request.params.id);
      const lines = imports.refusedLines(job.id, languageOf(request));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="refused-${job.id}.csv"`)
        .send(Readable.from(lines));
    },
  );
};
