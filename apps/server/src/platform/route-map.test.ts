import { apiRoutes, type RouteSpec } from '@purnajual/contract/routes';
import Fastify, { type HTTPMethods } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp } from '../../test/app';
import { registerOpenApi } from './openapi';
import { serializerCompiler } from './serializer';

/*
 * The apps' client is typed by the contract's route map, so the map must say what the server
 * does. Both are read the same way: the server's OpenAPI document, and the document of a
 * stand-in server whose routes are the map's entries, compared operation by operation.
 */

interface Operation {
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { content?: unknown }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

/** `GET /api/v1/work-orders/:id` → what the document says of its input and its success. */
function operationsOf(document: Document) {
  const operations = new Map<string, unknown>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      operations.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, {
        parameters: operation.parameters ?? [],
        requestBody: operation.requestBody,
        success: success.map(([, response]) => response.content ?? null),
      });
    }
  }
  return operations;
}

function schemaOf(spec: RouteSpec) {
  const body = spec.body ?? spec.form;
  return {
    ...(spec.params ? { params: spec.params } : {}),
    ...(spec.query ? { querystring: spec.query } : {}),
    ...(body ? { body } : {}),
    ...(spec.form ? { consumes: ['multipart/form-data'] } : {}),
    ...(spec.response === undefined ? {} : { response: spec.response ? { 200: spec.response } : { 204: z.null() } }),
  };
}

async function standInDocument() {
  const standIn = Fastify({ logger: false });
  standIn.setValidatorCompiler(validatorCompiler);
  standIn.setSerializerCompiler(serializerCompiler);
  await registerOpenApi(standIn);
  for (const [route, spec] of Object.entries<RouteSpec>(apiRoutes)) {
    const [method = '', url = ''] = route.split(' ');
    standIn.route({
      method: method as HTTPMethods,
      url,
      config: {
        ...(spec.produces ? { produces: spec.produces } : {}),
        ...(spec.upload ? { consumes: spec.upload } : {}),
      },
      schema: schemaOf(spec),
      handler: async () => null,
    });
  }
  await standIn.ready();
  const document: Document = (await standIn.inject('/api/v1/openapi.json')).json();
  await standIn.close();
  return document;
}

const t = await buildTestApp({ withAreas: false });
const served = operationsOf((await t.app.inject('/api/v1/openapi.json')).json());
const mapped = operationsOf(await standInDocument());

describe('the route map of the contract', () => {
  it('has every operation the server serves under /api/v1, and no other', () => {
    expect([...mapped.keys()].sort()).toEqual([...served.keys()].sort());
  });

  it('takes the path parameters, query and body the server takes, and reads the answer it sends', () => {
    for (const [route, operation] of mapped) expect(operation, route).toEqual(served.get(route));
  });

  it('names each path parameter in its params schema', () => {
    for (const [route, spec] of Object.entries<RouteSpec>(apiRoutes)) {
      const inPath = [...route.matchAll(/:(\w+)/g)].map((match) => match[1]);
      const declared = spec.params instanceof z.ZodObject ? Object.keys(spec.params.shape) : [];
      expect(declared.sort(), route).toEqual(inPath.sort());
    }
  });
});
