import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { createDatabase, type Database, type DatabaseOptions } from '../src/db/database';

/** Which database this test project runs on (set per project in vitest.config.ts). */
export const testDialect = process.env.TEST_DB === 'mysql' ? 'mysql' : 'sqlite';

export interface TestDatabase extends Database {
  url: string;
  /** Closes the connection and drops the database. */
  dispose(): Promise<void>;
}

/**
 * A fresh, empty database: in-memory SQLite, or a new MariaDB/MySQL database. With
 * `shared`, SQLite lives in a temporary file, so that several server instances (each
 * opening `url` itself) can share it.
 */
export async function createTestDatabase({
  shared = false,
  dialect = testDialect,
  ...options
}: { shared?: boolean; dialect?: 'sqlite' | 'mysql' } & DatabaseOptions = {}): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const folder = shared ? mkdtempSync(join(tmpdir(), 'purnajual-db-')) : undefined;
    const url = folder ? `sqlite:${join(folder, 'shared.db')}` : 'sqlite::memory:';
    const database = createDatabase(url, options);
    return {
      ...database,
      url,
      async dispose() {
        await database.close();
        if (folder) rmSync(folder, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = process.env.TEST_MYSQL_URL;
  if (!serverUrl) throw new Error('TEST_MYSQL_URL is required for the mysql test project');
  const name = `pj_test_${randomBytes(6).toString('hex')}`;
  const admin = await createConnection(serverUrl);
  await admin.query(`create database \`${name}\` character set utf8mb4 collate utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = createDatabase(url.toString(), options);
  return {
    ...database,
    url: url.toString(),
    async dispose() {
      await database.close();
      const cleanup = await createConnection(serverUrl);
      await cleanup.query(`drop database if exists \`${name}\``);
      await cleanup.end();
    },
  };
}

/**
 * The environment for a real service a test starts (Redis, HAProxy…), without the faked
 * clock of the "tests don't age" run: libfaketime crashes such servers, and their own
 * clock is not what the test moves.
 */
export function realClockEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'LD_PRELOAD' && name !== 'FAKETIME'),
  );
}
