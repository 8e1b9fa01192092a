import { Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { type Payment, type PaymentMethod, paymentMethods, type WorkOrderBilling } from '@purnajual/contract';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../../components/ui/form-actions';
import { RupiahInput } from '../../../components/ui/rupiah-input';
import { useRecordPayment } from '../api/billing';
import { BillingErrorAlert, fieldErrorOf } from './billing-error-alert';

const paymentFields = ['method', 'amount', 'reference'] as const;

const isMethod = (value: string | null): value is PaymentMethod => paymentMethods.some((method) => method === value);

/** A payment the office receives: the balance unless the customer pays part of it. */
export function PaymentForm({
  workOrderId,
  billing,
  onRecorded,
  onCancel,
}: {
  workOrderId: string;
  billing: WorkOrderBilling;
  onRecorded: (payment: Payment) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const record = useRecordPayment(workOrderId);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [amount, setAmount] = useState<number | string>(billing.balance);
  const [reference, setReference] = useState('');
  // Cash has no reference; a transfer, QRIS or card payment names the one on the slip.
  const takesReference = method !== 'cash';
  const isAmount = typeof amount === 'number' && Number.isInteger(amount) && amount >= 1;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isAmount) return;
    record.mutate(
      { method, amount, ...(takesReference && reference.trim() ? { reference: reference.trim() } : {}) },
      { onSuccess: ({ payment }) => onRecorded(payment) },
    );
  };

  return (
    <form onSubmit={submit} aria-label={t('billing.recordPayment')}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('billing.recordPayment')}
        </Title>
        <BillingErrorAlert error={record.error} billing={billing} fields={paymentFields} />
        <Group grow align="start">
          <Select
            label={t('billing.paymentMethod')}
            required
            allowDeselect={false}
            value={method}
            onChange={(value) => isMethod(value) && setMethod(value)}
            data={paymentMethods.map((value) => ({ value, label: t(`billing.method.${value}`) }))}
            error={fieldErrorOf(record.error, 'method')}
          />
          <RupiahInput
            label={t('billing.paymentAmount')}
            required
            value={amount}
            onChange={setAmount}
            error={fieldErrorOf(record.error, 'amount')}
            min={1}
          />
          {takesReference && (
            <TextInput
              label={t('billing.paymentReference')}
              description={t('billing.referenceHint')}
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
              error={fieldErrorOf(record.error, 'reference')}
              maxLength={120}
            />
          )}
        </Group>
        <FormActions saving={record.isPending} onCancel={onCancel} disabled={!isAmount} />
      </Stack>
    </form>
  );
}
