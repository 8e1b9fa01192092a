import { MantineProvider } from '@mantine/core';
import { cssVariablesResolver, i18next, theme, useFirstScreenShown } from '@purnajual/ui';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ComponentType, ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './router';

const queryClient = new QueryClient({
  defaultOptions: {
    // Live updates come from the event stream; refetching on focus would only add load.
    queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 30_000 },
  },
});

/** The browser's address bar, or — for the build's prerender — a fixed path. */
export type RouterShell = ComponentType<{ children: ReactNode }>;

export function App({ router: Router = BrowserRouter }: { router?: RouterShell }) {
  useFirstScreenShown();
  return (
    <I18nextProvider i18n={i18next}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <QueryClientProvider client={queryClient}>
          <Router>
            <AppRoutes />
          </Router>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
