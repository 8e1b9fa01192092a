import { Alert, Button, Group, Stack, TextInput, Title } from '@mantine/core';
import { ApiError } from '@purnajual/client';
import type { Customer } from '@purnajual/contract';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AreaCascade } from '../../../components/area-cascade';
import { useCreateCustomer } from '../api/intake';

const looksLikePhone = (text: string) => /^[+\d][\d\s\-().]{5,}$/.test(text.trim());

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
  const [name, setName] = useState(looksLikePhone(initial) ? '' : initial);
  const [phone, setPhone] = useState(looksLikePhone(initial) ? initial : '');
  const [email, setEmail] = useState('');
  const [address, setAddress] = useState('');
  const [areaCode, setAreaCode] = useState<string | null>(null);
  const error = create.error instanceof ApiError ? create.error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!areaCode) return;
    create.mutate({ name, phone, email: email || null, address, areaCode }, { onSuccess: onCreated });
  };

  return (
    <form onSubmit={submit} aria-label={t('intake.newCustomer')}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('intake.newCustomer')}
        </Title>
        {create.error && !error?.problem?.errors && (
          <Alert color="red" role="alert">
            {error?.message ?? t('common.unexpectedError')}
          </Alert>
        )}
        <Group grow align="start">
          <TextInput
            label={t('intake.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error?.fieldError('body.name')}
          />
          <TextInput
            label={t('intake.phone')}
            required
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={error?.fieldError('body.phone')}
          />
        </Group>
        <TextInput
          label={t('intake.email')}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={error?.fieldError('body.email')}
        />
        <TextInput
          label={t('intake.address')}
          required
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
          error={error?.fieldError('body.address')}
        />
        <AreaCascade
          required
          onChange={(choice) => setAreaCode(choice.district)}
          districtError={error?.fieldError('body.areaCode')}
        />
        <Group>
          <Button type="submit" loading={create.isPending} disabled={!name || !phone || !address || !areaCode}>
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
