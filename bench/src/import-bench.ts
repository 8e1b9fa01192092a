/**
 * npm run import-bench -w @purnajual/bench -- [--rows 100000] [--db sqlite|mysql|both]
 *
 * Writes a customers CSV (each customer with two numbers and one unit), then imports it
 * with `purnajual import customers` in a process of its own, on a fresh database per
 * engine, and prints the seconds and that process's peak resident memory.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { loadConfig } from '../../apps/server/src/config';
import { createDatabase } from '../../apps/server/src/db/database';
import { migrateToLatest } from '../../apps/server/src/db/migrate';
import { systemClock } from '../../apps/server/src/platform/clock';
import { createServices } from '../../apps/server/src/services';

const root = new URL('../..', import.meta.url).pathname;
const dataDir = join(root, 'bench/.data');
const { values } = parseArgs({ options: { rows: { type: 'string' }, db: { type: 'string' } } });
const rows = Number(values.rows ?? 100_000);
const engines = values.db === 'both' || values.db === undefined ? ['sqlite', 'mysql'] : [values.db];
const mysqlServer = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const modelCode = 'AC-BENCH-1';

/** A fresh, migrated database with the areas, one product model and an administrator. */
async function prepare(engine: string): Promise<string> {
  let url = `sqlite:${join(dataDir, 'import-bench.db')}`;
  if (engine === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${url.slice('sqlite:'.length)}${suffix}`, { force: true });
  } else {
    const admin = await createConnection(mysqlServer);
    await admin.query('drop database if exists purnajual_bench_import');
    await admin.query('create database purnajual_bench_import character set utf8mb4 collate utf8mb4_unicode_ci');
    await admin.end();
    url = `${mysqlServer}/purnajual_bench_import`;
  }
  const database = createDatabase(url);
  await migrateToLatest(database.db);
  const services = createServices({ db: database.db, config: loadConfig({ DATABASE_URL: url }), clock: systemClock });
  await services.areas.importAreas();
  await services.customers.createProductModel({
    code: modelCode,
    brand: 'Sejuk',
    name: 'Split 1 PK',
    category: 'ac',
    warrantyMonths: 12,
  });
  await services.users.createUser({
    employeeNo: 'BENCH1',
    name: 'Admin Bench',
    role: 'admin',
    branchId: null,
    phone: null,
    email: null,
    password: 'kopi-tubruk-pagi-bench',
  });
  const districts = await database.db.selectFrom('area').select('code').where('level', '=', 'district').execute();
  await database.close();
  districtCodes = districts.map((row) => row.code);
  return url;
}

let districtCodes: string[] = [];

async function writeCsv(path: string) {
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write('externalId,name,phone,email,address,areaCode,modelCode,serialNumber,purchaseDate\n');
  for (let n = 1; n <= rows; n += 1) {
    const digits = String(n).padStart(7, '0');
    const area = districtCodes[n % districtCodes.length] ?? '31.74.07';
    const day = String((n % 28) + 1).padStart(2, '0');
    await write(
      `B-${digits},Pelanggan Bench ${n},0812${digits}|021${digits},,Jl. Bench No. ${n},${area},${modelCode},BN${digits},2025-06-${day}\n`,
    );
  }
  out.end();
  await once(out, 'finish');
}

/** The CLI in a process of its own, so its peak memory is the import's alone. */
function runImport(url: string, file: string): Promise<{ seconds: number; peakRssMb: number; output: string }> {
  const script = `import { runCli } from ${JSON.stringify(join(root, 'apps/server/src/cli.ts'))};
const started = performance.now();
const code = await runCli(['import', 'customers', ${JSON.stringify(file)}], { env: process.env, out: console.log, err: () => {} });
console.log(JSON.stringify({ code, seconds: (performance.now() - started) / 1000, maxRss: process.resourceUsage().maxRSS }));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, DATABASE_URL: url, STORAGE_DIR: join(dataDir, 'import-files'), LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('exit', () => {
      const last = output.trim().split('\n').at(-1) ?? '';
      try {
        const result = JSON.parse(last) as { code: number; seconds: number; maxRss: number };
        if (result.code !== 0) reject(new Error(`the import failed:\n${output}`));
        resolve({ seconds: result.seconds, peakRssMb: Math.round(result.maxRss / 1024), output });
      } catch {
        reject(new Error(`the import printed no result:\n${output}`));
      }
    });
  });
}

mkdirSync(dataDir, { recursive: true });
const results: Record<string, string | number>[] = [];
for (const engine of engines) {
  console.log(`${engine}: preparing a fresh database…`);
  const url = await prepare(engine);
  const file = join(dataDir, `import-bench-${rows}.csv`);
  await writeCsv(file);
  console.log(`${engine}: importing ${rows} customers…`);
  const first = await runImport(url, file);
  console.log(`${engine}: importing the same file again…`);
  const again = await runImport(url, file);
  results.push({
    engine,
    rows,
    'import s': Number(first.seconds.toFixed(1)),
    'rows/s': Math.round(rows / first.seconds),
    'peak RSS MB': first.peakRssMb,
    're-import s': Number(again.seconds.toFixed(1)),
    summary: first.output.trim().split('\n')[0] ?? '',
  });
}
console.table(results);
