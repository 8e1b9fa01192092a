import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/*
 * What must not reach the logs: a tracking token opens a customer's work order to whoever
 * holds it, and phone numbers and searches are the customers' personal data. Logs are
 * read by more people, kept longer and shipped further than the database.
 */

const hidden = '[redacted]';

/** The token in a tracking link, the page's or the API's; `/t/assets/…` are the page's files. */
const trackingToken = /(\/t\/|\/api\/v1\/public\/tracking\/)(?!assets\/)[^/?#\s]+/g;
/** Searches (by name, phone or serial number) and phone numbers in a query string. */
const personalQuery = /([?&](?:q|phone)=)[^&#]*/g;
/** An Indonesian phone number, as a customer or a message writes it. */
const phoneNumber = /(?:\+62|\b62|\b0)8[\d\s-]{7,14}\d/g;

export function redactUrl(url: string): string {
  return url.replace(trackingToken, `$1${hidden}`).replace(personalQuery, `$1${hidden}`);
}

/** A text sent to a customer: its tracking link and any phone number in it. */
export function redactText(text: string): string {
  return text.replace(trackingToken, `$1${hidden}`).replace(phoneNumber, hidden);
}

/** Fastify's request serializer, with the URL redacted. */
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** The server's logger: pino at `level`, with what it must not write redacted. */
export function loggerOptions(
  level: string,
  stream: { write(line: string): void } | undefined,
): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: { req: serializeRequest },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'customerMessage.recipient', 'customerMessage.body'],
      censor: (value: unknown, path: string[]) =>
        path.at(-1) === 'body' && typeof value === 'string' ? redactText(value) : hidden,
    },
  };
}
