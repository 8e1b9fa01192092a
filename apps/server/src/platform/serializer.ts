import fastJson, { type Schema } from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { z } from 'zod';

/**
 * Responses are written by fast-json-stringify from the JSON Schema of the route's Zod
 * response schema: only the properties the contract names leave the server, a missing
 * required one is an error, and it is several times faster than validating every
 * response with Zod and then calling JSON.stringify (measured in bench/README.md).
 */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema }) =>
  fastJson(z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' }) as Schema);
