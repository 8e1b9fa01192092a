import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type Plugin, runnerImport } from 'vite';
import { afterBuild } from './after-build';
import { contentHash } from './content-hash';
import { withoutLaunchScreen } from './splash';
import { classesNamedIn, pruneStylesheet } from './unused-styles';

/** What the app's prerender entry exports: the markup of the page at `path`, in `language`. */
export interface PrerenderEntry {
  render(path: string): Promise<{ html: string; language: string }>;
}

/** Marks the whole stylesheet a prerendered page holds back (see `withPrerenderedRoot`). */
export const deferredStylesheet = 'data-deferred-stylesheet';

/** Where the page for `path` (`/login`) is written in the build: the server sends it for that path. */
export const prerenderedFile = (path: string) => `pages${path}.html`;

/**
 * The app shell with a page's markup in its root and no launch screen: the page paints as
 * soon as the HTML has arrived, from the rules its own components need, inline. The whole
 * stylesheet stays where it was, before the root (the theme's style tags inside the root
 * must come after it), as `media="print"`: fetched without holding the page, and switched
 * on by `useFirstScreenShown` once the app runs, before it draws anything the page did
 * not hold. No script is fetched or run until the page has painted: `starter` (see
 * `afterFirstPaint`) preloads the modules the shell listed and imports the entry then, so
 * that neither the scripts' bytes nor evaluating the app hold the first paint (on a slow
 * link either did whenever the scripts came before the browser had painted), while the
 * page can be read, and typed into. `data-prerendered` names the markup's language; the
 * app hydrates it when that is the reader's language and draws afresh otherwise.
 * `stylesheet` reads a built file by its URL.
 */
export async function withPrerenderedRoot(
  shell: string,
  { html, language }: { html: string; language: string },
  { stylesheet, starter }: { stylesheet: (href: string) => Promise<string>; starter: string },
): Promise<string> {
  const root = '<div id="root"></div>';
  if (!shell.includes(root)) throw new Error('the app shell has no empty <div id="root"></div>');
  const link = /<link rel="stylesheet"[^>]*href="([^"]+)"[^>]*>/.exec(shell);
  let page = withoutLaunchScreen(shell);
  // Functions, so that a `$` in the styles or the markup is not read as a replacement pattern.
  if (link?.[1] !== undefined) {
    const critical = pruneStylesheet(await stylesheet(link[1]), classesNamedIn([html]));
    const deferred = link[0].replace('<link', `<link media="print" ${deferredStylesheet}`);
    page = page.replace(link[0], () => `<style>${critical}</style>\n${deferred}`);
  }
  const preloads = [...page.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">\n?/g)];
  for (const [tag] of preloads) page = page.replace(tag, '');
  const modules = preloads.map(([, href]) => href).join(' ');
  return page
    .replace(root, () => `<div id="root" data-prerendered="${language}">${html}</div>`)
    .replace(
      /<script type="module" crossorigin src="([^"]+)"><\/script>/,
      (_, entry: string) => `<script defer src="${starter}" data-entry="${entry}" data-preload="${modules}"></script>`,
    );
}

/**
 * The classic script that, after the next paint, preloads the modules its `data-preload`
 * names and imports the one `data-entry` names: a frame's callback runs just before the
 * paint, a task queued from it just after.
 */
export const afterFirstPaint = `(() => {
  const { entry, preload } = document.currentScript.dataset;
  requestAnimationFrame(() => setTimeout(() => {
    for (const href of preload.split(' ').filter(Boolean)) {
      const link = document.createElement('link');
      Object.assign(link, { rel: 'modulepreload', crossOrigin: '', href });
      document.head.append(link);
    }
    import(entry);
  }));
})();
`;

/**
 * Renders `paths` of the built app to HTML at build time, through `entry` run by Vite in
 * Node, so a slow connection shows the page (the console's sign-in form) from the HTML
 * instead of after the JavaScript it needs. Runs before `precompress`, which must come
 * after it in the plugin list so the pages get their Brotli and gzip copies.
 */
export const prerender = ({ entry, paths }: { entry: string; paths: string[] }): Plugin =>
  afterBuild('purnajual:prerender', async (outDir, config) => {
    const { base, root } = config;
    const stylesheet = (href: string) => readFile(join(outDir, href.slice(base.length)), 'utf8');
    const shell = await readFile(join(outDir, 'index.html'), 'utf8');
    const starter = `${config.build.assetsDir}/after-first-paint-${contentHash(afterFirstPaint)}.js`;
    await writeFile(join(outDir, starter), afterFirstPaint);
    const { module } = await runnerImport<PrerenderEntry>(resolve(root, entry), {
      root,
      configFile: false,
      logLevel: 'warn',
    });
    for (const path of paths) {
      const file = join(outDir, prerenderedFile(path));
      await mkdir(dirname(file), { recursive: true });
      await writeFile(
        file,
        await withPrerenderedRoot(shell, await module.render(path), { stylesheet, starter: base + starter }),
      );
    }
    config.logger.info(`prerendered ${paths.join(', ')}`);
  });
