import { MantineProvider } from '@mantine/core';
import { cssVariablesResolver, i18next, theme, useFirstScreenShown } from '@purnajual/ui';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './router';

export function App() {
  useFirstScreenShown();
  return (
    <I18nextProvider i18n={i18next}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <BrowserRouter basename="/m">
          <AppRoutes />
        </BrowserRouter>
      </MantineProvider>
    </I18nextProvider>
  );
}
