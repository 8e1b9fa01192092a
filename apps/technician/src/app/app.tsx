import { MantineProvider } from '@mantine/core';
import { cssVariablesResolver, i18next, theme } from '@purnajual/ui';
import { useEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { router } from './router';

export function App() {
  // The first screen is up: the splash painted while it loaded can go.
  useEffect(() => document.getElementById('splash')?.remove(), []);
  return (
    <I18nextProvider i18n={i18next}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <RouterProvider router={router} />
      </MantineProvider>
    </I18nextProvider>
  );
}
