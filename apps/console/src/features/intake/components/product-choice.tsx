import { Button, Radio, Stack } from '@mantine/core';
import { formatDate } from '@purnajual/client';
import type { Customer } from '@purnajual/contract';
import { type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisteredUnit } from '../api/intake';
import { AddProductForm } from './add-product-form';

/** The unit the call is about: a product's id, `null` for none registered, `undefined` while not chosen. */
export type ProductChoice = string | null | undefined;

const otherUnit = 'other';

/**
 * A customer with one unit calls about that unit; one without any has nothing to choose;
 * with several the agent must ask which one it is.
 */
export function defaultProductOf(customer: Customer): ProductChoice {
  const [only, ...more] = customer.products;
  if (only === undefined) return null;
  return more.length === 0 ? only.id : undefined;
}

/** Keyboard focus on the chosen unit, or on the first when none is chosen, as arrow keys expect. */
export function focusProductChoice(group: HTMLElement | null) {
  const radio =
    group?.querySelector<HTMLInputElement>('input[type="radio"]:checked') ??
    group?.querySelector<HTMLInputElement>('input[type="radio"]');
  radio?.focus();
}

export function ProductChoiceField({
  customer,
  value,
  onChange,
  onAdded,
  onUseExisting,
  error,
  groupRef,
}: {
  customer: Customer;
  value: ProductChoice;
  onChange: (choice: ProductChoice) => void;
  onAdded: (productId: string) => void;
  onUseExisting: (unit: RegisteredUnit) => void;
  error: string | undefined;
  groupRef: RefObject<HTMLDivElement | null>;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const [adding, setAdding] = useState(false);
  return (
    <>
      <Radio.Group
        ref={groupRef}
        label={t('intake.product')}
        required={customer.products.length > 1}
        value={value === undefined ? null : (value ?? otherUnit)}
        onChange={(v) => onChange(v === otherUnit ? null : v)}
        error={error}
      >
        <Stack gap={6} mt={4}>
          {customer.products.map((p) => (
            <Radio
              key={p.id}
              value={p.id}
              label={`${p.model.brand} ${p.model.name} · ${t('intake.serialNumber')} ${p.serialNumber}${p.warrantyUntil ? ` · ${t('intake.warrantyUntil')} ${formatDate(p.warrantyUntil, locale)}` : ''}`}
            />
          ))}
          <Radio
            value={otherUnit}
            label={customer.products.length > 0 ? t('intake.otherUnit') : t('intake.noProduct')}
          />
        </Stack>
      </Radio.Group>
      {adding ? (
        <AddProductForm
          customerId={customer.id}
          onAdded={(id) => {
            setAdding(false);
            onAdded(id);
          }}
          onUseExisting={(unit) => {
            onUseExisting(unit);
            setAdding(false);
          }}
          onCancel={() => {
            setAdding(false);
            focusProductChoice(groupRef.current);
          }}
        />
      ) : (
        <Button size="xs" variant="subtle" onClick={() => setAdding(true)} w="fit-content">
          {t('intake.addProduct')}
        </Button>
      )}
    </>
  );
}
