import { describe, expect, it } from 'vitest';
import { prerenderedFile, withPrerenderedRoot } from './prerender';
import { launchScreen } from './splash';

/** The shell as the launch-screen plugin leaves it: splash, stylesheet and script before the root. */
function builtShell() {
  const plugin = launchScreen('Purnajual', '#087f5b');
  const transform = plugin.transformIndexHtml as { handler: (html: string) => string };
  return transform.handler(
    '<html><head><link rel="stylesheet" crossorigin href="/assets/index-abc.css">' +
      '<script type="module" crossorigin src="/assets/index-abc.js"></script></head>' +
      '<body><div id="root"></div></body></html>',
  );
}

describe('a prerendered page', () => {
  it('holds the markup in the root, its own rules inline, the whole stylesheet held back, and no launch screen', async () => {
    const asked: string[] = [];
    const markup = '<form class="m_1234567a">Masuk $& $1</form>';
    const page = await withPrerenderedRoot(builtShell(), { html: markup, language: 'id' }, async (href) => {
      asked.push(href);
      return '.m_1234567a{color:red}.m_7654321b{color:blue}body{margin:0}';
    });
    expect(asked).toEqual(['/assets/index-abc.css']);
    expect(page).toContain(`<div id="root" data-prerendered="id">${markup}</div>`);
    expect(page).toContain('<style>.m_1234567a{color:red}body{margin:0}</style>');
    expect(page).toContain(
      '<link media="print" data-deferred-stylesheet rel="stylesheet" crossorigin href="/assets/index-abc.css">',
    );
    // The stylesheet, held back, still comes before the root and the theme's style tags in it.
    expect(page.indexOf('data-deferred-stylesheet')).toBeLessThan(page.indexOf('<div id="root"'));
    expect(page).toContain(
      '<script type="module" fetchpriority="low" crossorigin src="/assets/index-abc.js"></script>',
    );
    expect(page).not.toContain('splash');
  });

  it('refuses a shell whose root is not there to fill', async () => {
    await expect(
      withPrerenderedRoot('<div id="app"></div>', { html: '', language: 'id' }, async () => ''),
    ).rejects.toThrow(/no empty <div id="root">/);
  });

  it('is written where the server looks for it', () => {
    expect(prerenderedFile('/login')).toBe('pages/login.html');
  });
});
