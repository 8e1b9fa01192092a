import { type ApiScope, type ErrorCode, errorStatus } from '@purnajual/contract';
import type { FastifySchema, RouteOptions } from 'fastify';
import type { Access } from './auth';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The content type of a success that is not JSON (an image, a PDF, an event stream). */
    produces?: string;
    /** The content types of a body that is a file itself (an import's spreadsheet), read as it streams. */
    consumes?: readonly string[];
    /** Codes the route answers besides those every route of its kind may (see `problemCodes`). */
    problems?: readonly ErrorCode[];
  }
}

/** What the document says of an operation, read from its route. */
export interface OperationFacts {
  access: Access;
  mutating: boolean;
  takesInput: boolean;
  hasPathParams: boolean;
  produces: string | undefined;
  consumes: readonly string[];
  problems: readonly ErrorCode[];
  duringTotpEnrolment: boolean;
  /** The scope an API key needs to call it; none: keys may not. */
  scope: ApiScope | undefined;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function factsOf(route: RouteOptions, schema: FastifySchema): OperationFacts {
  const method = methodOf(route);
  return {
    access: route.config?.access ?? 'signedIn',
    mutating: !safeMethods.has(method),
    takesInput: Boolean(schema.body ?? schema.querystring ?? schema.params) || Boolean(route.config?.consumes),
    hasPathParams: /[:{]/.test(route.url),
    produces: route.config?.produces,
    consumes: route.config?.consumes ?? [],
    problems: route.config?.problems ?? [],
    duringTotpEnrolment: route.config?.duringTotpEnrolment ?? false,
    scope: route.config?.scope,
  };
}

const methodOf = (route: RouteOptions) =>
  [route.method].flat().find((method) => method !== 'HEAD') ?? String(route.method);

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** `GET /api/v1/work-orders/{id}/candidates` is `getWorkOrdersByIdCandidates`: unique, stable, from the route alone. */
export function operationIdOf(route: RouteOptions): string {
  const words = route.url
    .replace(/^\/api\/v1\//, '/')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^(?::(\w+)|\{(\w+)\})$/.exec(segment);
      if (param) return ['by', param[1] ?? param[2] ?? ''];
      return segment.split(/[^a-zA-Z0-9]+/);
    });
  return methodOf(route).toLowerCase() + words.filter(Boolean).map(capitalized).join('');
}

/**
 * The problems an operation may answer: a refused input wherever there is input, no
 * session unless public, a role or the cross-site check refusing, a record not found by
 * its path, and for changes the answers of `Idempotency-Key`; then what the route adds.
 */
export function problemCodes(facts: OperationFacts): ErrorCode[] {
  const signedIn = facts.access !== 'public';
  const codes: ErrorCode[] = [
    ...(facts.takesInput ? (['validation_failed'] as const) : []),
    ...(signedIn ? (['unauthenticated'] as const) : []),
    ...(signedIn && (Array.isArray(facts.access) || facts.mutating) ? (['forbidden'] as const) : []),
    ...(signedIn && !facts.duringTotpEnrolment ? (['totp_enrolment_required'] as const) : []),
    ...(facts.hasPathParams ? (['not_found'] as const) : []),
    ...(signedIn && facts.mutating ? (['request_in_progress', 'idempotency_key_reused', 'rate_limited'] as const) : []),
    ...(facts.scope ? (['invalid_api_key', 'insufficient_scope', 'rate_limited'] as const) : []),
    ...facts.problems,
  ];
  return [...new Set(codes)];
}

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/** The operation's problem responses by status, each naming the codes it may carry. */
export function problemResponses(facts: OperationFacts) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of problemCodes(facts)) {
    const status = errorStatus[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      {
        description: `Problem details; \`code\` is ${codes.map((code) => `\`${code}\``).join(' or ')}`,
        content: problemContent,
      },
    ]),
  );
}

/** The success of an operation that answers an image, a PDF or an event stream rather than JSON. */
type Body = { type: 'string'; format?: 'binary' };

export function successContent({
  produces,
}: OperationFacts): Record<string, { description: string; content: Record<string, { schema: Body }> }> {
  if (!produces) return {};
  const schema: Body = produces.startsWith('text/') ? { type: 'string' } : { type: 'string', format: 'binary' };
  return { '200': { description: 'Success', content: { [produces]: { schema } } } };
}

/** The request body of an operation whose body is a file, in any of the types it takes. */
export function fileRequestBody({ consumes }: OperationFacts) {
  if (consumes.length === 0) return {};
  const content = Object.fromEntries(consumes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));
  return { requestBody: { required: true, content } };
}

/** Who may call the operation and how to retry it, for its description. */
export function describeOperation(facts: OperationFacts): string {
  const who =
    facts.access === 'public'
      ? 'Public: no session.'
      : facts.access === 'signedIn'
        ? 'Any signed-in user.'
        : `Roles: ${facts.access.join(', ')}.`;
  const retry = facts.mutating && facts.access !== 'public' ? ' Send an `Idempotency-Key` to make a retry safe.' : '';
  const key = facts.scope ? ` API keys with the scope \`${facts.scope}\`.` : '';
  return who + key + retry;
}
