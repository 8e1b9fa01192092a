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
  it('holds the markup in the root, the stylesheet inline, the script, and no launch screen', async () => {
    const asked: string[] = [];
    const page = await withPrerenderedRoot(
      builtShell(),
      { html: '<form>Masuk $& $1</form>', language: 'id' },
      async (href) => {
        asked.push(href);
        return 'body{margin:0}';
      },
    );
    expect(asked).toEqual(['/assets/index-abc.css']);
    expect(page).toContain('<div id="root" data-prerendered="id"><form>Masuk $& $1</form></div>');
    expect(page).toContain('<style>body{margin:0}</style>');
    expect(page).toContain('<script type="module" crossorigin src="/assets/index-abc.js"></script>');
    expect(page).not.toContain('stylesheet');
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
