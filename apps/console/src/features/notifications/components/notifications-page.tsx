import {
  Alert,
  Button,
  Card,
  Grid,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { formatDateTime } from '@purnajual/client';
import { headOfficeTimeZone } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBranchTechnicians } from '../../../components/use-branch-technicians';
import { useBranches } from '../../../components/use-branches';
import { useMe } from '../../../components/use-me';
import { useSendNotification, useSentNotifications } from '../api/notifications';

/** Compose a notification to one, several, or all technicians of a branch; see who read what. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const branches = useBranches();
  const sent = useSentNotifications();
  const send = useSendNotification();
  const [target, setTarget] = useState<'branch' | 'technicians'>('branch');
  const [chosenBranch, setChosenBranch] = useState<string | null>(null);
  const branchId = chosenBranch ?? me.data?.branchId ?? branches.items[0]?.id ?? null;
  const technicians = useBranchTechnicians(branchId);
  const [technicianIds, setTechnicianIds] = useState<string[]>([]);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const zone = (branchId ? branches.byId.get(branchId)?.timeZone : undefined) ?? headOfficeTimeZone;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const recipients = target === 'branch' ? { branchId: branchId ?? '' } : { technicianIds };
    send.mutate(
      { title, body, ...recipients },
      {
        onSuccess: () => {
          setTitle('');
          setBody('');
          setTechnicianIds([]);
        },
      },
    );
  };

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('notifications.title')}
      </Title>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder component="form" onSubmit={submit} aria-label={t('notifications.compose')}>
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t('notifications.compose')}
              </Title>
              {send.data && (
                <Alert color="green" role="status">
                  {t('notifications.sentTo', { count: send.data.recipients })}
                </Alert>
              )}
              <ErrorAlert error={send.error} />
              <Select
                label={t('notifications.branch')}
                allowDeselect={false}
                data={branches.items.map((b) => ({ value: b.id, label: b.name }))}
                value={branchId}
                onChange={(value) => {
                  setChosenBranch(value);
                  setTechnicianIds([]);
                }}
              />
              <div>
                <Text size="sm" fw={500} mb={4} id="notification-target">
                  {t('notifications.to')}
                </Text>
                <SegmentedControl
                  aria-labelledby="notification-target"
                  value={target}
                  onChange={(value) => setTarget(value === 'technicians' ? 'technicians' : 'branch')}
                  data={[
                    { value: 'branch', label: t('notifications.toBranch') },
                    { value: 'technicians', label: t('notifications.toTechnicians') },
                  ]}
                />
              </div>
              {target === 'technicians' && (
                <MultiSelect
                  label={t('notifications.technicians')}
                  searchable
                  data={(technicians.data?.items ?? []).map((tech) => ({ value: tech.id, label: tech.name }))}
                  value={technicianIds}
                  onChange={setTechnicianIds}
                />
              )}
              <TextInput
                label={t('notifications.subject')}
                required
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
              />
              <Textarea
                label={t('notifications.body')}
                required
                autosize
                minRows={3}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
              />
              <Button
                type="submit"
                loading={send.isPending}
                disabled={!title.trim() || !body.trim() || (target === 'technicians' && technicianIds.length === 0)}
              >
                {t('notifications.send')}
              </Button>
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Title order={2} size="h4" mb="xs">
            {t('notifications.sent')}
          </Title>
          <Table striped aria-label={t('notifications.sent')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('notifications.subject')}</Table.Th>
                <Table.Th>{t('notifications.when')}</Table.Th>
                <Table.Th>{t('notifications.recipients')}</Table.Th>
                <Table.Th>{t('notifications.read')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(sent.data?.items ?? []).map((item) => (
                <Table.Tr key={item.batchId} data-testid="sent-row">
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {item.title}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {item.body}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDateTime(item.createdAt, zone, locale)}</Table.Td>
                  <Table.Td>{item.recipients}</Table.Td>
                  <Table.Td>{item.read}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {sent.data?.items.length === 0 && <Text c="dimmed">{t('notifications.none')}</Text>}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
