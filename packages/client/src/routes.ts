import type { ApiRoutes, RouteKey } from '@purnajual/contract/routes';
import type { z } from 'zod';

/*
 * The types the client reads from the contract's route map (`@purnajual/contract/routes`).
 * Only types: the map's schemas stay out of the apps' bundles, each call site brings its own.
 */

export type { RouteKey };

/** `GET` of `GET /api/v1/me`. */
export type MethodOf<K extends RouteKey> = K extends `${infer Method} ${string}` ? Method : never;

type RoutesWhere<Condition> = { [K in RouteKey]: ApiRoutes[K] extends Condition ? K : never }[RouteKey];

/** Routes that answer JSON. */
export type JsonRoute = RoutesWhere<{ response: z.ZodType }>;
/** Routes that answer 204 No Content. */
export type EmptyRoute = RoutesWhere<{ response: null }>;
/** Routes that answer a file (a PDF, an image). */
export type FileRoute = RoutesWhere<{ produces: string }>;

/** What the route answers, as the server's response schema writes it. */
export type AnswerOf<K extends JsonRoute> = ApiRoutes[K] extends { response: infer S extends z.ZodType }
  ? z.output<S>
  : never;

/**
 * Nothing more when `S` can read the route's answer; otherwise a property naming the route,
 * which the schema lacks, so the call does not compile.
 */
export type ReadsAnswerOf<K extends JsonRoute, S extends z.ZodType> = [AnswerOf<K>] extends [z.input<S>]
  ? unknown
  : { readonly 'cannot read the answer of': K };

type ParamsOption<K extends RouteKey> = ApiRoutes[K] extends { params: infer S extends z.ZodType }
  ? { params: z.input<S> }
  : { params?: never };

type QueryOption<K extends RouteKey> = ApiRoutes[K] extends { query: infer S extends z.ZodType }
  ? { query?: z.input<S> }
  : { query?: never };

type BodyOption<K extends RouteKey> = ApiRoutes[K] extends { body: infer S extends z.ZodType }
  ? { body: z.input<S> }
  : ApiRoutes[K] extends { form: z.ZodType }
    ? { body: FormData }
    : ApiRoutes[K] extends { upload: readonly (infer T extends string)[] }
      ? { body: Blob; contentType: T }
      : { body?: never };

/** A call's path parameters, query and body, as the route's schemas take them. */
export type RouteOptions<K extends RouteKey> = ParamsOption<K> &
  QueryOption<K> &
  BodyOption<K> & { headers?: Record<string, string>; signal?: AbortSignal };

/** The options argument: optional when the route needs no path parameter and no body. */
export type OptionsArgument<K extends RouteKey> =
  object extends RouteOptions<K> ? [options?: RouteOptions<K>] : [options: RouteOptions<K>];

/** The path parameters argument: only for routes with `:name` parts. */
export type ParamsArgument<K extends RouteKey> = ApiRoutes[K] extends { params: infer S extends z.ZodType }
  ? [params: z.input<S>]
  : [];

const entriesOf = (value: unknown): [string, unknown][] =>
  typeof value === 'object' && value !== null ? Object.entries(value) : [];

/** The method and the path of a route with its `:name` parts filled in. */
export function pathOf<K extends RouteKey>(route: K, ...[params]: ParamsArgument<K>) {
  return resolvePath(route, params);
}

/** `pathOf` for the client's own calls, whose options hold the parameters. */
export function resolvePath<K extends RouteKey>(route: K, params: unknown) {
  const values = new Map(entriesOf(params));
  const [method = '', template = ''] = route.split(' ');
  const path = template.replace(/:(\w+)/g, (_, name: string) => {
    const value = values.get(name);
    if (value === undefined || value === null) throw new Error(`${route} needs :${name}`);
    return encodeURIComponent(String(value));
  });
  return { method: method as MethodOf<K>, path };
}

/** A query string from the given values, leaving out the empty ones. */
export function queryString(query: unknown) {
  const search = new URLSearchParams();
  for (const [key, value] of entriesOf(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const suffix = search.toString();
  return suffix ? `?${suffix}` : '';
}
