import { Alert } from '@mantine/core';
import { ApiError, formatRupiah } from '@purnajual/client';
import type { WorkOrderBilling } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { useTranslation } from 'react-i18next';

/**
 * A refused charge, payment or refund in the user's language with the amounts that matter (the
 * server's own detail is English and names raw numbers). Field errors are shown on the
 * fields themselves, so they are left out here; anything else is the usual error alert.
 */
export function BillingErrorAlert({
  error,
  billing,
  fields,
}: {
  error: unknown;
  billing: WorkOrderBilling;
  /** The form's fields, which show their own errors. */
  fields: readonly string[];
}) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return <ErrorAlert error={error} />;
  if (error.code === 'payment_exceeds_balance') {
    return (
      <Alert color="red" role="alert">
        {billing.balance > 0
          ? t('billing.errors.payment_exceeds_balance', { balance: formatRupiah(billing.balance) })
          : t('billing.errors.nothingOwed')}
      </Alert>
    );
  }
  if (error.code === 'approval_required') {
    return (
      <Alert color="red" role="alert">
        {t('billing.errors.approval_required')}
      </Alert>
    );
  }
  if (error.code === 'refund_exceeds_overpayment') {
    return (
      <Alert color="red" role="alert">
        {t('billing.errors.refund_exceeds_overpayment', { amount: formatRupiah(Math.max(0, -billing.balance)) })}
      </Alert>
    );
  }
  // Lowering the charges below what the customer has already paid is refused as a conflict.
  if (error.code === 'conflict') {
    return (
      <Alert color="red" role="alert">
        {t('billing.errors.belowPaid', { paid: formatRupiah(billing.paid - billing.refunded) })}
      </Alert>
    );
  }
  const fieldErrors = error.problem?.errors ?? [];
  if (fieldErrors.length > 0 && fieldErrors.every((e) => fields.some((field) => e.path === `body.${field}`))) {
    return null;
  }
  return <ErrorAlert error={error} />;
}

/** The server's message for one field of the request body, to show under that field. */
export const fieldErrorOf = (error: unknown, field: string) =>
  error instanceof ApiError ? error.fieldError(`body.${field}`) : undefined;
