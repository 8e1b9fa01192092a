import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * Closes, as the server closes, the connections that never carried a request. Node 20's
 * `server.close()` leaves them open until `headersTimeout` (a minute), so a client that
 * opens a spare connection ahead of need held every shutdown that long: fetch opens one
 * whenever an answer says `connection: close`, as every event stream's does, and browsers
 * preconnect. A connection in the middle of a request is left to finish.
 */
export function closeUnusedConnectionsOnClose(app: FastifyInstance) {
  const unused = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  app.server.on('request', (request: IncomingMessage) => unused.delete(request.socket));
  app.addHook('preClose', async () => {
    for (const socket of unused) socket.destroy();
  });
}
