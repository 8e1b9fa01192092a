import '@mantine/core/styles.css';
import { initI18n } from '@purnajual/ui';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';

await initI18n();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// Rendered as a transition, the first screen is built in slices that leave the main
// thread free between them (a slow machine otherwise freezes for the whole first render).
startTransition(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
