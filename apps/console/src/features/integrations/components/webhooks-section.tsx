import { Button, Group, Modal, MultiSelect, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { type Webhook, type WebhookEventPattern, webhookEventPatterns } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../../components/ui/form-actions';
import { useCreateWebhook, useUpdateWebhook, useWebhooks } from '../api/integrations';
import { ShownOnceDialog } from './shown-once-dialog';
import { WebhookDeliveries } from './webhook-deliveries';

function CreateWebhookForm({ onCreated, onCancel }: { onCreated: (secret: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateWebhook();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventPattern[]>(['work_order.*']);
  const [description, setDescription] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { url, events, ...(description ? { description } : {}) },
      { onSuccess: (created) => onCreated(created.secret) },
    );
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <ErrorAlert error={create.error} />
        <TextInput
          label={t('integrations.webhooks.url')}
          description={t('integrations.webhooks.urlHint')}
          required
          type="url"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
        />
        <MultiSelect
          label={t('integrations.webhooks.events')}
          data={[...webhookEventPatterns]}
          value={events}
          onChange={(value) => setEvents(webhookEventPatterns.filter((pattern) => value.includes(pattern)))}
        />
        <TextInput
          label={t('integrations.webhooks.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <FormActions saving={create.isPending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

/** Webhooks: created with URL and events (the secret shown once), switched on and off, their delivery log. */
export function WebhooksSection() {
  const { t } = useTranslation();
  const webhooks = useWebhooks();
  const update = useUpdateWebhook();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('integrations.webhooks.title')}
        </Title>
        <Button onClick={() => setCreating(true)}>{t('integrations.webhooks.create')}</Button>
      </Group>
      <ErrorAlert error={webhooks.error ?? update.error} />
      <Table striped verticalSpacing="sm" aria-label={t('integrations.webhooks.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('integrations.webhooks.url')}</Table.Th>
            <Table.Th>{t('integrations.webhooks.events')}</Table.Th>
            <Table.Th>{t('integrations.webhooks.active')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(webhooks.data?.items ?? []).map((webhook) => (
            <Table.Tr key={webhook.id}>
              <Table.Td>
                <Text size="sm" style={{ wordBreak: 'break-all' }}>
                  {webhook.url}
                </Text>
                {webhook.description && (
                  <Text size="xs" c="dimmed">
                    {webhook.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{webhook.events.join(', ')}</Text>
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={`${t('integrations.webhooks.active')} ${webhook.url}`}
                  checked={webhook.active}
                  onChange={(e) => update.mutate({ id: webhook.id, body: { active: e.currentTarget.checked } })}
                />
              </Table.Td>
              <Table.Td>
                <Button size="compact-sm" variant="default" onClick={() => setLogOf(webhook)}>
                  {t('integrations.deliveries.title')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('integrations.webhooks.create')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {creating && (
          <CreateWebhookForm
            onCancel={() => setCreating(false)}
            onCreated={(created) => {
              setCreating(false);
              setSecret(created);
            }}
          />
        )}
      </Modal>
      <ShownOnceDialog title={t('integrations.webhooks.created')} secret={secret} onClose={() => setSecret(null)} />
      <Modal
        opened={logOf !== null}
        onClose={() => setLogOf(null)}
        title={logOf ? `${t('integrations.deliveries.title')}: ${logOf.url}` : ''}
        size="xl"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {logOf && <WebhookDeliveries webhookId={logOf.id} />}
      </Modal>
    </Stack>
  );
}
