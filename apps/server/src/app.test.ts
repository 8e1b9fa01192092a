import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createUser, problemOf } from '../test/app';
import { buildApp } from './app';

const metricsToken = 'prometheus-scrape-token-1234';
const t = await buildTestApp({ withAreas: false, env: { METRICS_TOKEN: metricsToken } });
const { app } = t;

describe('service endpoints', () => {
  it('answers liveness, readiness and (to the bearer of METRICS_TOKEN) metrics without a session', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/readyz')).json()).toEqual({ status: 'ok' });
    await app.inject('/healthz');
    const metrics = await app.inject({ url: '/metrics', headers: bearer(metricsToken) });
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/,
    );
    expect(metrics.body).toContain('process_resident_memory_bytes');
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas, and a readable reference', async () => {
    const document = (await app.inject('/api/v1/openapi.json')).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/users',
        '/api/v1/areas',
        '/api/v1/branches',
        '/api/v1/me',
      ]),
    );
    const login = document.paths['/api/v1/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    const docs = await app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});

describe('errors are RFC 9457 problem details', () => {
  it('for an unknown route, titled in Indonesian unless the caller prefers English', async () => {
    const response = await app.inject('/api/v1/nope');
    expect(response.statusCode).toBe(404);
    expect(problemOf(response)).toMatchObject({ status: 404, code: 'not_found', title: 'Tidak ditemukan' });
    expect(problemOf(response).requestId).toBe(response.headers['x-request-id']);
    const english = await app.inject({ url: '/api/v1/nope', headers: { 'accept-language': 'en-GB, id;q=0.8' } });
    expect(problemOf(english).title).toBe('Not found');
    const neither = await app.inject({ url: '/api/v1/nope', headers: { 'accept-language': 'fr, de;q=0.5' } });
    expect(problemOf(neither).title).toBe('Tidak ditemukan');
  });

  it('for malformed JSON, a wrong content type and an oversized body', async () => {
    const login = (payload: string, contentType: string) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, headers: { 'content-type': contentType } });
    const malformed = await login('{"username": ', 'application/json');
    expect(malformed.statusCode).toBe(400);
    expect(problemOf(malformed).code).toBe('bad_request');
    const form = await login('username=a&password=b', 'application/x-www-form-urlencoded');
    expect(form.statusCode).toBe(415);
    expect(problemOf(form).code).toBe('unsupported_media_type');
    const huge = await login(
      JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }),
      'application/json',
    );
    expect(huge.statusCode).toBe(413);
    expect(problemOf(huge).code).toBe('payload_too_large');
  });

  it('for a URL path that is not valid percent-encoding, or a path segment too long for the router', async () => {
    const long = `/api/v1/work-orders/${'x'.repeat(3000)}/tracking-link/revoke`;
    for (const url of ['/api/v1/users/%', '/api/v1/users/%E0%A4%A', long]) {
      const response = await app.inject({ method: url === long ? 'POST' : 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(problemOf(response)).toMatchObject({ status: 400, code: 'bad_request' });
      expect(problemOf(response).detail).not.toContain(url.slice(-20));
    }
  });

  it('for JSON nested deeper than any request of the API, also when an Idempotency-Key is fingerprinted', async () => {
    const admin = await createUser(t, 'admin');
    for (const payload of ['['.repeat(20_000) + ']'.repeat(20_000), `${'{"a":'.repeat(33)}1${'}'.repeat(33)}`]) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { ...bearer(admin.token), 'content-type': 'application/json', 'idempotency-key': 'deep-nesting-1' },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).code).toBe('bad_request');
    }
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(admin.token) });
    expect(me.statusCode).toBe(200);
  });

  it('for a wrong role: 403 forbidden', async () => {
    const agent = await createUser(t, 'agent');
    const response = await app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(agent.token) });
    expect(problemOf(response)).toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('security headers', () => {
  it('are on every response: CSP, nosniff, frame-ancestors, referrer policy; HSTS only over TLS', async () => {
    for (const response of [await app.inject('/healthz'), await app.inject('/api/v1/nope')]) {
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('sends HSTS when the request came over TLS through a trusted proxy', async () => {
    const proxied = await buildTestApp({ withAreas: false, env: { TRUST_PROXY: 'true' } });
    const response = await proxied.app.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers['strict-transport-security']).toContain('max-age=');
  });
});

describe('the office console', () => {
  it('is served at / with deep links answered by the app shell, hashed assets cached, and the API untouched', async () => {
    const consoleDir = mkdtempSync(join(tmpdir(), 'purnajual-console-'));
    mkdirSync(join(consoleDir, 'assets'));
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>Purnajual</title><div id="root"></div>');
    writeFileSync(join(consoleDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    const served = await buildTestApp({ withAreas: false, env: { CONSOLE_DIR: consoleDir } });
    const page = (url: string) => served.app.inject({ url, headers: { accept: 'text/html' } });
    for (const url of ['/', '/board', '/work-orders/01933b4c-0000-7000-8000-000000000000']) {
      const response = await page(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('<div id="root">');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    }
    const asset = await served.app.inject('/assets/index-abc123.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const api = await page('/api/v1/nope');
    expect(problemOf(api).code).toBe('not_found');
    rmSync(consoleDir, { recursive: true, force: true });
  });
  it('answers a path the build prerendered with that page, compressed, and every other path with the shell', async () => {
    const consoleDir = mkdtempSync(join(tmpdir(), 'purnajual-console-'));
    mkdirSync(join(consoleDir, 'pages'));
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>Shell</title><div id="root"></div>');
    const signIn = `<!doctype html><div id="root" data-prerendered="id"><form>${'Masuk '.repeat(200)}</form></div>`;
    writeFileSync(join(consoleDir, 'pages', 'login.html'), signIn);
    writeFileSync(join(consoleDir, 'pages', 'login.html.br'), brotliCompressSync(signIn));
    const served = await buildTestApp({ withAreas: false, env: { CONSOLE_DIR: consoleDir } });
    const page = (url: string) => served.app.inject({ url, headers: { accept: 'text/html', 'accept-encoding': 'br' } });
    for (const url of ['/login', '/login?next=%2Fboard']) {
      const response = await page(url);
      expect(response.headers['content-encoding'], url).toBe('br');
      expect(brotliDecompressSync(response.rawPayload).toString(), url).toBe(signIn);
      expect(response.headers['cache-control']).toBe('no-cache');
    }
    for (const url of ['/', '/board', '/login/else', '/loginx']) {
      const shell = await served.app.inject({ url, headers: { accept: 'text/html' } });
      expect(shell.body, url).toContain('Shell');
    }
    rmSync(consoleDir, { recursive: true, force: true });
  });
});

describe('the technician app', () => {
  it('is served at /m/ with its own app shell for deep links, and a service worker that is never cached', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'purnajual-apps-'));
    const consoleDir = join(folder, 'console');
    const technicianDir = join(folder, 'technician');
    mkdirSync(consoleDir);
    mkdirSync(join(technicianDir, 'assets'), { recursive: true });
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><title>Konsol</title>');
    writeFileSync(join(technicianDir, 'index.html'), '<!doctype html><title>Teknisi</title>');
    writeFileSync(join(technicianDir, 'sw.js'), 'self.addEventListener("fetch", () => {})');
    writeFileSync(join(technicianDir, 'manifest.webmanifest'), '{"name":"Purnajual Teknisi"}');
    writeFileSync(join(technicianDir, 'assets', 'index-def456.js'), 'console.log(2)');
    const served = await buildTestApp({
      withAreas: false,
      env: { CONSOLE_DIR: consoleDir, TECHNICIAN_DIR: technicianDir },
    });
    const page = (url: string) => served.app.inject({ url, headers: { accept: 'text/html' } });
    for (const url of ['/m/', '/m', '/m/work-orders/01933b4c-0000-7000-8000-000000000000', '/m/login?next=1']) {
      const response = await page(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('Teknisi');
    }
    expect((await page('/board')).body).toContain('Konsol');
    const worker = await served.app.inject('/m/sw.js');
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['cache-control']).toBe('no-cache');
    expect((await served.app.inject('/m/manifest.webmanifest')).headers['cache-control']).toBe('no-cache');
    const asset = await served.app.inject('/m/assets/index-def456.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(problemOf(await page('/api/v1/nope')).code).toBe('not_found');
    rmSync(folder, { recursive: true, force: true });
  });
});

describe('route access', () => {
  it('refuses to start with an API route that does not declare who may call it', async () => {
    const extra = await buildApp({ config: t.config, database: t.database });
    expect(() => extra.get('/api/v1/undeclared', async () => 'open')).toThrow(/does not declare config.access/);
    await extra.close();
  });

  it('every API route answers 401 without a session unless it is sign-in or the customer-facing tracking', async () => {
    const signInPaths = new Set(
      ['login', 'login/totp', 'methods', 'oidc/start', 'oidc/callback'].map((path) => `/api/v1/auth/${path}`),
    );
    const document = (await app.inject('/api/v1/openapi.json')).json();
    for (const [path, operations] of Object.entries<Record<string, unknown>>(document.paths)) {
      // The customer's tracking API opens with the token in its path instead of a session.
      if (!path.startsWith('/api/v1/') || signInPaths.has(path) || path.startsWith('/api/v1/public/tracking/')) {
        continue;
      }
      for (const method of Object.keys(operations)) {
        const url = path.replace(/\{id\}/g, '01933b4c-0000-7000-8000-000000000000');
        const response = await app.inject({ method: method.toUpperCase() as 'GET', url, payload: {} });
        expect(response.statusCode, `${method} ${path}`).toBe(401);
      }
    }
  });
});
