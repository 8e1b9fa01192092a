import { Alert } from '@mantine/core';
import { ApiError } from '@purnajual/client';
import { ErrorAlert } from '@purnajual/ui';
import { useTranslation } from 'react-i18next';

/**
 * A refused stock movement says so in the user's language; the server's detail below it
 * names the part and the quantities. Anything else is the console's usual error alert.
 */
export function StockErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && (error.code === 'insufficient_stock' || error.code === 'part_limit_exceeded')) {
    return (
      <Alert color="red" role="alert" title={t(`warehouse.errors.${error.code}`)}>
        {error.message}
      </Alert>
    );
  }
  return <ErrorAlert error={error} />;
}
