import { Alert, Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { ApiError } from '@purnajual/client';
import type { LoginResponse } from '@purnajual/contract';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTotpSignIn } from '../api/session';
import { signInErrorText } from './sign-in-error';

interface TotpStepProps {
  challenge: string;
  onSignedIn: (session: LoginResponse) => void;
  /** The challenge is spent or expired: back to the NIK and password, saying why. */
  onExpired: () => void;
  onBack: () => void;
}

/** The second step of a sign-in: the authenticator app's six digits, or a recovery code. */
export function TotpStep({ challenge, onSignedIn, onExpired, onBack }: TotpStepProps) {
  const { t } = useTranslation();
  const signIn = useTotpSignIn();
  const [isRecovery, setRecovery] = useState(false);
  const [isMissing, setMissing] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    setMissing(code === '');
    if (code === '') return;
    signIn.mutate(
      { challenge, code },
      {
        onSuccess: onSignedIn,
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'sign_in_expired') onExpired();
        },
      },
    );
  };

  const error = signIn.error;
  // An expired challenge goes back to the password step, which says so.
  const expired = error instanceof ApiError && error.code === 'sign_in_expired';
  const wrong = { code: 'invalid_second_factor', text: t('auth.totp.invalidCode') };
  const message = expired ? null : signInErrorText(error, wrong, t);

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <div>
          <Title order={1} size="h2">
            {t('auth.totp.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {isRecovery ? t('auth.totp.recoveryPrompt') : t('auth.totp.prompt')}
          </Text>
        </div>
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        <TextInput
          key={isRecovery ? 'recovery' : 'totp'}
          name="code"
          label={isRecovery ? t('auth.totp.recoveryCode') : t('auth.totp.code')}
          error={isMissing && t('auth.totp.codeRequired')}
          onChange={() => setMissing(false)}
          autoComplete="one-time-code"
          inputMode={isRecovery ? 'text' : 'numeric'}
          maxLength={isRecovery ? 11 : 6}
          required
          autoFocus
        />
        <Button type="submit" loading={signIn.isPending}>
          {t('auth.totp.submit')}
        </Button>
        <Group justify="space-between">
          <Anchor component="button" type="button" size="sm" onClick={onBack}>
            {t('auth.totp.back')}
          </Anchor>
          <Anchor component="button" type="button" size="sm" onClick={() => setRecovery((value) => !value)}>
            {isRecovery ? t('auth.totp.useAuthenticator') : t('auth.totp.useRecoveryCode')}
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}
