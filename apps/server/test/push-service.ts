import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PushPayload } from '@purnajual/contract';
import ece from 'http_ece';
import { afterAll } from 'vitest';

/** A push as it reached the test's push service, decrypted as the browser would. */
export interface ReceivedPush {
  path: string;
  payload: PushPayload;
  headers: IncomingMessage['headers'];
  /** The `k=` of `Authorization: vapid t=…, k=…`: the server's public key. */
  vapidKey: string | undefined;
}

/** A browser's side of a subscription: its P-256 key pair and auth secret, as `PushManager.subscribe` makes them. */
export interface TestBrowser {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/**
 * A push service on 127.0.0.1:0 that answers each push with the next status the test
 * queued for its path (201 when none), and decrypts what it took (RFC 8291, aes128gcm)
 * with the keys of the browser it made for that path.
 */
export async function startPushService() {
  const browsers = new Map<string, { ecdh: ReturnType<typeof createECDH>; authSecret: Buffer }>();
  const answers = new Map<string, number[]>();
  const received: ReceivedPush[] = [];
  const attempts = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      attempts.set(path, (attempts.get(path) ?? 0) + 1);
      const status = answers.get(path)?.shift() ?? 201;
      const browser = browsers.get(path);
      if (status === 201 && browser) {
        const plain = ece.decrypt(Buffer.concat(chunks), {
          version: 'aes128gcm',
          privateKey: browser.ecdh,
          authSecret: browser.authSecret,
        });
        const vapidKey = /k=([A-Za-z0-9_-]+)/.exec(String(request.headers.authorization))?.[1];
        received.push({ path, payload: JSON.parse(plain.toString('utf8')), headers: request.headers, vapidKey });
      }
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  let sequence = 0;

  return {
    received,
    /** How many requests reached `path`, answered or not. */
    attemptsAt: (path: string) => attempts.get(path) ?? 0,
    /** A new browser subscribed at this push service. */
    newBrowser(): TestBrowser {
      sequence += 1;
      const path = `/push/${sequence}-${randomBytes(4).toString('hex')}`;
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const authSecret = randomBytes(16);
      browsers.set(path, { ecdh, authSecret });
      return {
        endpoint: `http://127.0.0.1:${port}${path}`,
        keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') },
      };
    },
    /** The next answers to pushes to this browser, in order (then 201 again). */
    answerNext(browser: TestBrowser, ...statuses: number[]) {
      answers.set(new URL(browser.endpoint).pathname, statuses);
    },
    pushesTo: (browser: TestBrowser) => received.filter((push) => push.path === new URL(browser.endpoint).pathname),
  };
}

/** Waits until `check` holds, polling; fails after `timeoutMs` with `what`. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
