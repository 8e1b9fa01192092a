import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { ApiError } from '@purnajual/client';
import { createCustomerProductBodySchema } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTransferProduct } from '../api/customers';
import { type RegisteredUnit, useAddProduct, useProductModels, useRegisteredUnit } from '../api/intake';
import { fieldErrorsOf, focusFirstInvalid, serverFieldErrorsOf } from './field-errors';

const fields = ['modelCode', 'serialNumber', 'purchaseDate'] as const;
const hints = { serialNumber: 'intake.invalid.serialFormat' };

/**
 * Registers the unit the caller has. As the serial number is typed it is looked up: a unit
 * already registered under it is named, with its owner, and offered instead of a second one
 * — to use as it is, or, when another customer has it (the house was sold), to move to this
 * caller. The server's refusal of a second unit names the first, and offers the same move.
 */
export function AddProductForm({
  customerId,
  onAdded,
  onUseExisting,
  onCancel,
}: {
  customerId: string;
  onAdded: (productId: string) => void;
  onUseExisting: (unit: RegisteredUnit) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const models = useProductModels();
  const add = useAddProduct(customerId);
  const transfer = useTransferProduct(customerId);
  const form = useRef<HTMLFormElement>(null);
  const [modelCode, setModelCode] = useState<string | null>(null);
  const [serialNumber, setSerialNumber] = useState('');
  const [purchaseDate, setPurchaseDate] = useState('');
  const [attempts, setAttempts] = useState(0);
  const [typedSerial] = useDebouncedValue(serialNumber, 300);
  const registered = useRegisteredUnit(typedSerial, modelCode);

  const body = { modelCode: modelCode ?? '', serialNumber, purchaseDate: purchaseDate || null };
  const errors = fieldErrorsOf(createCustomerProductBodySchema, body, t, hints);
  const invalid = attempts > 0 ? errors : {};
  const refused = serverFieldErrorsOf(add.error, fields, t, {
    serialNumber: 'intake.serialRegistered',
    purchaseDate: 'intake.invalid.futureDate',
  });
  const existing = add.error instanceof ApiError ? add.error.problem?.existingProduct : undefined;
  const chosenModel = models.data?.items.find((m) => m.code === modelCode);
  const serialTaken = registered
    ? t('intake.serialTaken', {
        model: `${registered.product.model.brand} ${registered.product.model.name}`,
        customer: registered.owner.name,
      })
    : existing &&
      t('intake.serialTaken', {
        model: chosenModel ? `${chosenModel.brand} ${chosenModel.name}` : modelCode,
        customer: existing.customerName,
      });
  const movable =
    registered && registered.owner.id !== customerId
      ? registered.product.id
      : existing && existing.customerId !== customerId
        ? existing.id
        : null;

  useEffect(() => {
    if (attempts > 0 || add.error) focusFirstInvalid(form.current);
  }, [attempts, add.error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempts((count) => count + 1);
    if (Object.keys(errors).length > 0 || registered?.product.model.code === modelCode) return;
    add.mutate(body, { onSuccess: (product) => onAdded(product.id) });
  };

  return (
    <form ref={form} onSubmit={submit} noValidate aria-label={t('intake.addProduct')}>
      <Stack gap="xs">
        <Select
          label={t('intake.model')}
          required
          searchable
          autoFocus
          data={(models.data?.items ?? []).map((m) => ({ value: m.code, label: `${m.brand} ${m.name} (${m.code})` }))}
          value={modelCode}
          onChange={setModelCode}
          error={invalid.modelCode ?? refused.modelCode}
        />
        <Group grow align="start">
          <TextInput
            label={t('intake.serialNumber')}
            required
            value={serialNumber}
            onChange={(e) => setSerialNumber(e.currentTarget.value)}
            error={invalid.serialNumber ?? serialTaken ?? refused.serialNumber}
          />
          <TextInput
            label={t('intake.purchaseDate')}
            type="date"
            value={purchaseDate}
            onChange={(e) => setPurchaseDate(e.currentTarget.value)}
            error={invalid.purchaseDate ?? refused.purchaseDate}
          />
        </Group>
        <ErrorAlert error={transfer.error} />
        <Group>
          {registered && <Button onClick={() => onUseExisting(registered)}>{t('intake.useExisting')}</Button>}
          {movable && (
            <Button
              variant="outline"
              loading={transfer.isPending}
              onClick={() => transfer.mutate(movable, { onSuccess: (product) => onAdded(product.id) })}
            >
              {t('customer.transfer')}
            </Button>
          )}
          <Button type="submit" variant="default" loading={add.isPending}>
            {t('intake.saveProduct')}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
