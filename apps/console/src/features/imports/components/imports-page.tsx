import { Alert, Button, Card, FileInput, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { type ImportKind, importKinds } from '@purnajual/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importContentTypeOf, isImportActive, useImportJob, useRecentImports, useStartImport } from '../api/imports';
import { ImportJobPanel } from './import-job-panel';
import { ImportProblem } from './import-problem';
import { RecentImports, TemplateLinks } from './recent-imports';

const acceptedFiles = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The administrator's import of customers, product models, users or opening stock: test a
 * file first (nothing saved), then import it; the import runs on the server, so the page
 * follows it again after the tab was closed.
 */
export function ImportsPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ImportKind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [wrongFile, setWrongFile] = useState<string | null>(null);
  // The file (and kind) each import of this visit was started with, for the real run after a test.
  const [started, setStarted] = useState<{ jobId: string; file: File; kind: ImportKind } | null>(null);
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

  function upload(chosen: File, dryRun: boolean, as: ImportKind) {
    const contentType = importContentTypeOf(chosen);
    if (contentType === null || start.isPending) return;
    start.mutate(
      { kind: as, file: chosen, contentType, dryRun },
      {
        onSuccess: (created) => {
          setStarted({ jobId: created.id, file: chosen, kind: as });
          setShownId(created.id);
        },
      },
    );
  }

  const isBusy = start.isPending || (job.data !== undefined && isImportActive(job.data));
  const toImport = job.data?.id === started?.jobId ? started : null;

  return (
    <Stack maw={900}>
      <Title order={1} size="h3">
        {t('imports.title')}
      </Title>
      <Text>{t('imports.intro')}</Text>
      <Card withBorder component="form" aria-label={t('imports.title')} onSubmit={(event) => event.preventDefault()}>
        <Stack>
          <Radio.Group
            label={t('imports.kind')}
            description={t(`imports.kindHints.${kind}`)}
            value={kind}
            onChange={(value) => {
              start.reset();
              setKind(importKinds.find((candidate) => candidate === value) ?? 'customers');
            }}
          >
            <Group mt="xs">
              {importKinds.map((candidate) => (
                <Radio key={candidate} value={candidate} label={t(`imports.kinds.${candidate}`)} />
              ))}
            </Group>
          </Radio.Group>
          <TemplateLinks kind={kind} />
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
            <Button disabled={file === null || isBusy} onClick={() => file && upload(file, true, kind)}>
              {t('imports.dryRun')}
            </Button>
            <Button
              variant="default"
              disabled={file === null || isBusy}
              onClick={() => file && upload(file, false, kind)}
            >
              {t('imports.run')}
            </Button>
          </Group>
        </Stack>
      </Card>
      {job.data && (
        <ImportJobPanel job={job.data} onRunNow={toImport ? () => upload(toImport.file, false, toImport.kind) : null} />
      )}
      {recent.data && <RecentImports jobs={recent.data.items} onShow={setShownId} />}
    </Stack>
  );
}
