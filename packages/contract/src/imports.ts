import { z } from 'zod';
import { idSchema, paginationQuerySchema, timestampSchema } from './common';

/** What a file may bring in; each kind has its own columns (the server's column table). */
export const importKinds = ['customers', 'product-models', 'users', 'stock'] as const;
export const importKindSchema = z.enum(importKinds);
export type ImportKind = z.infer<typeof importKindSchema>;

export const importStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

export const csvContentType = 'text/csv';
export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The bodies `POST /api/v1/imports` takes: the file itself, as a spreadsheet saves it. */
export const importContentTypes = [csvContentType, xlsxContentType] as const;

/** `true`/`false` in a query string; anything else is refused rather than read as false. */
const queryBooleanSchema = z
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true');

export const createImportQuerySchema = z.object({
  kind: importKindSchema,
  /** Checks every line and reports the refused ones, writing nothing else. */
  dryRun: queryBooleanSchema,
  /** The name of the file as the user picked it, shown in the list of imports. */
  fileName: z.string().trim().min(1).max(200).optional(),
});
export type CreateImportQuery = z.infer<typeof createImportQuerySchema>;

export const importJobSchema = z.object({
  id: idSchema,
  kind: importKindSchema,
  dryRun: z.boolean(),
  status: z.enum(importStatuses),
  fileName: z.string().optional(),
  /** Data lines of the file, once counted. */
  rowsTotal: z.number().int().nullable(),
  rowsDone: z.number().int(),
  rowsCreated: z.number().int(),
  rowsUpdated: z.number().int(),
  rowsUnchanged: z.number().int(),
  rowsRefused: z.number().int(),
  /** Lines per second since the import started; null before it did. */
  rowsPerSecond: z.number().nullable(),
  /** Why a failed import stopped, in the caller's language. */
  error: z.string().nullable(),
  createdAt: timestampSchema,
  startedAt: timestampSchema.nullable(),
  finishedAt: timestampSchema.nullable(),
  /** The user who uploaded the file. */
  createdBy: idSchema,
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const listImportsQuerySchema = paginationQuerySchema;
export type ListImportsQuery = z.infer<typeof listImportsQuerySchema>;

export const importTemplateQuerySchema = z.object({
  kind: importKindSchema,
  format: z.enum(['csv', 'xlsx']).default('csv'),
  /** The language of the column headers; the importer reads both. */
  lang: z.enum(['id', 'en']).default('id'),
});
export type ImportTemplateQuery = z.infer<typeof importTemplateQuerySchema>;
