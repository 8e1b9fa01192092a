import { Alert, Button, Group, Stack, Title } from '@mantine/core';
import { ApiError, formatPhone } from '@purnajual/client';
import type { Customer } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdatePhones } from '../api/customers';
import { focusFirstInvalid } from './field-errors';
import { newPhoneDraft, type PhoneDraft, PhonesEditor, phoneErrorOf, phonesOf } from './phones-editor';

/** The numbers as the agent reads them elsewhere (`+62 813-…`); the server takes any writing of them. */
const draftsOf = (customer: Customer): PhoneDraft[] =>
  customer.phones.map((phone) => ({
    ...newPhoneDraft(formatPhone(phone.number), phone.isPrimary),
    label: phone.label,
  }));

/**
 * The caller's numbers as they are, to add, remove, relabel and choose the primary one, saved
 * with the rest of the customer unchanged. A number says why it is refused next to it; a
 * change someone else made meanwhile is loaded, and the agent saves again over it.
 */
export function EditPhonesForm({
  customer,
  onSaved,
  onCancel,
}: {
  customer: Customer;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdatePhones(customer.id);
  const form = useRef<HTMLFormElement>(null);
  const [phones, setPhones] = useState<PhoneDraft[]>(() => draftsOf(customer));
  const [shown, setShown] = useState<ReadonlySet<number>>(new Set());
  const [attempts, setAttempts] = useState(0);
  const apiError = update.error instanceof ApiError ? update.error : null;
  const isConflict = apiError?.code === 'version_conflict';

  const errorOf = (index: number) => {
    const phone = phones[index];
    const own = phone && (attempts > 0 || shown.has(phone.key)) ? phoneErrorOf(phones, index, t) : undefined;
    const refused = apiError?.fieldError(`body.phones.${index}.number`);
    return own ?? (refused === undefined ? undefined : t('intake.invalid.generic'));
  };

  useEffect(() => {
    if (attempts > 0 || update.error) focusFirstInvalid(form.current);
  }, [attempts, update.error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempts((count) => count + 1);
    if (phones.some((_, index) => phoneErrorOf(phones, index, t))) return;
    update.mutate({ phones: phonesOf(phones), version: customer.version }, { onSuccess: onSaved });
  };

  return (
    <form ref={form} onSubmit={submit} noValidate aria-label={t('customer.editPhonesTitle', { name: customer.name })}>
      <Stack gap="xs">
        <Title order={3} size="h6">
          {t('customer.editPhonesTitle', { name: customer.name })}
        </Title>
        <PhonesEditor
          phones={phones}
          onChange={setPhones}
          errorOf={errorOf}
          onBlurNumber={(index, value) => {
            const key = phones[index]?.key;
            if (key !== undefined && value.trim()) setShown((current) => new Set(current).add(key));
          }}
        />
        {isConflict ? (
          <Alert color="yellow" role="alert">
            {t('customer.changedMeanwhile')}
          </Alert>
        ) : (
          !apiError?.problem?.errors && <ErrorAlert error={update.error} />
        )}
        <Group>
          <Button type="submit" loading={update.isPending}>
            {t('customer.savePhones')}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
