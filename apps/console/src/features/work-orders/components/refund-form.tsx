import { Group, SegmentedControl, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { formatRupiah } from '@purnajual/client';
import {
  type PaymentMethod,
  paymentMethods,
  type Refund,
  type RefundKind,
  refundKinds,
  type WorkOrderBilling,
} from '@purnajual/contract';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../../components/ui/form-actions';
import { RupiahInput } from '../../../components/ui/rupiah-input';
import { useRecordRefund } from '../api/billing';
import { BillingErrorAlert, fieldErrorOf } from './billing-error-alert';

const refundFields = ['kind', 'method', 'amount', 'reference', 'reason'] as const;

const isMethod = (value: string | null): value is PaymentMethod => paymentMethods.some((method) => method === value);
const isKind = (value: string): value is RefundKind => refundKinds.some((kind) => kind === value);

/**
 * What the customer paid beyond the bill, given back: a refund paid back the way it went
 * out, or a credit note they keep for a later service; the whole overpayment unless less.
 */
export function RefundForm({
  workOrderId,
  billing,
  onRecorded,
  onCancel,
}: {
  workOrderId: string;
  billing: WorkOrderBilling;
  onRecorded: (refund: Refund) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const record = useRecordRefund(workOrderId);
  const [kind, setKind] = useState<RefundKind>('refund');
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [amount, setAmount] = useState<number | string>(-billing.balance);
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const takesReference = kind === 'refund' && method !== 'cash';
  const isAmount = typeof amount === 'number' && Number.isInteger(amount) && amount >= 1;
  const isComplete = isAmount && reason.trim() !== '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isComplete) return;
    const body =
      kind === 'refund'
        ? {
            kind,
            method,
            amount,
            reason: reason.trim(),
            ...(takesReference && reference.trim() ? { reference: reference.trim() } : {}),
          }
        : { kind, amount, reason: reason.trim() };
    record.mutate(body, { onSuccess: ({ refund }) => onRecorded(refund) });
  };

  return (
    <form onSubmit={submit} aria-label={t('billing.refunds.record')}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('billing.refunds.record')}
        </Title>
        <BillingErrorAlert error={record.error} billing={billing} fields={refundFields} />
        <SegmentedControl
          value={kind}
          onChange={(value) => isKind(value) && setKind(value)}
          data={refundKinds.map((value) => ({ value, label: t(`billing.refunds.kind.${value}`) }))}
          aria-label={t('billing.refunds.kindLabel')}
        />
        <Group grow align="start">
          {kind === 'refund' && (
            <Select
              label={t('billing.refunds.method')}
              required
              allowDeselect={false}
              value={method}
              onChange={(value) => isMethod(value) && setMethod(value)}
              data={paymentMethods.map((value) => ({ value, label: t(`billing.method.${value}`) }))}
              error={fieldErrorOf(record.error, 'method')}
            />
          )}
          <RupiahInput
            label={t('billing.refunds.amount')}
            description={t('billing.refunds.amountHint', { amount: formatRupiah(-billing.balance) })}
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
        <Textarea
          label={t('billing.refunds.reason')}
          required
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldErrorOf(record.error, 'reason')}
        />
        <FormActions saving={record.isPending} onCancel={onCancel} disabled={!isComplete} />
      </Stack>
    </form>
  );
}
