import { type ErrorCode, errorStatus, type Problem, type ProblemFieldError } from '@purnajual/contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors';
import type { PageFallback } from './web-apps';

const titles: Record<ErrorCode, string> = {
  validation_failed: 'Validation failed',
  bad_request: 'Bad request',
  unauthenticated: 'Not signed in',
  invalid_credentials: 'Invalid credentials',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  invalid_transition: 'Invalid transition',
  version_conflict: 'Version conflict',
  insufficient_stock: 'Insufficient stock',
  part_limit_exceeded: 'Part limit exceeded',
  unpaid_balance: 'Unpaid balance',
  total_changed: 'Total changed',
  payment_exceeds_balance: 'Payment exceeds balance',
  survey_already_answered: 'Survey already answered',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  idempotency_key_reused: 'Idempotency key reused',
  rate_limited: 'Too many requests',
  internal_error: 'Internal server error',
  service_unavailable: 'Service unavailable',
};

/** Fastify's own client errors (bad JSON, wrong content type, body too large, …). */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
};

function buildProblem(code: ErrorCode, detail: string, requestId: string, errors?: ProblemFieldError[]): Problem {
  return {
    type: `https://purnajual.id/problems/${code.replaceAll('_', '-')}`,
    title: titles[code],
    status: errorStatus[code],
    detail,
    code,
    requestId,
    ...(errors ? { errors } : {}),
  };
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  detail: string,
  errors?: ProblemFieldError[],
) {
  const problem = buildProblem(code, detail, request.id, errors);
  return reply.status(problem.status).type('application/problem+json').serializer(JSON.stringify).send(problem);
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}

/** The one place that turns errors into RFC 9457 problem responses. */
export function registerProblemHandlers(app: FastifyInstance, pageFallback: PageFallback | null = null) {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) {
      reply.headers(error.headers);
      return sendProblem(reply, request, error.code, error.message, error.errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = error.validationContext ?? 'body';
      const location = context === 'querystring' ? 'query' : context;
      const errors = error.validation.map((issue) => ({
        path: [location, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
        message: issue.message ?? 'is invalid',
      }));
      const fields = errors.map((e) => e.path).join(', ');
      return sendProblem(reply, request, 'validation_failed', `The request is invalid: ${fields}`, errors);
    }
    const status = statusOf(error);
    if (status !== undefined && status >= 400 && status < 500) {
      const fastifyCode = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
      const code = fastifyCodes[fastifyCode] ?? (status === 413 ? 'payload_too_large' : 'bad_request');
      const message = error instanceof Error ? error.message : 'The request could not be processed';
      return sendProblem(reply, request, code, message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, 'internal_error', 'Something went wrong on our side. Quote the request id.');
  });

  app.setNotFoundHandler((request, reply) => {
    if (pageFallback?.(request, reply)) return reply;
    return sendProblem(reply, request, 'not_found', `No route for ${request.method} ${request.url.split('?')[0]}`);
  });
}
