import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type PageFallback = (request: FastifyRequest, reply: FastifyReply) => boolean;

/**
 * Serves the built office console at `/`. Hashed assets are cached for a year; every
 * other browser navigation gets index.html, so the app's own router handles deep links.
 */
export async function registerWebApps(
  app: FastifyInstance,
  { consoleDir }: { consoleDir: string },
): Promise<PageFallback | null> {
  if (!existsSync(consoleDir)) {
    app.log.warn({ consoleDir }, 'the office console is not built; run `npm run build`');
    return null;
  }
  await app.register(fastifyStatic, {
    root: consoleDir,
    prefix: '/',
    index: ['index.html'],
    wildcard: true,
    cacheControl: false,
    setHeaders: (response, path) => {
      response.setHeader(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  /** For the not-found handler: a page navigation outside the API gets the app shell. */
  return (request: FastifyRequest, reply: FastifyReply) => {
    const isPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      String(request.headers.accept ?? '').includes('text/html');
    if (!isPage) return false;
    void reply.header('cache-control', 'no-cache').sendFile('index.html', consoleDir);
    return true;
  };
}
