import type { Problem } from '@purnajual/contract';
import type { z } from 'zod';

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

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiClient {
  request<T extends z.ZodType>(method: string, path: string, schema: T, options?: RequestOptions): Promise<z.infer<T>>;
  /** For endpoints that answer 204 No Content. */
  send(method: string, path: string, options?: RequestOptions): Promise<void>;
  /** The answer's JSON, unparsed, or null when there is none: for replaying queued changes of any kind. */
  exchange(method: string, path: string, options?: RequestOptions): Promise<unknown>;
  /** A file (a PDF) with the name the server gives it in Content-Disposition, if any. */
  download(path: string, options?: RequestOptions): Promise<{ blob: Blob; fileName: string | null }>;
}

function toUrl(base: string, path: string, query: RequestOptions['query']) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const suffix = search.toString();
  return `${base}${path}${suffix ? `?${suffix}` : ''}`;
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
  async function call(method: string, path: string, options: RequestOptions = {}) {
    // A FormData body (a photo upload) sets its own multipart content type with the boundary.
    const isForm = options.body instanceof FormData;
    let response: Response;
    const requestedAt = new Date();
    try {
      response = await fetch(toUrl(baseUrl, path, options.query), {
        method,
        credentials: 'same-origin',
        headers: {
          accept: 'application/json',
          ...(options.body === undefined || isForm ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        body:
          options.body === undefined
            ? null
            : options.body instanceof FormData
              ? options.body
              : JSON.stringify(options.body),
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

  return {
    async request(method, path, schema, options) {
      const response = await call(method, path, options);
      return schema.parse(await response.json());
    },
    async send(method, path, options) {
      await call(method, path, options);
    },
    async exchange(method, path, options) {
      const response = await call(method, path, options);
      return response.status === 204 ? null : response.json();
    },
    async download(path, options) {
      const response = await call('GET', path, { ...options, headers: { accept: '*/*', ...options?.headers } });
      const disposition = response.headers.get('content-disposition') ?? '';
      return { blob: await response.blob(), fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? null };
    },
  };
}
