import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors';

/**
 * How deep a JSON body may nest. The deepest body the API takes nests three levels (a
 * completion's `partsUsed`); far deeper input only exists to exhaust the stack of whatever
 * walks it recursively later (JSON.stringify when an Idempotency-Key is fingerprinted).
 */
export const maxJsonDepth = 32;

/** Whether the JSON text opens more than `limit` arrays or objects inside one another. */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index += 1;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (char === 0x5d || char === 0x7d) depth -= 1;
  }
  return false;
}

/**
 * Fastify's own JSON parser (which refuses `__proto__` and `constructor.prototype`), behind
 * a depth limit checked on the text before it is parsed. Register before the routes.
 */
export function registerJsonBodyParser(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (nestsDeeperThan(text, maxJsonDepth)) {
      done(new AppError('bad_request', `The JSON body nests deeper than ${maxJsonDepth} levels`), undefined);
      return;
    }
    parse(request, text, done);
  });
}
