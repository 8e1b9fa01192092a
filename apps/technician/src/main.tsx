import '@mantine/core/styles.css';
import { initI18n } from '@purnajual/ui';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';

await initI18n();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// Rendered as a transition, the first screen is built in slices that let the phone's main
// thread breathe (a slow phone otherwise freezes for the whole first render).
startTransition(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
// The service worker precaches the app so it starts with no network; registered after
// the first paint so it does not compete with it for a slow connection. This module may
// finish after the load event (an English user waits for the English texts first).
const registerWorker = () => {
  void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }));
};
if (document.readyState === 'complete') registerWorker();
else window.addEventListener('load', registerWorker);
