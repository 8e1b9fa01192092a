import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { ApiError } from '@purnajual/client';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { useMe } from '../../../components/use-me';
import { useSignIn } from '../api/session';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  if (me.data) return <Navigate to="/" replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ username, password }, { onSuccess: () => navigate('/', { replace: true }) });
  };

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
              label={t('auth.employeeNo')}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              autoComplete="username"
              required
              autoFocus
            />
            <PasswordInput
              label={t('auth.password')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="current-password"
              required
            />
            <Button type="submit" loading={signIn.isPending} disabled={!username || !password}>
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
