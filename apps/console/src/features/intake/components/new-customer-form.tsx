import { Alert, Button, Group, Stack, TextInput, Title } from '@mantine/core';
import { ApiError } from '@purnajual/client';
import { type Customer, createCustomerBodySchema } from '@purnajual/contract';
import { type FocusEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AreaCascade } from '../../../components/area-cascade';
import { useCreateCustomer } from '../api/intake';
import { fieldErrorsOf, focusFirstInvalid, serverFieldErrorsOf } from './field-errors';
import { newPhoneDraft, type PhoneDraft, PhonesEditor, phoneErrorOf, phonesOf } from './phones-editor';

const apiErrorOf = (error: unknown) => (error instanceof ApiError ? error : null);

const looksLikePhone = (text: string) => /^[+\d][\d\s\-().]{5,}$/.test(text.trim());

const fields = ['name', 'phones', 'email', 'address', 'areaCode'] as const;
type Field = (typeof fields)[number];

/**
 * The caller is new: the agent types their details as they say them. A field says why it
 * is refused once the agent leaves it filled in, and every field does on "save".
 */
export function NewCustomerForm({
  initial,
  onCreated,
  onCancel,
}: {
  initial: string;
  onCreated: (customer: Customer) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateCustomer();
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(looksLikePhone(initial) ? '' : initial);
  const [phones, setPhones] = useState<PhoneDraft[]>(() => [
    newPhoneDraft(looksLikePhone(initial) ? initial : '', true),
  ]);
  const [shownPhones, setShownPhones] = useState<ReadonlySet<number>>(new Set());
  const [email, setEmail] = useState('');
  const [address, setAddress] = useState('');
  const [areaCode, setAreaCode] = useState<string | null>(null);
  const [shown, setShown] = useState<ReadonlySet<Field>>(new Set());
  const [attempts, setAttempts] = useState(0);

  const body = { name, phones: phonesOf(phones), email: email.trim() || null, address, areaCode: areaCode ?? '' };
  const invalid = fieldErrorsOf(createCustomerBodySchema, body, t);
  const refused = serverFieldErrorsOf(create.error, fields, t);
  const errorOf = (field: Field) => (shown.has(field) ? invalid[field] : undefined) ?? refused[field];
  const phoneError = (index: number) => {
    const phone = phones[index];
    const own =
      phone && (shown.has('phones') || shownPhones.has(phone.key)) ? phoneErrorOf(phones, index, t) : undefined;
    const refusedHere = apiErrorOf(create.error)?.fieldError(`body.phones.${index}.number`);
    return own ?? (refusedHere === undefined ? undefined : t('intake.invalid.generic'));
  };
  const showWhenFilled = (field: Field) => (event: FocusEvent<HTMLInputElement>) => {
    if (event.currentTarget.value.trim()) setShown((current) => new Set(current).add(field));
  };

  useEffect(() => {
    if (attempts > 0 || create.error) focusFirstInvalid(form.current);
  }, [attempts, create.error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setShown(new Set(fields));
    setAttempts((count) => count + 1);
    if (Object.keys(invalid).length > 0 || phones.some((_, index) => phoneErrorOf(phones, index, t))) return;
    create.mutate(body, { onSuccess: onCreated });
  };

  const apiError = apiErrorOf(create.error);
  return (
    <form ref={form} onSubmit={submit} noValidate aria-label={t('intake.newCustomer')}>
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t('intake.newCustomer')}
        </Title>
        {create.error && !apiError?.problem?.errors && (
          <Alert color="red" role="alert">
            {apiError?.message ?? t('common.unexpectedError')}
          </Alert>
        )}
        <TextInput
          label={t('intake.name')}
          required
          autoFocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          onBlur={showWhenFilled('name')}
          error={errorOf('name')}
        />
        <PhonesEditor
          phones={phones}
          onChange={setPhones}
          errorOf={phoneError}
          onBlurNumber={(index, value) => {
            const key = phones[index]?.key;
            if (key !== undefined && value.trim()) setShownPhones((current) => new Set(current).add(key));
          }}
        />
        <TextInput
          label={t('intake.email')}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          onBlur={showWhenFilled('email')}
          error={errorOf('email')}
        />
        <TextInput
          label={t('intake.address')}
          required
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
          onBlur={showWhenFilled('address')}
          error={errorOf('address')}
        />
        <AreaCascade required onChange={(choice) => setAreaCode(choice.district)} error={errorOf('areaCode')} />
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('intake.createCustomer')}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
