import { Alert, Button, Stack } from '@mantine/core';
import { ErrorAlert } from '@purnajual/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchServiceReport } from '../../../data/service-report';
import { isOffline } from '../../../data/sync';

/** Hands the file to the browser as a download under its own name, not as a page to open. */
function saveFile(file: Blob, fileName: string) {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download reads the URL after this task has ended: released once it surely has.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Downloads the signed service report; one fetched before downloads again with no network. */
export function ServiceReportButton({ workOrderId, number }: { workOrderId: string; number: string }) {
  const { t } = useTranslation();
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const report = await fetchServiceReport(workOrderId, number);
      saveFile(report.pdf, report.fileName);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs">
      {/* Above the button, the last thing on the screen: below it, it would appear out of view. */}
      {isOffline(error) ? (
        <Alert color="yellow" role="alert">
          {t('tech.billing.reportNotOnPhone')}
        </Alert>
      ) : (
        <ErrorAlert error={error} />
      )}
      <Button variant="outline" size="md" loading={isBusy} onClick={() => void download()}>
        {t('tech.billing.reportPdf')}
      </Button>
    </Stack>
  );
}
