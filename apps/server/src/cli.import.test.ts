import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/database';
import { runCli } from './cli';

const database = await createTestDatabase();
const folder = mkdtempSync(join(tmpdir(), 'purnajual-cli-import-'));
// An in-memory SQLite database vanishes with its connection, and the CLI opens its own.
const url = database.dialect === 'sqlite' ? `sqlite:${join(folder, 'cli.db')}` : database.url;
afterAll(async () => {
  await database.dispose();
  rmSync(folder, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    env: { DATABASE_URL: url, STORAGE_DIR: join(folder, 'files'), IMPORT_BATCH_SIZE: '2' },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const fileOf = (name: string, lines: string[]) => {
  const path = join(folder, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
};

const header = 'externalId,name,phone,address,areaCode';

describe('purnajual import <kind>', { timeout: 90_000 }, () => {
  it('imports a file with the service the API uses, prints a summary, and says which lines it refused', async () => {
    expect((await cli('areas:import')).code).toBe(0);
    const admin = [
      '--employee-no',
      'ADM1',
      '--name',
      'Admin Impor',
      '--role',
      'admin',
      '--password',
      'kopi-tubruk-pagi',
    ];
    expect((await cli('user:create', ...admin)).code).toBe(0);
    const good = fileOf('good.csv', [
      header,
      'K-1,Ibu Kartini,081244441001,Jl. Rembang 1,31.74.07',
      'K-2,Pak Karno,081244441002,Jl. Blitar 2,31.74.07',
      'K-3,Bu Kasih,081244441003,Jl. Kudus 3,31.74.07',
    ]);
    const dry = await cli('import', 'customers', good, '--dry-run');
    expect(dry).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^Dry run of 3 lines done in [\d.]+ s: 3 new, 0 updated, 0 unchanged, 0 refused\.$/),
    });
    const real = await cli('import', 'customers', good);
    expect(real.code).toBe(0);
    expect(real.out).toContain('Import of 3 lines done');
    expect(real.out).toContain('3 new, 0 updated, 0 unchanged, 0 refused');
    expect(real.err).toMatch(/^3 \/ 3 lines, [\d.]+ lines\/s, 0 refused$/m);
    expect((await cli('import', 'customers', good)).out).toContain('0 new, 0 updated, 3 unchanged');

    const mixed = fileOf('mixed.csv', [
      header,
      'K-4,Ibu Kurnia,081244441004,Jl. Solo 4,31.74.07',
      'K-5,Pak Kuat,0812,Jl. Solo 5,31.74.07',
    ]);
    const refused = await cli('import', 'customers', mixed, '--lang', 'en');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `1 new, 0 updated, 0 unchanged, 1 refused. The refused lines and why: ${mixed}.refused.csv`,
    );
    expect(readFileSync(`${mixed}.refused.csv`, 'utf8')).toContain(',3,phone: not an Indonesian number: 0812');
  });

  it('exits non-zero when the file is refused, naming the column, and 2 on wrong usage', async () => {
    const wrong = fileOf('wrong.csv', ['externalId,nama,hp,alamat,kodeWilayah', 'K-9,A,B,C,D']);
    const refused = await cli('import', 'customers', wrong);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('unknown columns "hp"');
    expect((await cli('import', 'vendors', wrong)).code).toBe(2);
    expect((await cli('import', 'customers', join(folder, 'list.txt'))).code).toBe(2);
  });

  it('imports another kind with the same command: product models, upserted by code', async () => {
    const models = fileOf('models.csv', [
      'kode;merek;nama;kategori;garansiBulan',
      'CLI-AC-1;Sejuk;Split AC 1 PK;AC;12',
      'CLI-MC-2;Bersih;Mesin cuci 8 kg;Mesin Cuci;24',
      'CLI-X;Merek;Nama;Kompor;12',
    ]);
    const first = await cli('import', 'product-models', models);
    expect(first.code).toBe(1);
    expect(first.err).toContain('2 new, 0 updated, 0 unchanged, 1 refused');
    expect(readFileSync(`${models}.refused.csv`, 'utf8')).toContain(';4;"kategori: ""Kompor"" bukan kategori"');
    expect((await cli('import', 'product-models', models)).err).toContain('0 new, 0 updated, 2 unchanged, 1 refused');
  });
});
