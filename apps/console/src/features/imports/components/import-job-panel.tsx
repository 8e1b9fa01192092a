import { Alert, Anchor, Button, Card, Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ImportJob } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';
import { isImportActive, refusedLinesUrl } from '../api/imports';
import { ImportModeBadge, ImportStatusBadge } from './import-badges';

const countKeys = ['created', 'updated', 'unchanged', 'refused'] as const;

const countOf = (job: ImportJob, key: (typeof countKeys)[number]) =>
  ({ created: job.rowsCreated, updated: job.rowsUpdated, unchanged: job.rowsUnchanged, refused: job.rowsRefused })[key];

function useNumber() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id-ID';
  return (value: number) => value.toLocaleString(locale, { maximumFractionDigits: 0 });
}

/** The bar, lines done of the total once counted, and the rate. */
function ImportProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const number = useNumber();
  const percent = job.rowsTotal ? Math.min(100, (job.rowsDone / job.rowsTotal) * 100) : 0;
  const label =
    job.rowsTotal === null
      ? t('imports.counting', { done: number(job.rowsDone) })
      : t('imports.progress', { done: number(job.rowsDone), total: number(job.rowsTotal) });
  return (
    <Stack gap={4}>
      <Progress value={percent} animated aria-label={label} />
      <Group justify="space-between">
        <Text size="sm">{label}</Text>
        {job.rowsPerSecond !== null && (
          <Text size="sm" c="dimmed">
            {t('imports.rate', { rate: number(job.rowsPerSecond) })}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

function ImportCounts({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const number = useNumber();
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} component="dl" m={0}>
      {countKeys.map((key) => (
        <div key={key}>
          <Text component="dt" size="xs" c="dimmed">
            {t(`imports.${key}`)}
          </Text>
          <Text component="dd" m={0} fw={600} c={key === 'refused' && job.rowsRefused > 0 ? 'red' : undefined}>
            {number(countOf(job, key))}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

/** What a finished import did: its summary, the refused lines to fix, and the real run after a test. */
function ImportOutcome({ job, onRunNow }: { job: ImportJob; onRunNow: (() => void) | null }) {
  const { t } = useTranslation();
  const number = useNumber();
  if (job.status === 'failed') {
    return (
      <Alert color="red" role="alert">
        {t('imports.failed', { error: job.error ?? '' })}
      </Alert>
    );
  }
  const total = number(job.rowsTotal ?? job.rowsDone);
  return (
    <Stack gap="xs">
      <Alert color={job.rowsRefused > 0 ? 'yellow' : 'green'} role="status">
        {t(job.dryRun ? 'imports.summaryDryRun' : 'imports.summaryImport', { total })}
      </Alert>
      {job.rowsRefused > 0 && (
        <Stack gap={2}>
          <Anchor href={refusedLinesUrl(job.id)} download>
            {t('imports.refusedDownload')}
          </Anchor>
          <Text size="sm" c="dimmed">
            {t('imports.refusedHint')}
          </Text>
        </Stack>
      )}
      {job.dryRun && (
        <Group>
          {onRunNow ? (
            <>
              <Text size="sm">{t('imports.runNowHint')}</Text>
              <Button onClick={onRunNow}>{t('imports.runNow')}</Button>
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t('imports.chooseAgain')}
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}

/**
 * One import as it goes: progress while queued or running, then what it did. `onRunNow`
 * imports the same file for real after a test; null when the page no longer holds the file.
 */
export function ImportJobPanel({ job, onRunNow }: { job: ImportJob; onRunNow: (() => void) | null }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-label={job.fileName ?? t('imports.noFileName')}>
      <Stack>
        <Group gap="xs">
          <Text fw={600}>{job.fileName ?? t('imports.noFileName')}</Text>
          <Text c="dimmed">{t(`imports.kinds.${job.kind}`)}</Text>
          <ImportModeBadge job={job} />
          <ImportStatusBadge job={job} />
        </Group>
        {isImportActive(job) && <ImportProgress job={job} />}
        <ImportCounts job={job} />
        {!isImportActive(job) && <ImportOutcome job={job} onRunNow={onRunNow} />}
      </Stack>
    </Card>
  );
}
