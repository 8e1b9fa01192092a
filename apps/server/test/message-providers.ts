import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';

export interface ProviderRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ProviderAnswer {
  status: number;
  body: unknown;
}

/**
 * A real HTTP server on 127.0.0.1 standing in for a messaging provider: it records every
 * request and answers with the next of `answers` queued, else with `answerOf(request)`.
 */
export async function startFakeProvider(answerOf: (request: ProviderRequest) => ProviderAnswer) {
  const requests: ProviderRequest[] = [];
  const queued: ProviderAnswer[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const answer = queued.shift() ?? answerOf(request);
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    /** The next answers, in order, before `answerOf` answers again. */
    answerNext: (...answers: ProviderAnswer[]) => queued.push(...answers),
  };
}

/** Waits until `condition` holds, checking every 20 ms (the test's own timeout bounds it). */
export async function until(condition: () => boolean | Promise<boolean>) {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}
