import { CompiledQuery, type Kysely } from 'kysely';
import type { DialectName } from '../../../apps/server/src/db/database';
import type { DB } from '../../../apps/server/src/db/schema/index';

const run = async <Row>(connection: Kysely<DB>, text: string) =>
  (await connection.executeQuery<Row>(CompiledQuery.raw(text))).rows;

/** One table's deferred indexes: what drops them and what builds them again, word for word. */
interface Deferred {
  table: string;
  drop: string[];
  create: string[];
}

/** SQLite keeps each index's `create index` text; the automatic ones (keys, uniques) have none and stay. */
async function sqliteIndexes(connection: Kysely<DB>, table: string): Promise<Deferred> {
  const rows = await run<{ name: string; sql: string }>(
    connection,
    `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name = '${table}'`,
  );
  return { table, drop: rows.map((row) => `drop index "${row.name}"`), create: rows.map((row) => row.sql) };
}

/** The lines of MariaDB's `show create table`: each key as `alter table … add` takes it back. */
async function definitionLines(connection: Kysely<DB>, table: string) {
  const [row] = await run<{ 'Create Table': string }>(connection, `show create table \`${table}\``);
  return (row?.['Create Table'] ?? '').split('\n').map((line) => line.trim().replace(/,$/, ''));
}

async function mysqlIndexes(connection: Kysely<DB>, table: string): Promise<Deferred> {
  const keys = (await definitionLines(connection, table)).filter((line) => line.startsWith('KEY '));
  if (keys.length === 0) return { table, drop: [], create: [] };
  const names = keys.map((key) => key.split(' ')[1] ?? '');
  return {
    table,
    drop: [`alter table \`${table}\` ${names.map((name) => `drop index ${name}`).join(', ')}`],
    // One statement: InnoDB reads the rows once and sorts each index from them.
    create: [`alter table \`${table}\` ${keys.map((key) => `add ${key}`).join(', ')}`],
  };
}

/**
 * Drops the secondary indexes of `tables` that are neither primary nor unique keys, so the
 * bulk load appends rows instead of inserting into up to 17 B-trees in random order; the
 * returned function builds them again from their own definitions — a sort per index —
 * and says how long each table took. (MariaDB allows dropping an index a foreign key uses
 * while the session's foreign-key checks are off.)
 */
export async function deferSecondaryIndexes(connection: Kysely<DB>, dialect: DialectName, tables: readonly string[]) {
  const deferred: Deferred[] = [];
  for (const table of tables) {
    const indexes =
      dialect === 'mysql' ? await mysqlIndexes(connection, table) : await sqliteIndexes(connection, table);
    for (const statement of indexes.drop) await run(connection, statement);
    deferred.push(indexes);
  }
  return async () => {
    const timings: { table: string; seconds: number }[] = [];
    for (const { table, create } of deferred) {
      const started = performance.now();
      for (const statement of create) await run(connection, statement);
      timings.push({ table, seconds: (performance.now() - started) / 1000 });
    }
    return timings;
  };
}

/**
 * MariaDB keeps a table in its primary key's order, so a bulk insert in any other order
 * splits pages all over it once the table outgrows the buffer pool. Dropped, InnoDB
 * appends rows by a hidden row id instead, and `add primary key` sorts them afterwards.
 * Returns that rebuild, or null on SQLite (its primary key is an index it cannot drop).
 */
export async function deferPrimaryKey(connection: Kysely<DB>, dialect: DialectName, table: string) {
  if (dialect !== 'mysql') return null;
  const key = (await definitionLines(connection, table)).find((line) => line.startsWith('PRIMARY KEY '));
  if (key === undefined) return null;
  await run(connection, `alter table \`${table}\` drop primary key`);
  return () => run(connection, `alter table \`${table}\` add ${key}`).then(() => undefined);
}
