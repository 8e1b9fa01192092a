import { initI18n } from '@purnajual/ui';
import type { PrerenderEntry } from '@purnajual/web-build';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import { App, type RouterShell } from './app/app';

/*
 * Run by the build (see `prerender` in vite.config.ts), not shipped: the sign-in page as
 * HTML, in Indonesian, the language of nearly every reader. main.tsx hydrates it.
 */
export const render: PrerenderEntry['render'] = async (path) => {
  const language = 'id';
  await initI18n(language);
  const router: RouterShell = ({ children }) => <StaticRouter location={path}>{children}</StaticRouter>;
  const html = renderToString(
    <StrictMode>
      <App router={router} />
    </StrictMode>,
  );
  return { html, language };
};
