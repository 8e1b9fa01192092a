import { Button, Group, Modal, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { type Branch, headOfficeTimeZone, ianaTimeZones, type TimeZone, timeZoneLabels } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../../components/ui/form-actions';
import { useBranches } from '../../../components/use-branches';
import { useAreaNames, useCreateBranch, useUpdateBranch } from '../api/admin';
import { AreaCodesEditor } from './area-codes-editor';

function BranchForm({ branch, onDone }: { branch: Branch | null; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateBranch();
  const update = useUpdateBranch();
  const [code, setCode] = useState(branch?.code ?? '');
  const [name, setName] = useState(branch?.name ?? '');
  const [address, setAddress] = useState(branch?.address ?? '');
  const [timeZone, setTimeZone] = useState<TimeZone>(branch?.timeZone ?? headOfficeTimeZone);
  const [areaCodes, setAreaCodes] = useState<string[]>(branch?.areaCodes ?? []);
  const mutation = branch ? update : create;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (branch) update.mutate({ id: branch.id, body: { name, address, timeZone, areaCodes } }, { onSuccess: onDone });
    else create.mutate({ code, name, address, timeZone, areaCodes, autoAssign: false }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <ErrorAlert error={mutation.error} />
        <Group grow>
          <TextInput
            label={t('admin.code')}
            required
            disabled={branch !== null}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
          />
          <Select
            label={t('admin.timeZone')}
            allowDeselect={false}
            data={ianaTimeZones.map((zone) => ({ value: zone, label: `${timeZoneLabels[zone]} (${zone})` }))}
            value={timeZone}
            onChange={(value) => setTimeZone((value as TimeZone | null) ?? headOfficeTimeZone)}
          />
        </Group>
        <TextInput label={t('admin.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <TextInput
          label={t('intake.address')}
          required
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
        />
        <Text size="sm" fw={500}>
          {t('admin.servedAreas')}
        </Text>
        <AreaCodesEditor value={areaCodes} onChange={setAreaCodes} />
        <FormActions saving={mutation.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

/** Branches with their time zone and served areas; admins edit them and switch auto-assignment. */
export function BranchesPage() {
  const { t } = useTranslation();
  const branches = useBranches();
  const update = useUpdateBranch();
  const [editing, setEditing] = useState<Branch | 'new' | null>(null);
  const names = useAreaNames([...new Set(branches.items.flatMap((b) => b.areaCodes))]);
  const nameOf = (code: string) => names.data?.items.find((a) => a.code === code)?.name ?? code;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('admin.branches')}
        </Title>
        <Button onClick={() => setEditing('new')}>{t('admin.addBranch')}</Button>
      </Group>
      <ErrorAlert error={update.error} />
      <Table striped verticalSpacing="sm" aria-label={t('admin.branches')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.branch')}</Table.Th>
            <Table.Th>{t('admin.timeZone')}</Table.Th>
            <Table.Th>{t('admin.servedAreas')}</Table.Th>
            <Table.Th>{t('admin.autoAssign')}</Table.Th>
            <Table.Th>{t('admin.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {branches.items.map((branch) => (
            <Table.Tr key={branch.id}>
              <Table.Td>
                <Text fw={600}>{branch.name}</Text>
                <Text size="xs" c="dimmed">
                  {branch.code} · {branch.address}
                </Text>
              </Table.Td>
              <Table.Td>
                {timeZoneLabels[branch.timeZone]} ({branch.timeZone})
              </Table.Td>
              <Table.Td>
                <Text size="sm">{branch.areaCodes.map(nameOf).join(', ')}</Text>
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={`${t('admin.autoAssign')} ${branch.name}`}
                  checked={branch.autoAssign}
                  onChange={(e) => update.mutate({ id: branch.id, body: { autoAssign: e.currentTarget.checked } })}
                />
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-sm"
                  variant="default"
                  onClick={() => setEditing(branch)}
                  aria-label={`${t('admin.editBranch')} ${branch.name}`}
                >
                  {t('admin.editBranch')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        title={editing === 'new' ? t('admin.addBranch') : t('admin.editBranch')}
        size="lg"
      >
        {editing !== null && <BranchForm branch={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}
