import { describe, expect, it } from 'vitest';
import { afterFirstPaint, prerenderedFile, withPrerenderedRoot } from './prerender';
import { launchScreen } from './splash';

/** The shell as the launch-screen plugin leaves it: splash, stylesheet and script before the root. */
function builtShell() {
  const plugin = launchScreen('Purnajual', '#087f5b');
  const transform = plugin.transformIndexHtml as { handler: (html: string) => string };
  return transform.handler(
    '<html><head><link rel="stylesheet" crossorigin href="/assets/index-abc.css">' +
      '<script type="module" crossorigin src="/assets/index-abc.js"></script>\n' +
      '<link rel="modulepreload" crossorigin href="/assets/api-abc.js"></head>' +
      '<body><div id="root"></div></body></html>',
  );
}

describe('a prerendered page', () => {
  it('holds the markup in the root, its own rules inline, the whole stylesheet held back, and no launch screen', async () => {
    const asked: string[] = [];
    const markup = '<form class="m_1234567a">Masuk $& $1</form>';
    const stylesheet = async (href: string) => {
      asked.push(href);
      return '.m_1234567a{color:red}.m_7654321b{color:blue}body{margin:0}';
    };
    const starter = '/assets/after-first-paint-abc.js';
    const page = await withPrerenderedRoot(builtShell(), { html: markup, language: 'id' }, { stylesheet, starter });
    expect(asked).toEqual(['/assets/index-abc.css']);
    expect(page).toContain(`<div id="root" data-prerendered="id">${markup}</div>`);
    expect(page).toContain('<style>.m_1234567a{color:red}body{margin:0}</style>');
    expect(page).toContain(
      '<link media="print" data-deferred-stylesheet rel="stylesheet" crossorigin href="/assets/index-abc.css">',
    );
    // The stylesheet, held back, still comes before the root and the theme's style tags in it.
    expect(page.indexOf('data-deferred-stylesheet')).toBeLessThan(page.indexOf('<div id="root"'));
    // No script is fetched before the page has painted: the starter does it.
    expect(page).toContain(
      `<script defer src="${starter}" data-entry="/assets/index-abc.js" data-preload="/assets/api-abc.js"></script>`,
    );
    expect(page).not.toMatch(/<script type="module"|<link rel="modulepreload"/);
    expect(page).not.toContain('splash');
  });

  it('refuses a shell whose root is not there to fill', async () => {
    await expect(
      withPrerenderedRoot(
        '<div id="app"></div>',
        { html: '', language: 'id' },
        { stylesheet: async () => '', starter: '/assets/s.js' },
      ),
    ).rejects.toThrow(/no empty <div id="root">/);
  });

  it('fetches and starts the app after the next paint, from a frame callback through a task', () => {
    const done: string[] = [];
    const frames: (() => void)[] = [];
    const tasks: (() => void)[] = [];
    const preload = '/assets/api-abc.js /assets/Button-abc.js';
    const browser = {
      document: {
        currentScript: { dataset: { entry: '/assets/index-abc.js', preload } },
        createElement: () => ({}),
        head: { append: (link: { rel: string; href: string }) => done.push(`${link.rel} ${link.href}`) },
      },
      requestAnimationFrame: (callback: () => void) => frames.push(callback),
      setTimeout: (callback: () => void) => tasks.push(callback),
      load: (entry: string) => done.push(`import ${entry}`),
    };
    const starter = new Function(...Object.keys(browser), afterFirstPaint.replace('import(entry)', 'load(entry)'));
    starter(...Object.values(browser));
    for (const frame of frames.splice(0)) frame();
    // Nothing before the paint, which comes between the frame's callback and the next task.
    expect(done).toEqual([]);
    for (const task of tasks.splice(0)) task();
    expect(done).toEqual([
      'modulepreload /assets/api-abc.js',
      'modulepreload /assets/Button-abc.js',
      'import /assets/index-abc.js',
    ]);
  });

  it('is written where the server looks for it', () => {
    expect(prerenderedFile('/login')).toBe('pages/login.html');
  });
});
