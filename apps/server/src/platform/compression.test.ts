import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createCustomer, createUser } from '../../test/app';
import { listen } from '../../test/sse';

/*
 * The built apps as the build leaves them: each text file with its `.br` and `.gz` copy
 * beside it (written by @purnajual/web-build), which the server sends as they are.
 */
const folder = mkdtempSync(join(tmpdir(), 'purnajual-compressed-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const files = {
  'console/index.html': '<!doctype html><title>Konsol</title><div id="root"></div>',
  'technician/index.html': '<!doctype html><title>Teknisi</title><div id="root"></div>',
  'technician/sw.js': `self.addEventListener('fetch', () => {});${' '.repeat(2000)}`,
  'technician/manifest.webmanifest': JSON.stringify({ name: 'Purnajual Teknisi', short_name: 'Teknisi' }),
  'technician/assets/index-def456.js': `console.log(${JSON.stringify('teknisi '.repeat(500))});`,
};
for (const [path, text] of Object.entries(files)) {
  const file = join(folder, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  writeFileSync(`${file}.br`, brotliCompressSync(text));
  writeFileSync(`${file}.gz`, gzipSync(text));
}

const t = await buildTestApp({
  env: { CONSOLE_DIR: join(folder, 'console'), TECHNICIAN_DIR: join(folder, 'technician') },
});
const { app } = t;
// Stand-ins for the attachment and report routes: bodies of types that are compressed already.
for (const [path, type] of [
  ['/test/photo.jpg', 'image/jpeg'],
  ['/test/report.pdf', 'application/pdf'],
] as const) {
  app.get(path, async (_request, reply) => reply.type(type).send(Buffer.alloc(8192, 7)));
}

const get = (url: string, acceptEncoding?: string, accept = '*/*') =>
  app.inject({
    url,
    headers: { accept, ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }) },
  });

describe('the built apps', () => {
  it('send the Brotli copy to a browser that takes it, gzip to one that takes only that, and the file to one that takes neither', async () => {
    const url = '/m/assets/index-def456.js';
    const br = await get(url, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(files['technician/assets/index-def456.js']);
    const gzip = await get(url, 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(files['technician/assets/index-def456.js']);
    const identity = await get(url);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body).toBe(files['technician/assets/index-def456.js']);
    for (const response of [br, gzip, identity]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('javascript');
      // A shared cache must not hand one browser's encoding to another.
      expect(response.headers.vary).toContain('accept-encoding');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('keep the service worker, the manifest and the app shell revalidated on every load, compressed or not', async () => {
    for (const url of ['/m/sw.js', '/m/manifest.webmanifest']) {
      for (const encoding of ['br', 'gzip', undefined]) {
        const response = await get(url, encoding);
        expect(response.statusCode, url).toBe(200);
        expect(response.headers['content-encoding'], url).toBe(encoding);
        expect(response.headers['cache-control'], url).toBe('no-cache');
      }
    }
    // A deep link gets its app's shell, compressed as well.
    for (const [url, title] of [
      ['/m/work-orders/01933b4c-0000-7000-8000-000000000000', 'Teknisi'],
      ['/board', 'Konsol'],
    ] as const) {
      const page = await get(url, 'br', 'text/html');
      expect(page.headers['content-encoding'], url).toBe('br');
      expect(page.headers['content-type'], url).toContain('text/html');
      expect(page.headers['cache-control'], url).toBe('no-cache');
      expect(brotliDecompressSync(page.rawPayload).toString(), url).toContain(title);
    }
  });
});

describe('API responses', () => {
  it('are compressed when larger than a kilobyte and the client takes it, and sent as they are otherwise', async () => {
    const document = await get('/api/v1/openapi.json', 'br');
    expect(document.headers['content-encoding']).toBe('br');
    expect(document.headers.vary).toContain('accept-encoding');
    expect(JSON.parse(brotliDecompressSync(document.rawPayload).toString()).openapi).toMatch(/^3\./);
    const gzip = await get('/api/v1/openapi.json', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString()).openapi).toMatch(/^3\./);
    expect((await get('/api/v1/openapi.json')).headers['content-encoding']).toBeUndefined();
    // A few bytes are not worth the work.
    const health = await get('/healthz', 'br');
    expect(health.statusCode).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
  });

  it('leave photos and PDFs alone: they are compressed already', async () => {
    for (const url of ['/test/photo.jpg', '/test/report.pdf']) {
      const response = await get(url, 'br, gzip');
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-encoding'], url).toBeUndefined();
      expect(response.rawPayload.length, url).toBe(8192);
    }
  });

  it('leave the event stream uncompressed, so each event reaches the client as it is written', async () => {
    const agent = await createUser(t, 'agent');
    const baseUrl = await listen(app);
    const response = await fetch(`${baseUrl}/api/v1/events`, {
      headers: { ...bearer(agent.token), 'accept-encoding': 'br, gzip' },
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('content-encoding')).toBeNull();
    // The first write arrives on its own, long before the first heartbeat (15 s): nothing held it back.
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader?.read())?.value).toContain('retry: 3000');
    await reader?.cancel();
  });

  it('replay an idempotent request with the answer it got the first time, even though that went out compressed', async () => {
    const agent = await createUser(t, 'agent');
    const customer = await createCustomer(t);
    // A long complaint makes the answer large enough to be compressed.
    const payload = {
      customerId: customer.id,
      serviceType: 'home_visit',
      complaint: `AC bocor. ${'Menetes. '.repeat(150)}`,
    };
    const headers = { ...bearer(agent.token), 'idempotency-key': 'intake-compressed-1', 'accept-encoding': 'br' };
    const first = await app.inject({ method: 'POST', url: '/api/v1/work-orders', headers, payload });
    expect(first.statusCode).toBe(201);
    expect(first.headers['content-encoding']).toBe('br');
    const answer = JSON.parse(brotliDecompressSync(first.rawPayload).toString());
    const again = await app.inject({ method: 'POST', url: '/api/v1/work-orders', headers, payload });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(JSON.parse(brotliDecompressSync(again.rawPayload).toString())).toEqual(answer);
  });
});
