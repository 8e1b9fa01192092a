import { Alert } from '@mantine/core';
import { ApiError } from '@purnajual/client';
import { ErrorAlert } from '@purnajual/ui';
import { useTranslation } from 'react-i18next';

/** The refusals of an upload the page names itself; the server's detail says what exactly. */
const namedProblems = new Set(['validation_failed', 'payload_too_large', 'unsupported_media_type', 'import_running']);

/** Why an upload was refused: the unknown columns named, the size limit, an import already running. */
export function ImportProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || !namedProblems.has(error.code)) return <ErrorAlert error={error} />;
  return (
    <Alert color="red" role="alert" title={t(`imports.problem.${error.code}`)}>
      {error.message}
    </Alert>
  );
}
