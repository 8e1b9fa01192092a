import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { formatDateTime } from '@purnajual/client';
import type { ImportJob, ImportKind } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';
import { useTimeZoneOf } from '../../../components/use-time-zone-of';
import { templateUrl } from '../api/imports';
import { ImportModeBadge, ImportStatusBadge } from './import-badges';

const templates = [
  { format: 'csv', lang: 'id', label: 'imports.template.csvId' },
  { format: 'xlsx', lang: 'id', label: 'imports.template.xlsxId' },
  { format: 'csv', lang: 'en', label: 'imports.template.csvEn' },
  { format: 'xlsx', lang: 'en', label: 'imports.template.xlsxEn' },
] as const;

/** The empty files of the chosen kind to fill in, downloaded by the browser with the session cookie. */
export function TemplateLinks({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {t('imports.templates')} · {t(`imports.kinds.${kind}`)}
      </Text>
      <Group gap="md">
        {templates.map((template) => (
          <Anchor key={template.label} href={templateUrl(kind, template.format, template.lang)} download size="sm">
            {t(template.label)}
          </Anchor>
        ))}
      </Group>
    </Stack>
  );
}

/** The latest imports, so one started before the tab was closed can be followed again. */
export function RecentImports({ jobs, onShow }: { jobs: ImportJob[]; onShow: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZoneOf()(null);
  const locale = i18n.language === 'en' ? 'en' : 'id';
  return (
    <Stack gap="xs" component="section" aria-labelledby="recent-imports">
      <Title order={2} size="h5" id="recent-imports">
        {t('imports.recent')}
      </Title>
      {jobs.length === 0 ? (
        <Text c="dimmed">{t('imports.none')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.fileName')}</Table.Th>
              <Table.Th>{t('imports.what')}</Table.Th>
              <Table.Th>{t('imports.mode')}</Table.Th>
              <Table.Th>{t('imports.state')}</Table.Th>
              <Table.Th>{t('imports.when')}</Table.Th>
              <Table.Th>{t('imports.rows')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {jobs.map((job) => (
              <Table.Tr key={job.id}>
                <Table.Td>{job.fileName ?? t('imports.noFileName')}</Table.Td>
                <Table.Td>{t(`imports.kinds.${job.kind}`)}</Table.Td>
                <Table.Td>
                  <ImportModeBadge job={job} />
                </Table.Td>
                <Table.Td>
                  <ImportStatusBadge job={job} />
                </Table.Td>
                <Table.Td>{formatDateTime(job.createdAt, timeZone, locale)}</Table.Td>
                <Table.Td>
                  {job.rowsDone} · {t('imports.refused')} {job.rowsRefused}
                </Table.Td>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => onShow(job.id)}>
                    {t('imports.show')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
