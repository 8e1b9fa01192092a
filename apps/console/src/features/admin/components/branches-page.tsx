import { Alert, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { ApiError } from '@purnajual/client';
import { timeZoneLabels } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';
import { useBranches } from '../../../components/use-branches';
import { useAreaNames, useUpdateBranch } from '../api/admin';

/** Branches with their time zone and served areas; admins switch auto-assignment here. */
export function BranchesPage() {
  const { t } = useTranslation();
  const branches = useBranches();
  const update = useUpdateBranch();
  const names = useAreaNames([...new Set(branches.items.flatMap((b) => b.areaCodes))]);
  const nameOf = (code: string) => names.data?.items.find((a) => a.code === code)?.name ?? code;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('admin.branches')}
      </Title>
      {update.error && (
        <Alert color="red" role="alert">
          {update.error instanceof ApiError ? update.error.message : t('common.unexpectedError')}
        </Alert>
      )}
      <Table striped verticalSpacing="sm" aria-label={t('admin.branches')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.branch')}</Table.Th>
            <Table.Th>{t('admin.timeZone')}</Table.Th>
            <Table.Th>{t('admin.servedAreas')}</Table.Th>
            <Table.Th>{t('admin.autoAssign')}</Table.Th>
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
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
