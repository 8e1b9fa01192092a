import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { type Clock, toIso } from '../../platform/clock';
import { type FileStorage, StorageUnavailableError } from '../../platform/storage/file-storage';
import { FileDuplicates } from './file-duplicates';
import { readImportRecords } from './import-files';
import { type ColumnPositions, readKindHeader } from './import-header';
import type {
  ImportedRow,
  ImportKindSpec,
  ImportKinds,
  ImportRecord,
  PreparedRows,
  RowResult,
  WriteOptions,
} from './import-kind';
import { type Reason, reason } from './import-text';
import * as repo from './imports.repository';

export interface ImportRunnerDeps {
  db: Kysely<DB>;
  clock: Clock;
  storage: FileStorage;
  kinds: ImportKinds;
  /** Lines per transaction and checkpoint, unless a kind takes fewer. */
  batchSize: number;
}

/** The file itself broke off or is malformed past its header: the import fails, saying why. */
class FileFault extends Error {
  constructor(readonly reason: Reason) {
    super(reason.en);
  }
}

/** Another holder moved the checkpoint: this one's batch is rolled back and it stops. */
class CheckpointMoved extends Error {}

async function* faultsOfFile(records: AsyncIterable<ImportRecord>): AsyncGenerator<ImportRecord> {
  try {
    yield* records;
  } catch (error) {
    if (error instanceof StorageUnavailableError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new FileFault(reason(`the file could not be read: ${message}`, `berkas tidak dapat dibaca: ${message}`));
  }
}

interface BatchLine {
  line: number;
  cells: string[];
  result: RowResult<ImportedRow>;
}

type Job = repo.ImportJobRow;

/** The header was checked at upload; a file changed in the store since is refused all the same. */
function readPositions(kind: ImportKindSpec, header: ImportRecord): ColumnPositions<string> {
  const read = readKindHeader(kind, header.cells);
  if ('problem' in read) throw new FileFault(read.problem);
  return read.positions;
}

/**
 * Works the queued and interrupted imports, one at a time, in batches: each batch's rows,
 * refused lines, counters and checkpoint commit together, so an import stopped anywhere
 * leaves whole batches, and the next pass (on any instance) goes on after the checkpoint.
 */
export function createImportRunner({ db, clock, storage, kinds, batchSize }: ImportRunnerDeps) {
  const now = () => toIso(clock.now());

  const records = async (job: Job) =>
    faultsOfFile(readImportRecords(job.format, await storage.readStream(job.storageName)));

  async function update(job: Job, patch: Partial<Job>, trx: Kysely<DB> = db): Promise<Job> {
    if (!(await repo.updateJobAt(trx, job.id, job.checkpointLine, patch))) throw new CheckpointMoved();
    return { ...job, ...patch };
  }

  async function countLines(job: Job): Promise<number> {
    let count = 0;
    for await (const _record of await records(job)) count += 1;
    return Math.max(0, count - 1);
  }

  /** Lines that passed the reading: prepared by the kind outside the transaction, then written in it. */
  async function commit(job: Job, batch: readonly BatchLine[], kind: ImportKindSpec, context: unknown): Promise<Job> {
    const last = batch.at(-1);
    if (!last) return job;
    const options: WriteOptions<unknown> = { now: now(), dryRun: job.dryRun === 1, actorId: job.createdBy, context };
    const accepted = batch.flatMap(({ result }) => ('row' in result ? [result.row] : []));
    const prepared: PreparedRows<ImportedRow> = kind.prepare
      ? await kind.prepare(accepted, options)
      : { rows: accepted, refused: new Map() };
    const write = async (trx: Kysely<DB>) => {
      const outcomes = await kind.write(trx, prepared.rows, options);
      const counts = { created: 0, updated: 0, unchanged: 0 };
      const refusals: repo.ImportRefusalRow[] = [];
      for (const { line, cells, result } of batch) {
        const outcome = 'refused' in result ? result.refused : (prepared.refused.get(line) ?? outcomes.get(line));
        if (typeof outcome === 'string') counts[outcome] += 1;
        else if (outcome) {
          refusals.push({
            importId: job.id,
            line,
            cells: JSON.stringify(cells),
            reasonEn: outcome.en,
            reasonId: outcome.id,
          });
        }
      }
      await repo.insertRefusals(trx, refusals);
      return update(
        job,
        {
          rowsDone: job.rowsDone + batch.length,
          rowsCreated: job.rowsCreated + counts.created,
          rowsUpdated: job.rowsUpdated + counts.updated,
          rowsUnchanged: job.rowsUnchanged + counts.unchanged,
          rowsRefused: job.rowsRefused + refusals.length,
          checkpointLine: last.line,
        },
        trx,
      );
    };
    const committed = await (kind.transaction ? kind.transaction(write) : db.transaction().execute(write));
    kind.afterCommit?.();
    return committed;
  }

  /** Reads the file from its start (duplicates are told by what came before) and writes after the checkpoint. */
  async function work(started: Job, signal: AbortSignal): Promise<Job | null> {
    let job = started;
    const kind = kinds[job.kind];
    const context = await kind.loadContext();
    const duplicates = new FileDuplicates((row) => kind.fileKeys?.(row) ?? []);
    const size = kind.batchSize ? kind.batchSize(batchSize) : batchSize;
    let positions: ColumnPositions<string> | undefined;
    let batch: BatchLine[] = [];
    for await (const record of await records(job)) {
      if (positions === undefined) {
        positions = readPositions(kind, record);
        continue;
      }
      const result = duplicates.check(kind.readRow(record, positions, context));
      if (record.line <= job.checkpointLine) continue;
      batch.push({ line: record.line, cells: record.cells, result });
      if (batch.length < size) continue;
      job = await commit(job, batch, kind, context);
      batch = [];
      if (signal.aborted) return null;
    }
    return commit(job, batch, kind, context);
  }

  async function runJob(queued: Job, signal: AbortSignal) {
    let job = queued;
    try {
      if (job.status === 'queued') job = await update(job, { status: 'running', startedAt: now() });
      if (job.rowsTotal === null) job = await update(job, { rowsTotal: await countLines(job) });
      const worked = await work(job, signal);
      // Stopped halfway: the file stays for the instance that resumes.
      if (!worked) return;
      await update(worked, { status: 'done', activeKind: null, finishedAt: now() });
    } catch (error) {
      if (!(error instanceof FileFault)) throw error;
      const fresh = (await repo.findJob(db, job.id)) ?? job;
      await update(fresh, {
        status: 'failed',
        activeKind: null,
        finishedAt: now(),
        errorEn: error.reason.en,
        errorId: error.reason.id,
      });
    }
    // Finished either way: the refused lines are in the database, the file is not needed again.
    await storage.remove(job.storageName).catch(() => undefined);
  }

  return {
    /** Runs imports until none is left or `signal` aborts (after a batch: at least one is written). */
    async runPending(signal: AbortSignal) {
      for (;;) {
        const job = await repo.findActiveJob(db);
        if (!job) return;
        await runJob(job, signal);
        if (signal.aborted) return;
      }
    },
  };
}

export type ImportRunner = ReturnType<typeof createImportRunner>;
