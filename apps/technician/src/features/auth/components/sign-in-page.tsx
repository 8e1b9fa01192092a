import { Alert, Button, Center, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { ApiError } from '@purnajual/client';
import { errorMessage } from '@purnajual/ui';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { signIn, useSession } from '../../../data/session';

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [notTechnician, setNotTechnician] = useState(false);

  if (session.kind === 'signedIn') return <Navigate to="/" replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    setNotTechnician(false);
    try {
      // Signed in, the session changes and the page leaves for the home screen by itself.
      if (!(await signIn({ username, password }))) setNotTechnician(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(false);
    }
  };

  const message =
    error instanceof ApiError && error.code === 'invalid_credentials'
      ? t('auth.invalidCredentials')
      : error instanceof ApiError && error.code === 'rate_limited'
        ? t('auth.rateLimited')
        : notTechnician
          ? t('tech.notTechnician')
          : errorMessage(error, t);

  return (
    <Center component="main" mih="100dvh" p="md">
      <form onSubmit={submit} noValidate style={{ width: '100%', maxWidth: 400 }}>
        <Stack>
          <div>
            <Title order={1} size="h2" c="teal.9">
              {t('tech.appName')}
            </Title>
            <Text c="dimmed">{t('auth.subtitle')}</Text>
          </div>
          {session.kind === 'signedOut' && session.expired && !message && (
            <Alert color="yellow">{t('tech.sessionExpired')}</Alert>
          )}
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          <TextInput
            size="lg"
            label={t('auth.employeeNo')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            autoComplete="username"
            inputMode="numeric"
            required
          />
          <PasswordInput
            size="lg"
            label={t('auth.password')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="current-password"
            required
          />
          <Button type="submit" size="lg" loading={pending} disabled={!username || !password}>
            {t('auth.submit')}
          </Button>
        </Stack>
      </form>
    </Center>
  );
}
