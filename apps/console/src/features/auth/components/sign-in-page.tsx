import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { ApiError } from '@purnajual/client';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { useHydrated } from '../../../components/use-hydrated';
import { useMe } from '../../../components/use-me';
import { useSignIn } from '../api/session';

type Field = 'username' | 'password';

/**
 * The fields are read from the form when it is sent, not kept in state: the page arrives as
 * HTML (see prerender.tsx), and what an agent types before the script has run is in the
 * fields, not in any state, until then.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const signIn = useSignIn();
  const [missing, setMissing] = useState<Field[]>([]);
  const hydrated = useHydrated();

  if (me.data) return <Navigate to="/" replace />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const value = (field: Field) => String(new FormData(form).get(field) ?? '');
    const empty = (['username', 'password'] as const).filter((field) => value(field).trim() === '');
    setMissing(empty);
    if (empty[0]) {
      const input = form.elements.namedItem(empty[0]);
      if (input instanceof HTMLInputElement) input.focus();
      return;
    }
    signIn.mutate(
      { username: value('username').trim(), password: value('password') },
      { onSuccess: () => navigate('/', { replace: true }) },
    );
  };
  const filled = (field: Field) => () => setMissing((fields) => fields.filter((other) => other !== field));

  const error = signIn.error;
  const message =
    error instanceof ApiError && error.code === 'invalid_credentials'
      ? t('auth.invalidCredentials')
      : error instanceof ApiError && error.code === 'rate_limited'
        ? t('auth.rateLimited')
        : error instanceof ApiError && error.code === 'network_error'
          ? t('common.networkError')
          : error
            ? t('common.unexpectedError')
            : null;

  return (
    <Center mih="100vh" bg="gray.0">
      <Paper component="main" withBorder shadow="sm" p="xl" w={380}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <div>
              <Title order={1} size="h2">
                {t('app.name')}
              </Title>
              <Text c="dimmed" size="sm">
                {t('auth.subtitle')}
              </Text>
            </div>
            {message && (
              <Alert color="red" role="alert">
                {message}
              </Alert>
            )}
            <TextInput
              name="username"
              label={t('auth.employeeNo')}
              onChange={filled('username')}
              error={missing.includes('username') && t('auth.employeeNoRequired')}
              autoComplete="username"
              required
              autoFocus
            />
            <PasswordInput
              name="password"
              label={t('auth.password')}
              onChange={filled('password')}
              error={missing.includes('password') && t('auth.passwordRequired')}
              autoComplete="current-password"
              required
            />
            <Button type="submit" loading={signIn.isPending} disabled={!hydrated}>
              {t('auth.submit')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('auth.technicianApp')}{' '}
              <Anchor href="/m/" size="xs" underline="always">
                {t('auth.openTechnicianApp')}
              </Anchor>
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
