import { pathOf } from '@purnajual/client';
import {
  csvContentType,
  type ImportJob,
  type ImportKind,
  importJobSchema,
  pageSchema,
  xlsxContentType,
} from '@purnajual/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api';

/** How often a queued or running import is asked how far it got. */
const progressPollMs = 1000;

export const isImportActive = (job: Pick<ImportJob, 'status'>) => job.status === 'queued' || job.status === 'running';

/**
 * The content type an import is sent with, from the file's name: browsers name a CSV file's
 * type differently (`application/vnd.ms-excel` on Windows), or not at all.
 */
export function importContentTypeOf(file: File) {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return csvContentType;
  if (name.endsWith('.xlsx')) return xlsxContentType;
  return null;
}

const recentImportsKey = ['imports', 'recent'] as const;

/** The latest imports, newest first; asked again every second while one of them is under way. */
export const useRecentImports = () =>
  useQuery({
    queryKey: recentImportsKey,
    queryFn: () => api.request('GET /api/v1/imports', pageSchema(importJobSchema), { query: { limit: 10 } }),
    refetchInterval: (query) => (query.state.data?.items.some(isImportActive) ? progressPollMs : false),
  });

/** One import, polled every second until it is done or failed. */
export const useImportJob = (id: string | null) =>
  useQuery({
    queryKey: ['imports', 'job', id],
    queryFn: () => api.request('GET /api/v1/imports/:id', importJobSchema, { params: { id: id ?? '' } }),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && !isImportActive(query.state.data) ? false : progressPollMs),
  });

export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      kind,
      file,
      contentType,
      dryRun,
    }: {
      kind: ImportKind;
      file: File;
      contentType: typeof csvContentType | typeof xlsxContentType;
      dryRun: boolean;
    }) =>
      api.request('POST /api/v1/imports', importJobSchema, {
        query: { kind, dryRun: dryRun ? 'true' : 'false', fileName: file.name.slice(0, 200) },
        body: file,
        contentType,
      }),
    onSuccess: (job) => {
      queryClient.setQueryData(['imports', 'job', job.id], job);
      return queryClient.invalidateQueries({ queryKey: recentImportsKey });
    },
  });
}

/** The empty file of a kind, downloaded by the browser with the session cookie. */
export const templateUrl = (kind: ImportKind, format: 'csv' | 'xlsx', lang: 'id' | 'en') =>
  `${pathOf('GET /api/v1/imports/templates').path}?${new URLSearchParams({ kind, format, lang })}`;

/** The refused lines of an import as CSV, reasons in the page's language. */
export const refusedLinesUrl = (id: string) => pathOf('GET /api/v1/imports/:id/refused', { id }).path;
