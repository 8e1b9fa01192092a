import { Badge, Button, Checkbox, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { formatDateTime } from '@purnajual/client';
import { type ApiKey, type ApiScope, apiScopes, headOfficeTimeZone } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../../components/ui/form-actions';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../api/integrations';
import { ShownOnceDialog } from './shown-once-dialog';

function CreateApiKeyForm({ onCreated, onCancel }: { onCreated: (key: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, scopes }, { onSuccess: (created) => onCreated(created.key) });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <ErrorAlert error={create.error} />
        <TextInput
          label={t('integrations.keys.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Checkbox.Group
          label={t('integrations.keys.scopes')}
          value={scopes}
          onChange={(value) => setScopes(apiScopes.filter((scope) => value.includes(scope)))}
        >
          <Stack gap={6} mt={6}>
            {apiScopes.map((scope) => (
              <Checkbox key={scope} value={scope} label={`${t(`integrations.scope.${scope}`)} (${scope})`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <FormActions saving={create.isPending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}

function RevokeDialog({ apiKey, onDone }: { apiKey: ApiKey | null; onDone: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeApiKey();
  return (
    <Modal
      opened={apiKey !== null}
      onClose={onDone}
      title={t('integrations.keys.revoke')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {apiKey && (
        <Stack gap="sm">
          <ErrorAlert error={revoke.error} />
          <Text>{t('integrations.keys.revokeConfirm', { name: apiKey.name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() => revoke.mutate(apiKey.id, { onSuccess: onDone })}
            >
              {t('integrations.keys.revoke')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** API keys for other systems: created with their scopes, the key shown once, listed, revoked. */
export function ApiKeysSection() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const keys = useApiKeys();
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const when = (iso: string | null) => (iso ? formatDateTime(iso, headOfficeTimeZone, locale) : '—');
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('integrations.keys.title')}
        </Title>
        <Button onClick={() => setCreating(true)}>{t('integrations.keys.create')}</Button>
      </Group>
      <ErrorAlert error={keys.error} />
      <Table striped verticalSpacing="sm" aria-label={t('integrations.keys.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('integrations.keys.name')}</Table.Th>
            <Table.Th>{t('integrations.keys.scopes')}</Table.Th>
            <Table.Th>{t('integrations.keys.lastUsed')}</Table.Th>
            <Table.Th>{t('integrations.keys.state')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(keys.data?.items ?? []).map((key) => (
            <Table.Tr key={key.id}>
              <Table.Td>
                <Text fw={600}>{key.name}</Text>
                <Text size="xs" c="dimmed" ff="monospace">{`pj_${key.prefix}_…`}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {key.scopes.map((scope) => (
                    <Badge key={scope} variant="light">
                      {scope}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{when(key.lastUsedAt)}</Table.Td>
              <Table.Td>
                {key.revokedAt ? (
                  <Badge color="gray">{t('integrations.keys.revokedAt', { time: when(key.revokedAt) })}</Badge>
                ) : (
                  <Button
                    size="compact-sm"
                    color="red"
                    variant="light"
                    onClick={() => setRevoking(key)}
                    aria-label={`${t('integrations.keys.revoke')} ${key.name}`}
                  >
                    {t('integrations.keys.revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('integrations.keys.create')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {creating && (
          <CreateApiKeyForm
            onCancel={() => setCreating(false)}
            onCreated={(key) => {
              setCreating(false);
              setShown(key);
            }}
          />
        )}
      </Modal>
      <ShownOnceDialog title={t('integrations.keys.created')} secret={shown} onClose={() => setShown(null)} />
      <RevokeDialog apiKey={revoking} onDone={() => setRevoking(null)} />
    </Stack>
  );
}
