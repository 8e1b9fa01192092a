import { Alert, Button, Card, FileInput, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importContentTypeOf, isImportActive, useImportJob, useRecentImports, useStartImport } from '../api/imports';
import { ImportJobPanel } from './import-job-panel';
import { ImportProblem } from './import-problem';
import { RecentImports, TemplateLinks } from './recent-imports';

const acceptedFiles = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The administrator's import of customers: test a file first (nothing saved), then import
 * it; the import runs on the server, so the page follows it again after the tab was closed.
 */
export function ImportsPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [wrongFile, setWrongFile] = useState<string | null>(null);
  // The file each import of this visit was started with, for the real run after a test.
  const [started, setStarted] = useState<{ jobId: string; file: File } | null>(null);
  const [shownId, setShownId] = useState<string | null>(null);
  const recent = useRecentImports();
  const start = useStartImport();
  const jobId = shownId ?? recent.data?.items.find(isImportActive)?.id ?? null;
  const job = useImportJob(jobId);

  function choose(chosen: File | null) {
    start.reset();
    const isSpreadsheet = chosen === null || importContentTypeOf(chosen) !== null;
    setWrongFile(isSpreadsheet ? null : (chosen?.name ?? null));
    setFile(isSpreadsheet ? chosen : null);
  }

  function upload(chosen: File, dryRun: boolean) {
    const contentType = importContentTypeOf(chosen);
    if (contentType === null || start.isPending) return;
    start.mutate(
      { file: chosen, contentType, dryRun },
      {
        onSuccess: (created) => {
          setStarted({ jobId: created.id, file: chosen });
          setShownId(created.id);
        },
      },
    );
  }

  const isBusy = start.isPending || (job.data !== undefined && isImportActive(job.data));
  const fileToImport = job.data?.id === started?.jobId ? started?.file : undefined;

  return (
    <Stack maw={900}>
      <Title order={1} size="h3">
        {t('imports.title')}
      </Title>
      <Text>{t('imports.intro')}</Text>
      <TemplateLinks />
      <Card withBorder component="form" aria-label={t('imports.title')} onSubmit={(event) => event.preventDefault()}>
        <Stack>
          <FileInput
            label={t('imports.file')}
            placeholder={t('imports.filePlaceholder')}
            accept={acceptedFiles}
            value={file}
            onChange={choose}
            clearable
            clearButtonProps={{ 'aria-label': t('imports.clearFile') }}
          />
          {wrongFile !== null && (
            <Alert color="red" role="alert">
              {t('imports.wrongType', { name: wrongFile })}
            </Alert>
          )}
          {start.error && <ImportProblem error={start.error} />}
          <Group>
            <Button disabled={file === null || isBusy} onClick={() => file && upload(file, true)}>
              {t('imports.dryRun')}
            </Button>
            <Button variant="default" disabled={file === null || isBusy} onClick={() => file && upload(file, false)}>
              {t('imports.run')}
            </Button>
          </Group>
        </Stack>
      </Card>
      {job.data && <ImportJobPanel job={job.data} onRunNow={fileToImport ? () => upload(fileToImport, false) : null} />}
      {recent.data && <RecentImports jobs={recent.data.items} onShow={setShownId} />}
    </Stack>
  );
}
