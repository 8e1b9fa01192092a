import type { FastifyInstance } from 'fastify';

/** The part of a JSON Schema (as the OpenAPI document carries it) that the walkers read. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  additionalProperties?: boolean | JsonSchema;
}

export interface OperationParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

export interface ApiOperation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path template, e.g. `/api/v1/work-orders/{id}`. */
  path: string;
  /** `METHOD path`, the key the rules tables use. */
  key: string;
  parameters: OperationParameter[];
  /** The request body's media type and schema, when the operation takes one. */
  body?: { contentType: string; schema: JsonSchema };
}

interface OpenApiOperation {
  parameters?: OperationParameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** Every operation the running app publishes in `/api/v1/openapi.json`. */
export async function listOperations(app: FastifyInstance): Promise<ApiOperation[]> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  if (response.statusCode !== 200) throw new Error(`openapi.json answered ${response.statusCode}`);
  const document = response.json<OpenApiDocument>();
  // Not in the API's document, for load balancers rather than integrators, but routes all the same.
  const service = ['/healthz', '/readyz'].map((path) => ({
    method: 'GET' as const,
    path,
    key: `GET ${path}`,
    parameters: [],
  }));
  const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([verb, operation]) => {
      const method = verb.toUpperCase() as ApiOperation['method'];
      const [content] = Object.entries(operation.requestBody?.content ?? {});
      return {
        method,
        path,
        key: `${method} ${path}`,
        parameters: operation.parameters ?? [],
        ...(content ? { body: { contentType: content[0], schema: content[1].schema ?? {} } } : {}),
      };
    }),
  );
  return [...documented, ...service];
}

/** The path template with its `{name}` parameters filled in. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for path parameter ${name} of ${path}`);
    return encodeURIComponent(value);
  });
}
