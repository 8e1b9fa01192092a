import { Alert, Button, Text } from '@mantine/core';
import { pathOf } from '@purnajual/client';
import { type SsoErrorCode, ssoErrorCodes } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useIsSsoOffered } from '../api/session';

const isSsoError = (value: string | null): value is SsoErrorCode => ssoErrorCodes.some((code) => code === value);

/** Why the server sent the browser back from a single sign-on (`/login?sso=…`), if it did. */
export function SsoError() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const code = params.get('sso');
  if (!isSsoError(code)) return null;
  return (
    <Alert color="red" role="alert">
      {t(`auth.sso.${code}`)}
    </Alert>
  );
}

/** "Masuk dengan SSO", when the server has single sign-on configured: a plain link, the server redirects. */
export function SsoButton() {
  const { t } = useTranslation();
  const isOffered = useIsSsoOffered();
  if (!isOffered.data) return null;
  return (
    <>
      <Text size="sm" c="dimmed" ta="center">
        {t('auth.sso.or')}
      </Text>
      <Button component="a" href={pathOf('GET /api/v1/auth/oidc/start').path} variant="default">
        {t('auth.sso.submit')}
      </Button>
    </>
  );
}
