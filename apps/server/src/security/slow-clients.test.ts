import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/app';

/*
 * Clients that hold the server's connections: a body trickled a byte at a time, headers
 * that never end, and more connections from one address than anyone needs. Against a real
 * listening server through raw sockets, with bounds set small; what is asserted is that the
 * server hangs up (and how it answers), not how fast.
 */

async function listening(env: Record<string, string>) {
  const { app } = await buildTestApp({ withAreas: false, env });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
}

const slowServer = await listening({
  HEADERS_TIMEOUT: '1s',
  REQUEST_TIMEOUT: '20s',
  BODY_TIMEOUT: '1s',
  UPLOAD_MIN_BYTES_PER_SECOND: '100',
});
const crowdedServer = await listening({ MAX_CONNECTIONS_PER_ADDRESS: '3' });

interface Conversation {
  socket: Socket;
  /** Everything the server sent, once it closed the connection. */
  closed: Promise<string>;
}

function open(port: number): Promise<Conversation> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    const closed = new Promise<string>((done) => socket.once('close', () => done(received)));
    // A reset from the server that hangs up shows as the close above.
    socket.on('error', () => undefined);
    socket.once('error', reject);
    socket.once('connect', () => resolve({ socket, closed }));
  });
}

/** Writes `text` a character at a time, `everyMs` apart, until the server hangs up. */
function trickle(socket: Socket, text: string, everyMs: number) {
  let next = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || next >= text.length) clearInterval(timer);
    else socket.write(text[next++] ?? '');
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

const loginHead = (contentLength: number) =>
  `POST /api/v1/auth/login HTTP/1.1\r\nHost: purnajual.test\r\nContent-Type: application/json\r\nContent-Length: ${contentLength}\r\n\r\n`;
const loginBody = JSON.stringify({ username: 'LAMBAT', password: 'pelan-pelan-saja' });

const healthCheck = 'GET /healthz HTTP/1.1\r\nHost: purnajual.test\r\nConnection: close\r\n\r\n';

describe('slow clients', () => {
  it('cuts a body trickled a byte at a time with 408 and closes the connection', async () => {
    const { socket, closed } = await open(slowServer);
    socket.write(loginHead(loginBody.length));
    trickle(socket, loginBody, 300);
    const answer = await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toMatch(/content-type: application\/problem\+json/i);
    expect(answer).toContain('"code":"request_timeout"');
  });

  it('cuts headers that never end with 408', async () => {
    const { socket, closed } = await open(slowServer);
    socket.write('GET /healthz HTTP/1.1\r\nHost: purnajual.test\r\n');
    trickle(socket, 'X-Pelan: '.padEnd(200, 'a'), 200);
    expect(await closed).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('leaves a body that arrives at a fair pace alone', async () => {
    const padded = loginBody.padEnd(6000, ' ');
    const { socket } = await open(slowServer);
    const answer = new Promise<string>((resolve) => socket.on('data', (chunk: string) => resolve(chunk)));
    socket.write(loginHead(padded.length));
    for (let offset = 0; offset < padded.length; offset += 2000) {
      socket.write(padded.slice(offset, offset + 2000));
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(await answer).toMatch(/^HTTP\/1\.1 401 /);
    socket.destroy();
  });
});

describe('connections per address', () => {
  it('closes a connection beyond the limit at once, serves the others, and takes new ones as they close', async () => {
    const held = await Promise.all([open(crowdedServer), open(crowdedServer), open(crowdedServer)]);
    const extra = await open(crowdedServer);
    expect(await extra.closed).toBe('');

    const [first, ...others] = held;
    first?.socket.write(healthCheck);
    expect(await first?.closed).toMatch(/^HTTP\/1\.1 200 /);
    const next = await open(crowdedServer);
    next.socket.write(healthCheck);
    expect(await next.closed).toMatch(/^HTTP\/1\.1 200 /);
    for (const { socket } of others) socket.destroy();
  });
});
