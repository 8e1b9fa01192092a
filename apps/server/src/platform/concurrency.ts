import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors';

/**
 * The version a client expects a record to have, from `If-Match: 3` (or the ETag form
 * `"3"`). Undefined when the header is absent.
 */
export function readIfMatch(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match?.[1]) {
    throw new AppError('validation_failed', 'If-Match must be the record version', {
      errors: [{ path: 'headers.if-match', message: 'must be a version number such as 3' }],
    });
  }
  return Number(match[1]);
}
