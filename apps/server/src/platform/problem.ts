import { type ErrorCode, errorStatus, type Problem, type ProblemFieldError } from '@purnajual/contract';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors';
import { fieldMessage, invalidRequestDetail, notYourField } from './field-messages';
import { type ProblemLanguage, problemLanguageOf, problemTitles } from './problem-language';
import { StorageUnavailableError } from './storage/file-storage';
import type { PageFallback } from './web-apps';

/** Fastify's own client errors (bad JSON, wrong content type, body too large, …). */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
};

/**
 * Errors of a database that is restarting or out of reach (connection refused or lost, the
 * server shutting down, no connection slot, a Galera node outside the primary component
 * answering `WSREP has not yet prepared node for application use`, or failing a COMMIT it
 * could no longer replicate (1180: nothing was committed), SQLite busy past its timeout),
 * or that gave up a transaction to break a deadlock or a lock wait more often than the
 * retries allow (db/retry.ts): the request's transaction is rolled back, and the same
 * request may well succeed in a moment.
 */
const databaseUnavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_UNKNOWN_COM_ERROR',
  'ER_ERROR_DURING_COMMIT',
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  'TRANSACTION_ROLLED_BACK',
  'SQLITE_BUSY',
]);

/**
 * mysql2 marks an error `fatal` when the connection it came on is gone (a node killed
 * mid-query; "Can't add new command when connection is in closed state" has no code).
 */
const isDatabaseUnavailable = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  (('code' in error && databaseUnavailableCodes.has(String(error.code))) || ('fatal' in error && error.fatal === true));

/** What to tell the client when a store the request needs is out of reach for now, else undefined. */
function unavailableDetail(error: unknown): string | undefined {
  if (isDatabaseUnavailable(error)) return 'The database could not complete the request just now; retry shortly.';
  if (error instanceof StorageUnavailableError) {
    return 'The file storage could not complete the request just now; retry shortly.';
  }
  return undefined;
}

interface ProblemExtras {
  errors?: ProblemFieldError[] | undefined;
  limit?: Problem['limit'];
  mergedIntoId?: Problem['mergedIntoId'];
  existingProduct?: Problem['existingProduct'];
  conflictingWorkOrder?: Problem['conflictingWorkOrder'];
}

function buildProblem(
  code: ErrorCode,
  detail: string,
  requestId: string,
  language: ProblemLanguage,
  { errors, limit, mergedIntoId, existingProduct, conflictingWorkOrder }: ProblemExtras = {},
): Problem {
  return {
    type: `https://purnajual.id/problems/${code.replaceAll('_', '-')}`,
    title: problemTitles[language][code],
    status: errorStatus[code],
    detail,
    code,
    requestId,
    ...(errors ? { errors } : {}),
    ...(limit ? { limit } : {}),
    ...(mergedIntoId ? { mergedIntoId } : {}),
    ...(existingProduct ? { existingProduct } : {}),
    ...(conflictingWorkOrder ? { conflictingWorkOrder } : {}),
  };
}

/** The language the caller asked for with `Accept-Language`: Indonesian unless English ranks first. */
const languageOf = (request: FastifyRequest) => problemLanguageOf(request.headers['accept-language']);

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  detail: string,
  extras?: ProblemExtras,
) {
  const problem = buildProblem(code, detail, request.id, languageOf(request), extras);
  return reply.status(problem.status).type('application/problem+json').serializer(JSON.stringify).send(problem);
}

/**
 * A problem response written straight to the socket, for a request the server gives up on
 * while it is still arriving (no reply object can answer it then); the connection closes.
 */
export function rawProblemResponse(code: ErrorCode, detail: string, request: FastifyRequest): string {
  const problem = buildProblem(code, detail, request.id, languageOf(request));
  const body = JSON.stringify(problem);
  return [
    `HTTP/1.1 ${problem.status} ${problem.title}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    `X-Request-Id: ${request.id}`,
    '',
    body,
  ].join('\r\n');
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}

/**
 * The router's own refusals, raised before any route or hook runs (Fastify's
 * `frameworkErrors`): a path that is not valid percent-encoding, or a path parameter
 * longer than the router takes. The path is not echoed back.
 */
export function sendRouterError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.header('x-request-id', request.id);
  if (error.code === 'FST_ERR_BAD_URL') {
    return sendProblem(reply, request, 'bad_request', 'The URL path is not valid percent-encoded UTF-8');
  }
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendProblem(reply, request, 'bad_request', 'A segment of the URL path is too long');
  }
  request.log.error({ err: error }, 'unhandled router error');
  return sendProblem(reply, request, 'internal_error', 'Something went wrong on our side. Quote the request id.');
}

/** The one place that turns errors into RFC 9457 problem responses. */
/** A failure of the server's own (a store out of reach, or a bug): logged, and what the client is told. */
function serverFailure(error: unknown, request: FastifyRequest) {
  const unavailable = unavailableDetail(error);
  if (unavailable !== undefined) {
    request.log.warn({ err: error }, unavailable);
    return { code: 'service_unavailable' as const, detail: unavailable, headers: { 'retry-after': '1' } };
  }
  request.log.error({ err: error }, 'unhandled error');
  const detail = 'Something went wrong on our side. Quote the request id.';
  return { code: 'internal_error' as const, detail, headers: {} };
}

/**
 * For a failure after the answer was made (an `onSend` hook storing it): the reply becomes
 * the problem response, and this is its body. Fastify's own fallback would send the raw error.
 */
export function replaceWithProblem(reply: FastifyReply, request: FastifyRequest, error: unknown): string {
  const failure = serverFailure(error, request);
  const problem = buildProblem(failure.code, failure.detail, request.id, languageOf(request));
  reply.status(problem.status).headers(failure.headers).type('application/problem+json');
  return JSON.stringify(problem);
}

export function registerProblemHandlers(app: FastifyInstance, pageFallback: PageFallback | null = null) {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) {
      reply.headers(error.headers);
      const detail = error.localized?.[languageOf(request)] ?? error.message;
      return sendProblem(reply, request, error.code, detail, error);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const language = languageOf(request);
      const context = error.validationContext ?? 'body';
      const location = context === 'querystring' ? 'query' : context;
      const errors = error.validation.flatMap((issue) => {
        const path = [location, ...issue.instancePath.split('/').filter(Boolean)];
        // A field the caller may not set (or that does not exist) is named on its own path.
        const keys = issue.keyword === 'unrecognized_keys' ? issue.params.keys : undefined;
        if (Array.isArray(keys)) {
          return keys.map((key) => ({ path: [...path, String(key)].join('.'), message: notYourField(language) }));
        }
        const message = fieldMessage(
          { code: issue.keyword, message: issue.message ?? '', params: issue.params },
          language,
        );
        return [{ path: path.join('.'), message }];
      });
      const detail = invalidRequestDetail(errors.map((e) => e.path).join(', '), language);
      return sendProblem(reply, request, 'validation_failed', detail, { errors });
    }
    const status = statusOf(error);
    if (status !== undefined && status >= 400 && status < 500) {
      const fastifyCode = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
      const code = fastifyCodes[fastifyCode] ?? (status === 413 ? 'payload_too_large' : 'bad_request');
      const message = error instanceof Error ? error.message : 'The request could not be processed';
      return sendProblem(reply, request, code, message);
    }
    const failure = serverFailure(error, request);
    reply.headers(failure.headers);
    return sendProblem(reply, request, failure.code, failure.detail);
  });

  app.setNotFoundHandler((request, reply) => {
    if (pageFallback?.(request, reply)) return reply;
    return sendProblem(reply, request, 'not_found', `No route for ${request.method} ${request.url.split('?')[0]}`);
  });
}
