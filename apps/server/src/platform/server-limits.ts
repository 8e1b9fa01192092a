import type { IncomingHttpHeaders } from 'node:http';
import { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import { networkOf } from './client-address';
import { rawProblemResponse } from './problem';

type ServerLimits = Config['server'];

/**
 * Node's own bounds on a client sending its request: the headers, and the whole request with
 * its body (answered 408, connection closed). Node looks for connections past them only every
 * `connectionsCheckingInterval` (30 s by default), so that is kept well below the bounds.
 */
export function serverTimeoutOptions({ headersTimeoutSeconds, requestTimeoutSeconds }: ServerLimits) {
  const requestTimeout = requestTimeoutSeconds * 1000;
  const headersTimeout = headersTimeoutSeconds * 1000;
  const connectionsCheckingInterval = Math.max(100, Math.min(30_000, headersTimeout / 4));
  return { requestTimeout, http: { requestTimeout, headersTimeout, connectionsCheckingInterval } };
}

/**
 * Refuses a connection beyond `maxConnectionsPerAddress` open ones from one address (its
 * /64 for IPv6) by closing it at once. A trusted proxy's connections carry many clients and
 * are not counted: limit clients at the proxy.
 */
export function limitConnectionsPerAddress(
  app: FastifyInstance,
  { maxConnectionsPerAddress }: ServerLimits,
  isTrustedProxy: (address: string, hop: number) => boolean,
) {
  const open = new Map<string, number>();
  app.server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (address === undefined || isTrustedProxy(address, 0)) return;
    const network = networkOf(address);
    const count = (open.get(network) ?? 0) + 1;
    if (count > maxConnectionsPerAddress) {
      app.log.debug({ network }, 'connection refused: too many open from one address');
      socket.destroy();
      return;
    }
    open.set(network, count);
    socket.once('close', () => {
      const left = (open.get(network) ?? 1) - 1;
      if (left > 0) open.set(network, left);
      else open.delete(network);
    });
  });
}

const hasBody = (headers: IncomingHttpHeaders) =>
  headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;

/**
 * Cuts a request whose body arrives slower than `uploadMinBytesPerSecond` on average over
 * any `bodyTimeoutSeconds` (a body that stops altogether included) with 408, and closes the
 * connection: a client trickling a byte now and then would otherwise hold its connection,
 * and what the server keeps for it, for as long as it likes. Counted on the socket, so that
 * nothing here reads the body in Fastify's place.
 */
export function cutSlowBodies(app: FastifyInstance, { bodyTimeoutSeconds, uploadMinBytesPerSecond }: ServerLimits) {
  const leastPerSpan = uploadMinBytesPerSecond * bodyTimeoutSeconds;
  app.addHook('onRequest', async (request, reply) => {
    const { raw } = request;
    const socket = raw.socket;
    // Injected requests (tests) arrive whole, on a stand-in for a socket.
    if (!(socket instanceof Socket) || raw.complete || !hasBody(raw.headers)) return;
    let readBefore = socket.bytesRead;
    const timer = setInterval(() => {
      if (raw.complete || socket.destroyed) {
        clearInterval(timer);
        return;
      }
      const arrived = socket.bytesRead - readBefore;
      readBefore = socket.bytesRead;
      if (arrived > 0 && arrived >= leastPerSpan) return;
      clearInterval(timer);
      request.log.info({ arrived, seconds: bodyTimeoutSeconds }, 'request body too slow: connection cut');
      if (!reply.raw.headersSent) {
        const detail = `The request body arrived slower than ${uploadMinBytesPerSecond} bytes per second`;
        socket.write(rawProblemResponse('request_timeout', detail, request));
      }
      socket.destroy();
    }, bodyTimeoutSeconds * 1000);
    timer.unref();
    raw.once('close', () => clearInterval(timer));
  });
}
