import { Badge } from '@mantine/core';
import type { ImportJob, ImportStatus } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';

const statusColors: Record<ImportStatus, string> = { queued: 'gray', running: 'blue', done: 'green', failed: 'red' };

/** Where an import is; the dot carries the colour, the label stays dark and readable. */
export function ImportStatusBadge({ job }: { job: Pick<ImportJob, 'status'> }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={statusColors[job.status]} c="dark.7">
      {t(`imports.status.${job.status}`)}
    </Badge>
  );
}

/** A test run (nothing saved) or a real import. */
export function ImportModeBadge({ job }: { job: Pick<ImportJob, 'dryRun'> }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" c="dark.7">
      {t(job.dryRun ? 'imports.dryRunBadge' : 'imports.realBadge')}
    </Badge>
  );
}
