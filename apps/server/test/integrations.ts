import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiScope } from '@purnajual/contract';
import type { FastifyInstance } from 'fastify';
import { afterAll } from 'vitest';
import { bearer } from './app';

/** Creates an API key as `admin` and returns the answer, the key in it. */
export async function createApiKey(
  app: FastifyInstance,
  admin: { token: string },
  scopes: ApiScope[],
  expiresAt?: string,
) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: bearer(admin.token),
    payload: { name: `ERP (${scopes.length} scopes)`, scopes, ...(expiresAt ? { expiresAt } : {}) },
  });
  if (response.statusCode !== 201) throw new Error(`API key refused: ${response.statusCode} ${response.body}`);
  return response.json<{ id: string; prefix: string; key: string; lastUsedAt: string | null }>();
}

/**
 * Verifies a `Purnajual-Signature` exactly as the README tells receivers to: HMAC-SHA256 of
 * `<t>.<raw body>` with the secret, compared in constant time, and `t` within five minutes.
 */
export function verifySignature(secret: string, header: string, rawBody: string, nowSeconds: number): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  const v1 = parts.v1 ?? '';
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
  return v1.length === expected.length && timingSafeEqual(Buffer.from(v1), Buffer.from(expected));
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real receiver on 127.0.0.1: records every POST and answers with the next status of
 * `answers` (then 200). Closed after the test file.
 */
export async function startReceiver() {
  const received: ReceivedWebhook[] = [];
  const answers: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = answers.shift() ?? 200;
      response.end(response.statusCode >= 300 ? 'receiver is down' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, received, answers };
}

/** Waits until `condition` holds, polling (the dispatcher runs on its own timer). */
export async function until(condition: () => boolean | Promise<boolean>) {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}
