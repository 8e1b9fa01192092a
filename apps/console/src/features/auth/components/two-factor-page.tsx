import { Alert, Button, Code, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import type { TotpEnrolment } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useConfirmEnrolment, useStartEnrolment, useTotpStatus } from '../api/two-factor';
import { DisableTotp } from './disable-totp';
import { TwoFactorAlert } from './two-factor-alert';

/** `ABCD EFGH …`: a secret to type by hand is easier to read in groups of four. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * The user's two-factor sign-in: its state, enrolment and switching it off. There is no QR
 * code (the console has no QR library): the secret is shown grouped for typing, and the
 * `otpauth://` link opens the authenticator app on a phone.
 */
export function TwoFactorPage() {
  const { t } = useTranslation();
  const status = useTotpStatus();
  const start = useStartEnrolment();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (status.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (status.error) return <ErrorAlert error={status.error} />;
  const { enrolled, required, recoveryCodesLeft } = status.data;

  return (
    <Stack maw={560}>
      <Title order={1} size="h3">
        {t('security.title')}
      </Title>
      <Text>{t('security.intro')}</Text>
      {recoveryCodes ? (
        <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />
      ) : start.data ? (
        <Enrolment enrolment={start.data} onConfirmed={setRecoveryCodes} />
      ) : (
        <>
          {required && !enrolled && <Alert color="yellow">{t('security.required')}</Alert>}
          <Alert color={enrolled ? 'teal' : 'gray'}>
            {enrolled ? t('security.enabled') : t('security.disabled')}
            {enrolled && <Text size="sm">{t('security.recoveryLeft', { count: recoveryCodesLeft })}</Text>}
          </Alert>
          {start.error && <ErrorAlert error={start.error} />}
          <Group>
            <Button onClick={() => start.mutate()} loading={start.isPending}>
              {enrolled ? t('security.restart') : t('security.start')}
            </Button>
          </Group>
          {enrolled && (required ? <Text c="dimmed">{t('security.requiredCannotDisable')}</Text> : <DisableTotp />)}
        </>
      )}
    </Stack>
  );
}

function Enrolment({ enrolment, onConfirmed }: { enrolment: TotpEnrolment; onConfirmed: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const confirm = useConfirmEnrolment();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    confirm.mutate(code, { onSuccess: (answer) => onConfirmed(answer.recoveryCodes) });
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Text>{t('security.step1')}</Text>
        <Code block aria-label={t('security.secret')} fz="lg">
          {grouped(enrolment.secret)}
        </Code>
        <Text size="sm" c="dimmed">
          {t('security.noQr')} <a href={enrolment.uri}>{t('security.openUri')}</a>
        </Text>
        <Text>{t('security.step2')}</Text>
        <TextInput
          name="code"
          label={t('auth.totp.code')}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={6}
          required
          autoFocus
        />
        <TwoFactorAlert error={confirm.error} />
        <Group>
          <Button type="submit" loading={confirm.isPending}>
            {t('security.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Stack>
      <Title order={2} size="h4">
        {t('security.recoveryTitle')}
      </Title>
      <Text>{t('security.recoveryIntro')}</Text>
      <Code block aria-label={t('security.recoveryTitle')} fz="md">
        {codes.join('\n')}
      </Code>
      <Group>
        <Button
          onClick={() => {
            onDone();
            navigate('/', { replace: true });
          }}
        >
          {t('security.done')}
        </Button>
      </Group>
    </Stack>
  );
}
