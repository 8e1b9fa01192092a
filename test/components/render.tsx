import { MantineProvider } from '@mantine/core';
import { cssVariablesResolver, i18next, initI18n, theme } from '@purnajual/ui';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';

/** A screen or a form as either app shows it: theme, Indonesian, a fresh query cache, a router. */
export async function renderScreen(screen: ReactElement, { path = '/' }: { path?: string } = {}) {
  await initI18n('id');
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const user = userEvent.setup();
  const view = render(
    <I18nextProvider i18n={i18next}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <QueryClientProvider client={client}>
          <MemoryRouter initialEntries={[path]}>{screen}</MemoryRouter>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>,
  );
  return { ...view, user };
}

/** A request the screen made, as the fake server saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
}

/**
 * `fetch` answered by `answer` (path with query, method, parsed JSON body or the file sent), every request
 * kept in order for the test to read.
 */
export function fakeServer(answer: (request: SeenRequest) => { status: number; body?: unknown }) {
  const seen: SeenRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const text = typeof init.body === 'string' ? init.body : undefined;
    // A file sent as it is (an upload to import) is kept as the Blob the screen sent.
    const body = init.body instanceof Blob ? init.body : text && JSON.parse(text);
    const request = { method: init.method ?? 'GET', path: url.pathname + url.search, body };
    seen.push(request);
    const { status, body: answered } = answer(request);
    const type = status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(answered === undefined ? null : JSON.stringify(answered), {
      status,
      headers: { 'content-type': type },
    });
  };
  return { fetch, seen };
}
