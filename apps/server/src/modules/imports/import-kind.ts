import type { ImportKind } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { LocalizedText } from '../../platform/problem-language';
import type { ImportColumn } from './import-columns';
import type { ColumnPositions } from './import-header';
import type { Reason } from './import-text';

/** One line of a file as the readers give it: its cells as text, and what the reader refused in it. */
export interface ImportRecord {
  line: number;
  cells: string[];
  problems: Reason[];
}

/** A line that passed every check that needs no database. */
export interface ImportedRow {
  line: number;
}

export type RowResult<Row> = { row: Row } | { refused: Reason };

export type RowOutcome = 'created' | 'updated' | 'unchanged' | Reason;

/** A value no two lines of one file may share; `taken` says so, naming the first line. */
export interface FileKey {
  scope: string;
  value: string;
  taken: (earlierLine: number) => Reason;
}

/** What every batch of one import is written with. */
export interface WriteOptions<Context> {
  now: string;
  /** Works out each line's outcome and writes nothing. */
  dryRun: boolean;
  /** Who uploaded the file: the import acts as them. */
  actorId: string;
  context: Context;
}

/** Lines that `prepare` let through, and those it refused. */
export interface PreparedRows<Row> {
  rows: Row[];
  refused: Map<number, Reason>;
}

/**
 * What one kind of import is: its columns, how a line is read and checked, and how a batch
 * of lines is written. The runner, the service, the routes and the CLI know kinds only
 * through this. Methods, so that a kind with its own row and context types is one of these.
 */
export interface ImportKindSpec<K extends string = string, Row extends ImportedRow = ImportedRow, Context = unknown> {
  kind: ImportKind;
  columns: readonly ImportColumn<K>[];
  /** The template's file and sheet names. */
  names: { file: LocalizedText; sheet: LocalizedText };
  /** Lines per batch, given the configured `IMPORT_BATCH_SIZE`. */
  batchSize?(configured: number): number;
  /** A rule across columns the header must meet, past the required ones. */
  checkHeader?(positions: ColumnPositions<K>): Reason | null;
  /** What reading lines needs from the database, loaded once per pass over the file. */
  loadContext(): Promise<Context>;
  readRow(record: ImportRecord, positions: ColumnPositions<K>, context: Context): RowResult<Row>;
  /** The values a later line of the same file may not repeat. */
  fileKeys?(row: Row): FileKey[];
  /** Slow or outside work before the batch's transaction (hashing, rows to add to); may refuse lines. */
  prepare?(rows: readonly Row[], options: WriteOptions<Context>): Promise<PreparedRows<Row>>;
  /** The transaction a batch is written in; by default the database's (retried on a deadlock). */
  transaction?<T>(work: (trx: Kysely<DB>) => Promise<T>): Promise<T>;
  /** Upserts the batch in `trx`, returning each line's outcome by line; a dry run writes nothing. */
  write(trx: Kysely<DB>, rows: readonly Row[], options: WriteOptions<Context>): Promise<Map<number, RowOutcome>>;
  /** After a batch committed: wakes the event streams its events or ended sessions concern. */
  afterCommit?(): void;
}

export type ImportKinds = Record<ImportKind, ImportKindSpec>;
