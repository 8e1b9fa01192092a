import { Alert } from '@mantine/core';
import { ApiError } from '@purnajual/client';
import { useTranslation } from 'react-i18next';

/** What went wrong, in words for the person at the screen; the server names fields by path. */
export function errorMessage(error: unknown, t: (key: string) => string): string | null {
  if (!error) return null;
  if (!(error instanceof ApiError)) return t('common.unexpectedError');
  if (error.code === 'network_error') return t('common.networkError');
  if (error.code === 'version_conflict') return t('detail.versionConflict');
  const fields = error.problem?.errors?.map((e) => `${e.path.replace(/^(body|query|params)\./, '')}: ${e.message}`);
  return fields?.length ? fields.join('; ') : error.message;
}

/** Shown where the failed action is, by the screen that knows what was tried. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const message = errorMessage(error, t);
  if (!message) return null;
  return (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  );
}
