import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bearer, problemOf } from '../../test/app';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { createDatabase } from '../db/database';

/*
 * Found by the fault-injection run (`npm run chaos`), which restarts MariaDB under load: an
 * instance (re)started while the database was down did not start at all — the event bus
 * read the outbox before listening — and every request during the outage was answered
 * 500 and logged as an unhandled error, though nothing was wrong with the request or the
 * server. Port 1 on loopback refuses every connection: a database that is down.
 */
const storageDir = mkdtempSync(join(tmpdir(), 'purnajual-outage-'));
const url = 'mysql://root@127.0.0.1:1/purnajual';
const database = createDatabase(url);
const app = await buildApp({
  config: loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: url, STORAGE_DIR: storageDir }),
  database,
});
afterAll(async () => {
  await app.close();
  await database.close();
  rmSync(storageDir, { recursive: true, force: true });
});

describe('while the database is down', () => {
  it('starts, is alive but not ready, and answers requests 503 with Retry-After', async () => {
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);

    const response = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer('a'.repeat(43)) });
    expect(response.statusCode).toBe(503);
    expect(problemOf(response).code).toBe('service_unavailable');
    expect(response.headers['retry-after']).toBe('1');
  });
});
