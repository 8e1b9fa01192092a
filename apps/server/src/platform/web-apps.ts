import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type PageFallback = (request: FastifyRequest, reply: FastifyReply) => boolean;

interface WebApp {
  name: string;
  dir: string;
  /** URL prefix, ending in `/`. */
  prefix: string;
}

/**
 * Pages the build rendered to HTML (`pages/login.html` for `/login`, see `prerender` in
 * @purnajual/web-build), by the path they are sent for instead of the bare app shell.
 */
function prerenderedPages({ dir, prefix }: WebApp): Map<string, string> {
  const folder = join(dir, 'pages');
  if (!existsSync(folder)) return new Map();
  const pages = readdirSync(folder).filter((name) => name.endsWith('.html'));
  return new Map(pages.map((name) => [`${prefix}${name.slice(0, -'.html'.length)}`, `pages/${name}`]));
}

/*
 * Hashed assets never change, so they are cached for a year. Everything else (index.html,
 * the manifest, and above all the service worker) is revalidated on every load, or a
 * phone would keep running an old app. `path` is the file sent, so `index-abc.js.br`
 * is judged as `index-abc.js`.
 */
const cacheControlFor = (path: string) =>
  path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';

/**
 * A source map would publish the apps' source. The builds write none; should one be
 * left in a folder anyway (a build with maps turned on for debugging), it is not served.
 */
const isServable = (pathName: string) => !pathName.toLowerCase().endsWith('.map');

/**
 * Serves the built office console at `/` and the technician app at `/m/`. Every other
 * browser navigation gets the app shell of the app whose prefix it falls under, so each
 * app's own router handles deep links.
 */
export async function registerWebApps(
  app: FastifyInstance,
  { consoleDir, technicianDir }: { consoleDir: string; technicianDir: string },
): Promise<PageFallback | null> {
  const apps: (WebApp & { pages: Map<string, string> })[] = [];
  // The longer prefix first: `/m/...` belongs to the technician app, not the console.
  for (const candidate of [
    { name: 'technician app', dir: technicianDir, prefix: '/m/' },
    { name: 'office console', dir: consoleDir, prefix: '/' },
  ]) {
    if (!existsSync(candidate.dir)) {
      app.log.warn({ dir: candidate.dir }, `the ${candidate.name} is not built; run \`npm run build\``);
      continue;
    }
    await app.register(fastifyStatic, {
      root: candidate.dir,
      prefix: candidate.prefix,
      index: ['index.html'],
      wildcard: true,
      cacheControl: false,
      // The build writes `name.br` and `name.gz` beside each text file (see
      // @purnajual/web-build); they are sent as they are, with `Vary: Accept-Encoding`.
      preCompressed: true,
      allowedPath: isServable,
      // Only one registration may add `reply.sendFile`; the fallback below passes the folder.
      decorateReply: apps.length === 0,
      setHeaders: (reply, path) => reply.header('cache-control', cacheControlFor(path)),
    });
    apps.push({ ...candidate, pages: prerenderedPages(candidate) });
  }
  if (apps.length === 0) return null;

  /** For the not-found handler: a page navigation outside the API gets the app shell. */
  return (request: FastifyRequest, reply: FastifyReply) => {
    const isPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      String(request.headers.accept ?? '').includes('text/html');
    const target = isPage
      ? apps.find((candidate) => request.url.startsWith(candidate.prefix) || `${request.url}/` === candidate.prefix)
      : undefined;
    if (!target) return false;
    const page = target.pages.get(request.url.split('?')[0] ?? '') ?? 'index.html';
    void reply.header('cache-control', 'no-cache').sendFile(page, target.dir);
    return true;
  };
}
