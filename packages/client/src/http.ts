import type { Problem } from '@purnajual/contract';
import type { z } from 'zod';
import {
  type EmptyRoute,
  type FileRoute,
  type JsonRoute,
  type OptionsArgument,
  queryString,
  type ReadsAnswerOf,
  type RouteKey,
  type RouteOptions,
  resolvePath,
} from './routes';

/** An answer from the API that is not a success, with the server's problem details. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get code() {
    return this.problem?.code ?? (this.status === 0 ? 'network_error' : 'unknown_error');
  }

  /** The message for one field (`body.phone`), if the server named it. */
  fieldError(path: string): string | undefined {
    return this.problem?.errors?.find((error) => error.path === path)?.message;
  }
}

/** Options of a request replayed from a recording (`pathOf`), whose body was checked when it was recorded. */
export interface ReplayOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * The API's calls by route (`'GET /api/v1/work-orders/:id'`, see `@purnajual/contract/routes`):
 * a route the server does not have, a missing path parameter, a body or query of the wrong
 * shape, or a schema that cannot read the route's answer does not compile.
 */
export interface ApiClient {
  /** The JSON answer, parsed with `schema`: the route's own or a narrower one that reads it. */
  request<K extends JsonRoute, S extends z.ZodType>(
    route: K,
    schema: S & ReadsAnswerOf<K, S>,
    ...options: OptionsArgument<K>
  ): Promise<z.output<S>>;
  /** For routes that answer 204 No Content. */
  send<K extends EmptyRoute>(route: K, ...options: OptionsArgument<K>): Promise<void>;
  /** The JSON answer unparsed, for a caller that loads the schema to read it only when needed. */
  exchange<K extends JsonRoute>(route: K, ...options: OptionsArgument<K>): Promise<unknown>;
  /** A file (a PDF) with the name the server gives it in Content-Disposition, if any. */
  download<K extends FileRoute>(
    route: K,
    ...options: OptionsArgument<K>
  ): Promise<{ blob: Blob; fileName: string | null }>;
  /** Sends a request recorded earlier (a queued offline change); its JSON answer, or null when there is none. */
  replay(recorded: { method: string; path: string }, options?: ReplayOptions): Promise<unknown>;
}

/**
 * A body as fetch sends it: JSON; a FormData (a photo upload) with the multipart type and
 * boundary it sets itself; a file (a spreadsheet to import) as it is, with its content type.
 */
function encodeBody(body: unknown, contentType: string | undefined): { body: BodyInit | null; contentType?: string } {
  if (body === undefined) return { body: null };
  if (body instanceof FormData) return { body };
  if (body instanceof Blob) return { body, contentType: contentType ?? body.type };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/**
 * A fetch client for the Purnajual API: sends the session cookie, parses every answer with
 * the contract's schema, and turns failures into `ApiError` with the problem details.
 */
export function createApiClient({
  baseUrl = '',
  onResponse,
}: {
  baseUrl?: string;
  /** Sees every answer the server sends (its headers) before it is read, and when it was asked for. */
  onResponse?: (response: Response, requestedAt: Date) => void;
} = {}): ApiClient {
  async function call(
    method: string,
    path: string,
    options: ReplayOptions & { query?: unknown; contentType?: string } = {},
  ) {
    const sent = encodeBody(options.body, options.contentType);
    let response: Response;
    const requestedAt = new Date();
    try {
      response = await fetch(`${baseUrl}${path}${queryString(options.query)}`, {
        method,
        credentials: 'same-origin',
        headers: {
          accept: 'application/json',
          ...(sent.contentType === undefined ? {} : { 'content-type': sent.contentType }),
          ...options.headers,
        },
        body: sent.body,
        signal: options.signal ?? null,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, null, 'The server cannot be reached');
    }
    onResponse?.(response, requestedAt);
    if (!response.ok) {
      // Loaded when first needed, and alone: the first screens paint without the schemas, and
      // a refusal is read without building every other schema of the contract.
      const { problemSchema } = await import('@purnajual/contract/errors');
      const parsed = problemSchema.safeParse(await response.json().catch(() => null));
      const problem = parsed.success ? parsed.data : null;
      throw new ApiError(response.status, problem, problem?.detail ?? response.statusText);
    }
    return response;
  }

  function callRoute<K extends RouteKey>(
    route: K,
    options: RouteOptions<K> | undefined,
    headers?: Record<string, string>,
  ) {
    const { method, path } = resolvePath(route, options?.params);
    return call(method, path, { ...options, headers: { ...headers, ...options?.headers } });
  }

  return {
    async request(route, schema, ...[options]) {
      const response = await callRoute(route, options);
      return schema.parse(await response.json());
    },
    async send(route, ...[options]) {
      await callRoute(route, options);
    },
    async exchange(route, ...[options]) {
      const response = await callRoute(route, options);
      return response.json();
    },
    async download(route, ...[options]) {
      const response = await callRoute(route, options, { accept: '*/*' });
      const disposition = response.headers.get('content-disposition') ?? '';
      return { blob: await response.blob(), fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? null };
    },
    async replay({ method, path }, options) {
      const response = await call(method, path, options);
      return response.status === 204 ? null : response.json();
    },
  };
}
