import '@mantine/core/styles.css';
import { i18next, initI18n } from '@purnajual/ui';
import { StrictMode, startTransition } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './app/app';

await initI18n();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
const app = (
  <StrictMode>
    <App />
  </StrictMode>
);
// The sign-in page arrives as HTML (see prerender.tsx): it is taken over as it is when it
// is in the reader's language, and drawn afresh in English. Both as a transition, in
// slices that leave the main thread free between them (a slow machine otherwise freezes
// for the whole first render).
if (root.dataset.prerendered === i18next.language) {
  startTransition(() => {
    hydrateRoot(root, app);
  });
} else {
  root.replaceChildren();
  startTransition(() => createRoot(root).render(app));
}
