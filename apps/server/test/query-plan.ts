import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema/index';
import { testDialect } from './database';

/** One table access of a query plan: the table, the index it reads (null: none), and whether it reads all of it. */
export interface TableAccess {
  table: string;
  index: string | null;
  fullScan: boolean;
}

const sqlitePlanLine =
  /^(SEARCH|SCAN) (\w+)(?: AS \w+)?(?: USING (?:COVERING )?INDEX (\w+)| USING (?:INTEGER )?PRIMARY KEY)?/;

/**
 * How the database of this test run would execute `query`: `EXPLAIN QUERY PLAN` on SQLite,
 * `EXPLAIN` on MySQL/MariaDB, reduced to the tables read and how.
 */
export async function planOf(db: Kysely<DB>, query: Compilable): Promise<TableAccess[]> {
  const { sql, parameters } = query.compile();
  if (testDialect === 'sqlite') {
    const { rows } = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${sql}`, [...parameters]),
    );
    return rows.flatMap(({ detail }) => {
      const match = sqlitePlanLine.exec(detail);
      if (!match) return [];
      const [, kind, table = '', index] = match;
      const primaryKey = detail.includes('PRIMARY KEY');
      return [{ table, index: index ?? (primaryKey ? 'PRIMARY' : null), fullScan: kind === 'SCAN' }];
    });
  }
  const { rows } = await db.executeQuery<{ table: string | null; key: string | null; type: string | null }>(
    CompiledQuery.raw(`explain ${sql}`, [...parameters]),
  );
  return rows
    .filter((row) => row.table !== null)
    .map((row) => ({ table: row.table ?? '', index: row.key, fullScan: row.type === 'ALL' || row.type === 'index' }));
}

/** Refreshes the statistics the planner chooses by, as a database in service has them. */
export async function analyze(db: Kysely<DB>, tables: string[]) {
  for (const table of tables) {
    await db.executeQuery(CompiledQuery.raw(testDialect === 'sqlite' ? `analyze ${table}` : `analyze table ${table}`));
  }
}
