import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { csvContentType, type ImportJob, importKindSchema, importKinds, xlsxContentType } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError } from '../../errors';
import { type Clock, toIso } from '../../platform/clock';
import { releaseLease } from '../../platform/job-lease';
import { createJobRunner } from '../../platform/jobs';
import type { ProblemLanguage } from '../../platform/problem-language';
import { createImportJob, importJobName } from './import-job';
import type { ImportRunner } from './import-runner';
import { type ImportsService, toImportJob } from './imports.service';

export const importUsage = `Usage: purnajual import <${importKinds.join('|')}> <file.csv|file.xlsx> [--dry-run] [--lang id|en]`;

export class ImportUsageError extends Error {}

export interface ImportCommandDeps {
  db: Kysely<DB>;
  clock: Clock;
  imports: ImportsService;
  importRunner: ImportRunner;
  /** Progress lines, to standard error. */
  err: (line: string) => void;
}

const typeOfExtension: Record<string, string> = { '.csv': csvContentType, '.xlsx': xlsxContentType };
/** How often progress is printed and a busy lease asked for again. */
const tickMs = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const progressOf = (job: ImportJob) =>
  `${job.rowsDone} / ${job.rowsTotal ?? '?'} lines, ${job.rowsPerSecond ?? 0} lines/s, ${job.rowsRefused} refused`;

function readArguments(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, lang: { type: 'string' } },
    strict: true,
  });
  const [kind, file, ...rest] = positionals;
  const parsedKind = importKindSchema.safeParse(kind);
  const lang = values.lang ?? 'id';
  if (!parsedKind.success || file === undefined || rest.length > 0 || (lang !== 'id' && lang !== 'en')) {
    throw new ImportUsageError(importUsage);
  }
  const type = typeOfExtension[extname(file).toLowerCase()];
  if (type === undefined) throw new ImportUsageError(`${file}: the file must end in .csv or .xlsx`);
  return { kind: parsedKind.data, file, type, dryRun: values['dry-run'] ?? false, lang: lang as ProblemLanguage };
}

/** The import is the administrator's: the CLI records it as the first active one's. */
async function findAdministrator(db: Kysely<DB>) {
  const admin = await db
    .selectFrom('user')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .orderBy('createdAt')
    .limit(1)
    .executeTakeFirst();
  if (!admin)
    throw new ImportUsageError('There is no active admin to record the import as: create one with user:create');
  return admin.id;
}

/**
 * `purnajual import <kind> <file>`: the same service as the API, with this process as
 * one more instance of the imports job (another one may well take it on, and this one
 * then only watches). Progress goes to standard error; refused lines to `<file>.refused.csv`.
 */
export async function runImportCommand(args: string[], deps: ImportCommandDeps): Promise<string> {
  const { db, clock, imports, importRunner, err } = deps;
  const { kind, file, type, dryRun, lang } = readArguments(args);
  await access(file, constants.R_OK).catch((error: unknown) => {
    throw new ImportUsageError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const actorId = await findAdministrator(db);
  const started = performance.now();
  const queued = await imports.startImport({
    kind,
    dryRun,
    fileName: file,
    contentType: type,
    // Opened only once the file is read: a refusal before leaves no stream to fail unheard.
    body: (async function* () {
      yield* createReadStream(file);
    })(),
    actorId,
  });
  const jobs = createJobRunner({
    db,
    clock,
    log: { warn: (_details: unknown, message?: string) => err(message ?? '') },
  });
  jobs.add(createImportJob({ runner: importRunner, intervalMs: tickMs }));
  const current = async () => toImportJob(await imports.getImport(queued.id), 'en', clock.now());
  let job = await current();
  const progress = setInterval(() => {
    void current().then(
      (latest) => err(progressOf(latest)),
      () => undefined,
    );
  }, tickMs);
  try {
    while (job.status === 'queued' || job.status === 'running') {
      if (!(await jobs.runNow(importJobName))) await sleep(tickMs);
      job = await current();
    }
  } finally {
    clearInterval(progress);
    await jobs.stop();
    await releaseLease(db, { name: importJobName, holder: jobs.instanceId, now: toIso(clock.now()) });
  }
  err(progressOf(job));
  return summarize(deps, job, { file, lang, seconds: (performance.now() - started) / 1000 });
}

async function summarize(
  { imports, clock }: ImportCommandDeps,
  job: ImportJob,
  { file, lang, seconds }: { file: string; lang: ProblemLanguage; seconds: number },
) {
  if (job.status === 'failed') {
    const failed = toImportJob(await imports.getImport(job.id), lang, clock.now());
    throw new AppError('validation_failed', `Import failed after ${job.rowsDone} lines: ${failed.error ?? ''}`);
  }
  const what = job.dryRun ? 'Dry run' : 'Import';
  const counts = `${job.rowsCreated} new, ${job.rowsUpdated} updated, ${job.rowsUnchanged} unchanged, ${job.rowsRefused} refused`;
  const summary = `${what} of ${job.rowsDone} lines done in ${seconds.toFixed(1)} s: ${counts}.`;
  if (job.rowsRefused === 0) return summary;
  const refusedFile = `${file}.refused.csv`;
  await pipeline(Readable.from(imports.refusedLines(job.id, lang)), createWriteStream(refusedFile));
  throw new AppError('validation_failed', `${summary} The refused lines and why: ${refusedFile}`);
}
