import { Alert } from '@mantine/core';
import { ApiError } from '@purnajual/client';
import { errorMessage } from '@purnajual/ui';
import { useTranslation } from 'react-i18next';

const messageKeys: Partial<Record<string, string>> = {
  invalid_second_factor: 'auth.totp.invalidCode',
  invalid_credentials: 'security.wrongPassword',
  rate_limited: 'auth.rateLimited',
};

/** A refused code or password in the user's words; anything else as every screen says it. */
export function TwoFactorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const key = error instanceof ApiError ? messageKeys[error.code] : undefined;
  const message = key ? t(key) : errorMessage(error, t);
  if (!message) return null;
  return (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  );
}
