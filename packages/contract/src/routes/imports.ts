import {
  createImportQuerySchema,
  idParamsSchema,
  importContentTypes,
  importJobSchema,
  importTemplateQuerySchema,
  listImportsQuerySchema,
  pageSchema,
} from '../index';
import type { RouteTable } from './route-table';

export const importsRoutes = {
  'POST /api/v1/imports': { query: createImportQuerySchema, upload: importContentTypes, response: importJobSchema },
  'GET /api/v1/imports': { query: listImportsQuerySchema, response: pageSchema(importJobSchema) },
  'GET /api/v1/imports/templates': {
    query: importTemplateQuerySchema,
    produces: 'application/octet-stream',
  },
  'GET /api/v1/imports/:id': { params: idParamsSchema, response: importJobSchema },
  'GET /api/v1/imports/:id/refused': { params: idParamsSchema, produces: 'text/csv' },
} as const satisfies RouteTable;
