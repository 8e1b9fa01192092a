import { Group, Stack, Title } from '@mantine/core';
import { formatRupiah } from '@purnajual/client';
import type { WorkOrderBilling } from '@purnajual/contract';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../../components/ui/form-actions';
import { RupiahInput } from '../../../components/ui/rupiah-input';
import { useSetCharges } from '../api/billing';
import { BillingErrorAlert, fieldErrorOf } from './billing-error-alert';

const chargeFields = ['labor', 'transport', 'discount'] as const;
type ChargeField = (typeof chargeFields)[number];

const isRupiah = (value: number | string): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;

/**
 * Labor, transport and discount as the office sets them: any amounts, the price list only
 * a suggestion. Charges never set yet start from the price list.
 */
export function ChargesForm({
  workOrderId,
  billing,
  onDone,
}: {
  workOrderId: string;
  billing: WorkOrderBilling;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSetCharges(workOrderId);
  const isUnset = billing.version === 0;
  const [values, setValues] = useState<Record<ChargeField, number | string>>({
    labor: isUnset ? (billing.priceList.laborOptions[0] ?? 0) : billing.charges.labor,
    transport: isUnset ? billing.priceList.transport : billing.charges.transport,
    discount: billing.charges.discount,
  });
  const { labor, transport, discount } = values;
  const ready = isRupiah(labor) && isRupiah(transport) && isRupiah(discount);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    save.mutate({ body: { labor, transport, discount }, version: billing.version }, { onSuccess: onDone });
  };

  const input = (field: ChargeField, description: string) => (
    <RupiahInput
      key={field}
      label={t(`billing.${field}`)}
      description={description}
      value={values[field]}
      onChange={(value) => setValues((current) => ({ ...current, [field]: value }))}
      error={fieldErrorOf(save.error, field)}
      min={0}
      required
    />
  );

  return (
    <form onSubmit={submit} aria-label={t('billing.editCharges')}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('billing.editCharges')}
        </Title>
        <BillingErrorAlert error={save.error} billing={billing} fields={chargeFields} />
        <Group grow align="start">
          {input(
            'labor',
            t('billing.priceList', {
              amounts: billing.priceList.laborOptions.map((amount) => formatRupiah(amount)).join(' / ') || '—',
            }),
          )}
          {input('transport', t('billing.priceList', { amounts: formatRupiah(billing.priceList.transport) }))}
          {input('discount', t('billing.discountHint'))}
        </Group>
        <FormActions saving={save.isPending} onCancel={onDone} disabled={!ready} />
      </Stack>
    </form>
  );
}
