import {
  csvContentType,
  type ImportJob,
  type ImportKind,
  type ImportTemplateQuery,
  type ListImportsQuery,
  xlsxContentType,
} from '@purnajual/contract';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { type Clock, toIso } from '../../platform/clock';
import { decodeCursor, toPage } from '../../platform/cursor';
import { newId } from '../../platform/ids';
import type { ProblemLanguage } from '../../platform/problem-language';
import type { FileStorage } from '../../platform/storage/file-storage';
import { refusalColumns } from './import-columns';
import { byteOrderMark, csvLine, delimiterOf } from './import-csv-out';
import { readKindHeader } from './import-header';
import type { ImportKinds } from './import-kind';
import { checkedBody, formatOf, readFirstRecord } from './import-upload';
import * as repo from './imports.repository';

export interface ImportsServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  storage: FileStorage;
  kinds: ImportKinds;
  /** The largest file an import takes. */
  maxBytes: number;
}

export interface StartImport {
  kind: ImportKind;
  dryRun: boolean;
  fileName?: string | undefined;
  contentType: string | undefined;
  body: AsyncIterable<Buffer>;
  actorId: string;
}

const importRunning = (kind: ImportKind) =>
  new AppError('import_running', {
    en: `An import of ${kind} is queued or running; wait until it is done`,
    id: `Impor ${kind} sedang antre atau berjalan; tunggu sampai selesai`,
  });

/** Refused lines read per query when the refused-lines file is written out. */
const refusalPage = 1000;

/** The job as the API shows it, its error in the caller's language. */
export function toImportJob(row: repo.ImportJobRow, lang: ProblemLanguage, now: Date): ImportJob {
  const end = row.finishedAt === null ? now.getTime() : Date.parse(row.finishedAt);
  const seconds = row.startedAt === null ? 0 : (end - Date.parse(row.startedAt)) / 1000;
  return {
    id: row.id,
    kind: row.kind,
    dryRun: row.dryRun === 1,
    status: row.status,
    ...(row.fileName === null ? {} : { fileName: row.fileName }),
    rowsTotal: row.rowsTotal,
    rowsDone: row.rowsDone,
    rowsCreated: row.rowsCreated,
    rowsUpdated: row.rowsUpdated,
    rowsUnchanged: row.rowsUnchanged,
    rowsRefused: row.rowsRefused,
    rowsPerSecond: seconds > 0 ? Math.round((row.rowsDone / seconds) * 10) / 10 : null,
    error: (lang === 'id' ? row.errorId : row.errorEn) ?? null,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    createdBy: row.createdBy,
  };
}

export function createImportsService({ db, clock, storage, kinds, maxBytes }: ImportsServiceDeps) {
  async function getImport(id: string) {
    const row = await repo.findJob(db, id);
    if (!row) throw notFound('Import');
    return row;
  }

  /** The header must name the columns of the kind; the file is stored before it can be read. */
  async function readCheckedHeader(kind: ImportKind, format: 'csv' | 'xlsx', storageName: string): Promise<string[]> {
    const header = await readFirstRecord(format, await storage.readStream(storageName));
    const read = readKindHeader(kinds[kind], header.cells);
    if ('problem' in read) {
      const { problem } = read;
      throw new AppError(
        'validation_failed',
        { en: `The file's header: ${problem.en}`, id: `Baris judul berkas: ${problem.id}` },
        {
          errors: [{ path: 'body', message: problem.en }],
        },
      );
    }
    return header.cells;
  }

  return {
    getImport,

    /**
     * Takes the file into the store as it streams in (never whole in memory), checks its
     * header, and queues the import; a refused file leaves nothing behind.
     */
    async startImport(input: StartImport): Promise<repo.ImportJobRow> {
      const format = formatOf(input.contentType);
      if (await repo.findActiveJob(db, input.kind)) throw importRunning(input.kind);
      const id = newId();
      const storageName = `imports/${id}.${format}`;
      await storage.saveStream(storageName, checkedBody(input.body, format, maxBytes));
      try {
        const header = await readCheckedHeader(input.kind, format, storageName);
        const job = {
          id,
          kind: input.kind,
          activeKind: input.kind,
          dryRun: input.dryRun ? 1 : 0,
          status: 'queued' as const,
          format,
          fileName: input.fileName ?? null,
          storageName,
          header: JSON.stringify(header),
          rowsTotal: null,
          rowsDone: 0,
          rowsCreated: 0,
          rowsUpdated: 0,
          rowsUnchanged: 0,
          rowsRefused: 0,
          checkpointLine: 0,
          createdAt: toIso(clock.now()),
          createdBy: input.actorId,
        };
        try {
          await repo.insertJob(db, job);
        } catch (error) {
          // Two uploads at once: the unique active kind lets one in.
          if (await repo.findActiveJob(db, input.kind)) throw importRunning(input.kind);
          throw error;
        }
        return getImport(id);
      } catch (error) {
        await storage.remove(storageName).catch(() => undefined);
        throw error;
      }
    },

    async listImports(query: ListImportsQuery) {
      const cursor = decodeCursor(query.cursor);
      const after = cursor ? { createdAt: String(cursor[0]), id: String(cursor[1] ?? '') } : undefined;
      const rows = await repo.findJobs(db, after, query.limit + 1);
      return toPage(rows, query.limit, (row) => [row.createdAt, row.id]);
    },

    /** The refused lines as CSV: the file's own columns, then the line and the reason, read page by page. */
    async *refusedLines(id: string, lang: ProblemLanguage): AsyncGenerator<string> {
      const job = await getImport(id);
      const delimiter = delimiterOf(lang);
      const header: string[] = job.header === null ? [] : JSON.parse(job.header);
      yield byteOrderMark + csvLine([...header, refusalColumns.line[lang], refusalColumns.reason[lang]], delimiter);
      for (let after = 0; ; ) {
        const page = await repo.findRefusals(db, id, after, refusalPage);
        for (const refusal of page) {
          const cells: string[] = JSON.parse(refusal.cells);
          const padded = header.map((_name, index) => cells[index] ?? '');
          const why = lang === 'id' ? refusal.reasonId : refusal.reasonEn;
          yield csvLine([...padded, String(refusal.line), why], delimiter);
        }
        const last = page.at(-1);
        if (!last || page.length < refusalPage) return;
        after = last.line;
      }
    },

    /**
     * Deletes up to `limit` imports that finished before `before`, with their refused lines and
     * their file in the store (removed once the import finished; a stray one goes now).
     */
    async pruneFinishedImports(before: Date, limit: number): Promise<number> {
      const jobs = await repo.findFinishedBefore(db, toIso(before), limit);
      await Promise.all(jobs.map((job) => storage.remove(job.storageName).catch(() => undefined)));
      await db.transaction().execute((trx) =>
        repo.deleteJobs(
          trx,
          jobs.map((job) => job.id),
        ),
      );
      return jobs.length;
    },

    /** An empty file of the kind with the column headers in the language asked for. */
    async template({ kind, format, lang }: ImportTemplateQuery) {
      const { columns, names } = kinds[kind];
      const headers = columns.map((column) => column.headers[lang]);
      const fileName = `${names.file[lang]}.${format}`;
      if (format === 'csv') {
        const body = byteOrderMark + csvLine(headers, delimiterOf(lang));
        return { body: Buffer.from(body), contentType: `${csvContentType}; charset=utf-8`, fileName };
      }
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(names.sheet[lang]);
      sheet.addRow(headers).font = { bold: true };
      columns.forEach((column, index) => {
        sheet.getColumn(index + 1).width = Math.max(14, column.headers[lang].length + 4);
        sheet.getCell(1, index + 1).note = column.description[lang];
      });
      return { body: Buffer.from(await workbook.xlsx.writeBuffer()), contentType: xlsxContentType, fileName };
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;
