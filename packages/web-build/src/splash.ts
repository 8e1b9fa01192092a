import type { Plugin } from 'vite';

/** The launch screen's look: the app's name in the size and weight of the sign-in title. */
const style = (color: string) =>
  `<style id="splash-style">#splash{position:fixed;inset:0;display:grid;place-items:center;background:#fff;color:${color};` +
  'font:700 30px system-ui,-apple-system,Roboto,sans-serif}</style>';

/**
 * A launch screen painted from the HTML alone: the app's name on white, shown as soon as
 * the page arrives, before the stylesheet and the first screen's JavaScript (250 KB on a
 * slow connection). The stylesheet and the entry script move from the head into the
 * body, after the launch screen and before the app's root; the script still runs only
 * after the stylesheet has loaded, so the app never shows unstyled, and the theme's
 * style tags inside the root still come after the stylesheet. The app removes `#splash`
 * once its first screen is up (`useFirstScreenShown` in @purnajual/ui).
 */
export function launchScreen(name: string, color: string): Plugin {
  return {
    name: 'purnajual:launch-screen',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const moved: string[] = [];
        const take = (pattern: RegExp) =>
          html.replace(pattern, (tag) => {
            moved.push(tag);
            return '';
          });
        html = take(/<link rel="stylesheet"[^>]*>/g);
        html = take(/<script type="module"[^>]*><\/script>/g);
        return html
          .replace('</head>', `${style(color)}\n</head>`)
          .replace('<div id="root">', `<div id="splash">${name}</div>\n${moved.join('\n')}\n<div id="root">`);
      },
    },
  };
}

/** The shell without its launch screen, for a page whose HTML holds the page itself. */
export const withoutLaunchScreen = (html: string) =>
  html.replace(/<style id="splash-style">[^<]*<\/style>\n?/, '').replace(/<div id="splash">[^<]*<\/div>\n?/, '');
