import type { z } from 'zod';
import type { ApiScope } from '../integrations';

/** What a route takes and answers, with the same schemas the server validates with. */
export interface RouteSpec {
  /** The path's `:name` parts. */
  params?: z.ZodType;
  query?: z.ZodType;
  /** A JSON body. */
  body?: z.ZodType;
  /** The fields of a multipart form (a photo upload): the client sends `FormData`. */
  form?: z.ZodType;
  /** The content types of a body that is a file itself, sent as it is (a spreadsheet to import). */
  upload?: readonly string[];
  /** The JSON answer; `null` for 204 No Content. */
  response?: z.ZodType | null;
  /** The content type of an answer that is not JSON (a PDF, an image, an event stream). */
  produces?: string;
  /** The scope an API key needs to call the route; a route without one refuses every key. */
  scope?: ApiScope;
}

/** Routes by `METHOD /path`, the path as Fastify declares it (`/api/v1/work-orders/:id`). */
export type RouteTable = Record<`${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /api/v1/${string}`, RouteSpec>;
