import {
  Alert,
  Anchor,
  Button,
  Center,
  Loader,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { useHydrated } from '../../../components/use-hydrated';
import { useMe } from '../../../components/use-me';
import { useSignIn } from '../api/session';
import { signInErrorText } from './sign-in-error';
import { SsoButton, SsoError } from './sso-sign-in';

/** The code step comes after a right password: fetched then, not with the form. */
const TotpStep = lazy(() => import('./totp-step').then((module) => ({ default: module.TotpStep })));

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
  const [challenge, setChallenge] = useState<string | null>(null);
  const [isExpired, setExpired] = useState(false);
  const hydrated = useHydrated();

  const enter = (session: { totpEnrolmentRequired: boolean }) =>
    navigate(session.totpEnrolmentRequired ? '/two-factor' : '/', { replace: true });

  if (me.data && challenge === null) return <Navigate to="/" replace />;
  if (challenge !== null) {
    return (
      <Frame>
        <Suspense fallback={<Loader role="status" aria-label={t('common.loading')} />}>
          <TotpStep
            challenge={challenge}
            onSignedIn={enter}
            onBack={() => setChallenge(null)}
            onExpired={() => {
              setChallenge(null);
              setExpired(true);
            }}
          />
        </Suspense>
      </Frame>
    );
  }

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
    setExpired(false);
    signIn.mutate(
      { username: value('username').trim(), password: value('password') },
      { onSuccess: (answer) => ('user' in answer ? enter(answer) : setChallenge(answer.challenge)) },
    );
  };
  const filled = (field: Field) => () => setMissing((fields) => fields.filter((other) => other !== field));

  const wrong = { code: 'invalid_credentials', text: t('auth.invalidCredentials') };
  const message = signInErrorText(signIn.error, wrong, t) ?? (isExpired ? t('auth.totp.expired') : null);

  return (
    <Frame>
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
          <SsoError />
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
          <SsoButton />
          <Text size="xs" c="dimmed">
            {t('auth.technicianApp')}{' '}
            <Anchor href="/m/" size="xs" underline="always">
              {t('auth.openTechnicianApp')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Frame>
  );
}

function Frame({ children }: { children: ReactNode }) {
  return (
    <Center mih="100vh" bg="gray.0">
      <Paper component="main" withBorder shadow="sm" p="xl" w={380}>
        {children}
      </Paper>
    </Center>
  );
}
