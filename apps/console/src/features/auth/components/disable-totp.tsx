import { Button, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDisableTotp } from '../api/two-factor';
import { TwoFactorAlert } from './two-factor-alert';

/** Switching two-factor sign-in off, with a current code or the password. */
export function DisableTotp() {
  const { t } = useTranslation();
  const disable = useDisableTotp();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const code = String(form.get('code') ?? '').trim();
    const password = String(form.get('password') ?? '');
    disable.mutate(code !== '' ? { code } : { password });
  };
  return (
    <form onSubmit={submit}>
      <Stack mt="lg">
        <Title order={2} size="h4">
          {t('security.disable')}
        </Title>
        <Text size="sm">{t('security.disableIntro')}</Text>
        <TextInput name="code" label={t('security.disableCode')} autoComplete="one-time-code" />
        <PasswordInput name="password" label={t('security.disablePassword')} autoComplete="current-password" />
        <TwoFactorAlert error={disable.error} />
        <Group>
          <Button type="submit" color="red" variant="light" loading={disable.isPending}>
            {t('security.disableSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
