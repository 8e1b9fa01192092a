import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, MysqlDialect, SqliteDialect, sql } from 'kysely';
import { createPool } from 'mysql2';
import type { DB } from './schema/index';

export type DialectName = 'sqlite' | 'mysql';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** True when the database answers a trivial query. */
  isReachable(): Promise<boolean>;
  close(): Promise<void>;
}

function openSqlite(url: string): Kysely<DB> {
  const path = url.slice('sqlite:'.length);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
}

function openMysql(url: string): Kysely<DB> {
  const pool = createPool({
    uri: url,
    connectionLimit: 10,
    charset: 'utf8mb4',
    timezone: 'Z',
    dateStrings: true,
  });
  return new Kysely<DB>({ dialect: new MysqlDialect({ pool }) });
}

/** Opens the database named by `DATABASE_URL`: `sqlite:<path>` or `mysql://…`. */
export function createDatabase(url: string): Database {
  const dialect: DialectName = url.startsWith('mysql://') ? 'mysql' : 'sqlite';
  const db = dialect === 'mysql' ? openMysql(url) : openSqlite(url);
  return {
    db,
    dialect,
    async isReachable() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}
