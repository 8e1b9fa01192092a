import { Alert, Anchor, Badge, Button, Card, CopyButton, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { formatDateTime } from '@purnajual/client';
import type { CustomerMessageStatus, TimeZone, WorkOrderDetail } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomerMessages, useRevokeTrackingLink } from '../api/billing';

const messageStatusColors: Record<CustomerMessageStatus, string> = {
  queued: 'gray',
  sent: 'blue',
  delivered: 'green',
  read: 'teal',
  failed: 'red',
};

/** The customer's tracking link, to read out or paste into a chat, and a way to replace it. */
function TrackingLink({ order }: { order: WorkOrderDetail }) {
  const { t } = useTranslation();
  const revoke = useRevokeTrackingLink(order.id);
  const [confirming, setConfirming] = useState(false);
  // The detail names the page by its path; the customer needs the whole address.
  const url = new URL(order.trackingUrl, window.location.origin).href;

  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('billing.tracking.title')}
      </Title>
      <Anchor href={url} target="_blank" rel="noreferrer" size="sm" style={{ wordBreak: 'break-all' }}>
        {url}
      </Anchor>
      <ErrorAlert error={revoke.error} />
      {revoke.isSuccess && !confirming && (
        <Alert color="green" role="status">
          {t('billing.tracking.revoked')}
        </Alert>
      )}
      {confirming ? (
        <Stack gap="xs" p="sm" bg="gray.0" style={{ borderRadius: 8 }}>
          <Text size="sm">{t('billing.tracking.revokeConfirm')}</Text>
          <Group>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() => revoke.mutate(undefined, { onSuccess: () => setConfirming(false) })}
            >
              {t('billing.tracking.revoke')}
            </Button>
            <Button variant="subtle" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group gap="xs">
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button variant={copied ? 'light' : 'default'} color={copied ? 'teal' : undefined} onClick={copy}>
                {copied ? t('billing.tracking.copied') : t('billing.tracking.copy')}
              </Button>
            )}
          </CopyButton>
          <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
            {t('billing.tracking.revoke')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function Messages({ workOrderId, when }: { workOrderId: string; when: (iso: string) => string }) {
  const { t } = useTranslation();
  const messages = useCustomerMessages(workOrderId);
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('billing.messages.title')}
      </Title>
      <ErrorAlert error={messages.error} />
      {messages.isPending && <Loader size="sm" role="status" aria-label={t('common.loading')} />}
      {messages.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('billing.messages.none')}
        </Text>
      )}
      {messages.data && messages.data.items.length > 0 && (
        <ul aria-label={t('billing.messages.title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {messages.data.items.map((message) => (
            <li key={message.id} style={{ marginBottom: 'var(--mantine-spacing-xs)' }}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" fw={600}>
                  {t(`billing.messages.kind.${message.kind}`)}
                </Text>
                <Badge size="sm" variant="dot" color={messageStatusColors[message.status]} c="dark.7">
                  {t(`billing.messages.status.${message.status}`)}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {when(message.statusAt)} ·{' '}
                {message.channel ? `${t(`billing.messages.channel.${message.channel}`)} · ` : ''}
                {message.recipient}
              </Text>
              {message.failureReason && (
                <Text size="xs" c={message.status === 'failed' ? 'red.8' : 'dimmed'}>
                  {t('billing.messages.reason', {
                    reason:
                      message.failureReason === 'opted out' ? t('billing.messages.optedOut') : message.failureReason,
                  })}
                </Text>
              )}
              <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                {message.body}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}

function SurveyAnswer({ order, when }: { order: WorkOrderDetail; when: (iso: string) => string }) {
  const { t } = useTranslation();
  const { survey } = order;
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {t('billing.survey.title')}
      </Title>
      {survey ? (
        <>
          <Group gap="xs">
            <Text c="yellow.8" fz="lg" role="img" aria-label={t('billing.survey.rating', { rating: survey.rating })}>
              {'★'.repeat(survey.rating)}
              {'☆'.repeat(Math.max(0, 5 - survey.rating))}
            </Text>
            <Text size="sm" fw={600} aria-hidden>
              {survey.rating}/5
            </Text>
          </Group>
          {survey.comment && <Text size="sm">“{survey.comment}”</Text>}
          <Text size="xs" c="dimmed">
            {when(survey.at)}
          </Text>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('billing.survey.none')}
        </Text>
      )}
    </Stack>
  );
}

/** What the customer sees and is sent: the tracking link, the messages, their rating. */
export function CustomerContactCard({ order, timeZone }: { order: WorkOrderDetail; timeZone: TimeZone }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const when = (iso: string) => formatDateTime(iso, timeZone, locale);
  return (
    <Card withBorder component="section" aria-labelledby="customer-contact-title">
      <Stack>
        <Title order={2} size="h4" id="customer-contact-title">
          {t('billing.contactTitle')}
        </Title>
        <TrackingLink order={order} />
        <SurveyAnswer order={order} when={when} />
        <Messages workOrderId={order.id} when={when} />
      </Stack>
    </Card>
  );
}
