import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { loadConfig } from '../../apps/server/src/config';
import { createDatabase } from '../../apps/server/src/db/database';
import { migrateToLatest } from '../../apps/server/src/db/migrate';
import type { DataSetSize, Scale } from './data-set/scale';
import { generateDataSet, type Manifest } from './generate';

export interface DataSetChoice {
  db: 'sqlite' | 'mysql';
  scale: Scale;
  size: DataSetSize;
  reuse: boolean;
  dataDir: string;
  mysqlServer: string;
}

/** The data set's name: its scale and size, so a national and a default one live side by side. */
const nameOf = ({ scale, size }: DataSetChoice) => `${scale.name}-${size.workOrders}`;
const mysqlNameOf = ({ scale, size }: DataSetChoice) => `purnajual_bench_${scale.name}_${size.workOrders}`;

async function emptyDatabase(choice: DataSetChoice, url: string) {
  if (choice.db === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm', '-journal'])
      rmSync(`${url.slice('sqlite:'.length)}${suffix}`, { force: true });
    return;
  }
  const name = mysqlNameOf(choice);
  const admin = await createConnection(choice.mysqlServer);
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name} character set utf8mb4 collate utf8mb4_unicode_ci`);
  await admin.end();
}

/** The data set to measure: generated afresh, or with `--reuse` the earlier one, migrated to the latest schema. */
export async function prepareDatabase(
  choice: DataSetChoice,
): Promise<Manifest & { url: string; generateSeconds: number | null }> {
  mkdirSync(choice.dataDir, { recursive: true });
  const url =
    choice.db === 'sqlite'
      ? `sqlite:${join(choice.dataDir, `bench-${nameOf(choice)}.db`)}`
      : `${choice.mysqlServer}/${mysqlNameOf(choice)}`;
  const manifestPath = join(choice.dataDir, `${choice.db}-${nameOf(choice)}.json`);
  if (choice.reuse && existsSync(manifestPath)) {
    // Data generated before a newer migration gets it here: the server starts without migrating.
    const reused = createDatabase(url);
    await migrateToLatest(reused.db);
    await reused.close();
    return { url, generateSeconds: null, ...(JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest) };
  }
  await emptyDatabase(choice, url);
  const database = createDatabase(url);
  await migrateToLatest(database.db);
  const started = performance.now();
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const manifest = await generateDataSet(database, config, choice.scale, choice.size);
  const generateSeconds = (performance.now() - started) / 1000;
  await database.close();
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { url, generateSeconds, ...manifest };
}
