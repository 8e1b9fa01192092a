import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import type { DialectName } from '../../../apps/server/src/db/database';
import type { DB } from '../../../apps/server/src/db/schema/index';

/** Bound values per statement: under SQLite's limit of 32,766. */
const maxParameters = 30_000;
/** Rows per multi-row insert, the size MariaDB takes best. */
const maxRowsPerStatement = 1_000;
/** Rows per transaction: few commits, and a journal that stays small. */
const rowsPerTransaction = 100_000;

export interface TableTiming {
  table: string;
  rows: number;
  /** Spent in this table's inserts (and the commits they brought about). */
  seconds: number;
}

export interface TableWriter<T extends keyof DB> {
  add(row: Insertable<DB[T]>): Promise<void>;
}

const run = (connection: Kysely<DB>, text: string, parameters: unknown[] = []) =>
  connection.executeQuery(CompiledQuery.raw(text, parameters));

/**
 * Settings of the bench's own connection for the bulk load: on SQLite no rollback journal,
 * no syncs and a large page cache, which the search index's build after the load keeps
 * (the file is thrown away if generation fails; `endBulkLoad` turns WAL on again); on both
 * no foreign-key checks (the generator writes every referenced row itself) and, on
 * MariaDB, no unique checks of secondary indexes. Returns how to put the checks back.
 */
export async function startBulkLoad(connection: Kysely<DB>, dialect: DialectName) {
  if (dialect === 'mysql') {
    await run(connection, 'set session unique_checks = 0, foreign_key_checks = 0');
    return () => run(connection, 'set session unique_checks = 1, foreign_key_checks = 1').then(() => undefined);
  }
  for (const pragma of ['foreign_keys = OFF', 'journal_mode = OFF', 'synchronous = OFF', 'cache_size = -1048576']) {
    await run(connection, `pragma ${pragma}`);
  }
  return () => run(connection, 'pragma foreign_keys = ON').then(() => undefined);
}

/** SQLite's file in WAL mode again, as the server opens it (the mode is kept in the file). */
export async function endBulkLoad(db: Kysely<DB>, dialect: DialectName) {
  if (dialect === 'sqlite') await run(db, 'pragma journal_mode = WAL');
}

/**
 * Streams rows into tables as multi-row inserts with bound parameters, compiled once per
 * table (no query builder per row), in transactions of `rowsPerTransaction` rows.
 */
export function createBulkLoader(connection: Kysely<DB>, dialect: DialectName) {
  const quote = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);
  const timings: TableTiming[] = [];
  const flushes: (() => Promise<void>)[] = [];
  let uncommitted = 0;
  let isOpen = false;

  async function execute(timing: TableTiming, text: string, parameters: unknown[], rows: number) {
    const started = performance.now();
    if (!isOpen) await run(connection, dialect === 'mysql' ? 'start transaction' : 'begin');
    isOpen = true;
    await run(connection, text, parameters);
    uncommitted += rows;
    if (uncommitted >= rowsPerTransaction) await commit();
    timing.rows += rows;
    timing.seconds += (performance.now() - started) / 1000;
  }

  async function commit() {
    if (isOpen) await run(connection, 'commit');
    isOpen = false;
    uncommitted = 0;
  }

  function table<T extends keyof DB & string>(name: T): TableWriter<T> {
    const timing: TableTiming = { table: name, rows: 0, seconds: 0 };
    timings.push(timing);
    let columns: string[] = [];
    let rowsPerStatement = 0;
    let fullStatement = '';
    let parameters: unknown[] = [];
    let rows = 0;
    const statement = (count: number) =>
      `insert into ${quote(name)} (${columns.map(quote).join(', ')}) values ${Array.from(
        { length: count },
        () => `(${columns.map(() => '?').join(', ')})`,
      ).join(', ')}`;
    const flush = async () => {
      if (rows === 0) return;
      const text = rows === rowsPerStatement ? fullStatement : statement(rows);
      const values = parameters;
      const count = rows;
      parameters = [];
      rows = 0;
      await execute(timing, text, values, count);
    };
    flushes.push(flush);
    return {
      async add(row) {
        const values = row as Record<string, unknown>;
        if (columns.length === 0) {
          // The rows of one writer are made by one literal, so the first names every column.
          columns = Object.keys(values);
          rowsPerStatement = Math.min(maxRowsPerStatement, Math.floor(maxParameters / columns.length));
          fullStatement = statement(rowsPerStatement);
        }
        for (const column of columns) parameters.push(values[column] ?? null);
        rows += 1;
        if (rows === rowsPerStatement) await flush();
      },
    };
  }

  return {
    table,
    /** Writes what the tables still hold and commits. */
    async finish() {
      for (const flush of flushes) await flush();
      await commit();
    },
    timings: () => timings.map((timing) => ({ ...timing })),
  };
}

export type BulkLoader = ReturnType<typeof createBulkLoader>;
