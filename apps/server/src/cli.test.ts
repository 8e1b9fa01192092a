import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workOrderStatuses } from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import { bearer, signIn } from '../test/app';
import { createTestDatabase } from '../test/database';
import { startTestS3 } from '../test/s3';
import { buildApp } from './app';
import { runCli } from './cli';
import { loadConfig } from './config';
import { createDatabase } from './db/database';
import { createStorage } from './platform/storage/create-storage';
import { demoPassword } from './seed/demo-data';

/** Runs the CLI against a fresh database (and `env` besides) and captures what it prints. */
async function withCli(
  body: (cli: (...argv: string[]) => Promise<{ code: number; out: string; err: string }>, url: string) => Promise<void>,
  env: Record<string, string> = {},
) {
  const database = await createTestDatabase();
  // An in-memory SQLite database vanishes with its connection, and the CLI opens its own.
  const folder = mkdtempSync(join(tmpdir(), 'purnajual-cli-'));
  const url = database.dialect === 'sqlite' ? `sqlite:${join(folder, 'cli.db')}` : database.url;
  try {
    await body(async (...argv) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, {
        env: { DATABASE_URL: url, STORAGE_DIR: join(folder, 'files'), ...env },
        out: (line) => out.push(line),
        err: (line) => err.push(line),
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    }, url);
  } finally {
    await database.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
}

const s3 = await startTestS3();

describe('purnajual CLI', () => {
  it('migrates, imports areas idempotently, seeds the demo company once, and creates users', {
    timeout: 90_000,
  }, async () => {
    await withCli(async (cli, url) => {
      expect(await cli('migrate')).toMatchObject({ code: 0, out: 'Database is up to date.' });

      const areas = await cli('areas:import');
      expect(areas.code).toBe(0);
      expect(areas.out).toContain('7829 new');
      expect(areas.out).toContain('38 provinces, 514 regencies, 7277 districts');
      expect((await cli('areas:import')).out).toContain('0 new, 0 renamed, 7829 unchanged');

      expect((await cli('seed')).out).toContain('Demo data loaded');
      expect((await cli('seed')).out).toContain('demo data not loaded');

      const created = await cli(
        'user:create',
        '--employee-no',
        '50999',
        '--name',
        'Yusuf Maulana',
        '--role',
        'technician',
        '--password',
        'nasi-goreng-kambing',
        '--branch',
        'mks',
      );
      expect(created).toMatchObject({ code: 0, out: 'Created technician Yusuf Maulana (NIK 50999).' });
      expect(await cli('totp:reset', '10001')).toMatchObject({
        code: 0,
        out: 'NIK 10001 had no two-step verification.',
      });
      expect((await cli('totp:reset', 'NO-SUCH-NIK')).code).toBe(1);

      const database = createDatabase(url);
      const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: url, TOTP_REQUIRED_ROLES: 'none' });
      const app = await buildApp({ config, database });
      try {
        await expect(signIn(app, '50999', 'nasi-goreng-kambing')).resolves.toBeTruthy();
        const adminToken = await signIn(app, '10001', demoPassword);
        const branches = await app.inject({ method: 'GET', url: '/api/v1/branches', headers: bearer(adminToken) });
        const branchItems: { id: string; timeZone: string }[] = branches.json().items;
        expect(branchItems.map((b) => b.timeZone).sort()).toEqual(['Asia/Jakarta', 'Asia/Jayapura', 'Asia/Makassar']);
        for (const status of workOrderStatuses) {
          const url = `/api/v1/work-orders?status=${status}`;
          const page = await app.inject({ method: 'GET', url, headers: bearer(adminToken) });
          expect(page.json().items.length, status).toBeGreaterThan(0);
        }
        for (const branch of branchItems) {
          const url = `/api/v1/work-orders?branchId=${branch.id}`;
          const page = await app.inject({ method: 'GET', url, headers: bearer(adminToken) });
          expect(page.json().items.length, branch.timeZone).toBeGreaterThan(10);
        }
      } finally {
        await app.close();
        await database.close();
      }
    });
  });

  it('explains bad usage with exit code 2 and refused input with exit code 1', async () => {
    await withCli(async (cli) => {
      expect((await cli()).code).toBe(2);
      const unknown = await cli('frobnicate');
      expect(unknown).toMatchObject({ code: 2 });
      expect(unknown.err).toContain('Unknown command "frobnicate"');
      const missing = await cli('user:create', '--employee-no', '1');
      expect(missing).toMatchObject({ code: 2, err: 'Missing --name, --role, --password' });
      expect((await cli('user:create', '--bogus')).code).toBe(2);
      const badRole = await cli(
        'user:create',
        '--employee-no',
        '777',
        '--name',
        'A',
        '--role',
        'boss',
        '--password',
        'x',
      );
      expect(badRole.err).toContain('--role must be one of admin, supervisor');
      const weak = await cli(
        'user:create',
        '--employee-no',
        '777',
        '--name',
        'A',
        '--role',
        'admin',
        '--password',
        'password123',
      );
      expect(weak.code).toBe(1);
      expect(weak.err).toContain('too common');
    });
  });

  it('rebuilds the search index, and refuses arguments it does not take', async () => {
    await withCli(async (cli) => {
      expect(await cli('search:reindex')).toMatchObject({
        code: 0,
        out: expect.stringMatching(/^Search index rebuilt in [\d.]+ s: 0 customers, 0 products, 0 work orders\.$/),
      });
      expect(await cli('search:reindex', 'now')).toMatchObject({ code: 2, err: 'Usage: purnajual search:reindex' });
    });
  });

  it('refuses an invalid DATABASE_URL with a clear message', async () => {
    const err: string[] = [];
    const code = await runCli(['migrate'], {
      env: { DATABASE_URL: 'postgres://x' },
      out: () => {},
      err: (l) => err.push(l),
    });
    expect(code).toBe(2);
    expect(err.join('')).toContain('DATABASE_URL: must start with sqlite: or mysql://');
  });

  it('copies the store into a bucket, and copies only what is missing when run again', async () => {
    const source = mkdtempSync(join(tmpdir(), 'purnajual-copy-'));
    const bucket = await s3.createBucket();
    const disk = createStorage({ kind: 'file', directory: source }, s3.settings);
    const target = createStorage({ kind: 's3', bucket, prefix: 'pj' }, s3.settings);
    const names = [`attachments/${randomUUID()}.jpg`, `signatures/${randomUUID()}.png`, `reports/${randomUUID()}.pdf`];
    for (const [index, name] of names.entries()) await disk.save(name, Buffer.from(`berkas ${index}`));
    try {
      await withCli(
        async (cli) => {
          const first = await cli('storage:copy', '--to', `s3://${bucket}/pj`);
          expect(first, first.err).toMatchObject({ code: 0 });
          expect(first.out).toBe(`Files of file:${source} in s3://${bucket}/pj: copied 3 / 3, skipped 0.`);
          for (const name of names) expect((await target.read(name)).equals(await disk.read(name))).toBe(true);
          expect((await cli('storage:copy', '--to', `s3://${bucket}/pj`)).out).toContain('copied 0 / 3, skipped 3');

          await target.remove(names[1] ?? '');
          expect((await cli('storage:copy', '--to', `s3://${bucket}/pj/`)).out).toContain('copied 1 / 3, skipped 2');
        },
        { ...s3.env, STORAGE_URL: `file:${source}` },
      );
    } finally {
      rmSync(source, { recursive: true, force: true });
    }
  });

  it('refuses storage:copy without a usable target, with exit code 2', async () => {
    await withCli(async (cli) => {
      expect(await cli('storage:copy')).toMatchObject({ code: 2, err: expect.stringContaining('--to s3://') });
      expect(await cli('storage:copy', '--to', 's3://')).toMatchObject({
        code: 2,
        err: '--to must name a bucket: s3://<bucket>[/<prefix>]',
      });
      const missing = await cli('storage:copy', '--to', 's3://pj-tidak-ada');
      expect(missing).toMatchObject({ code: 2 });
      expect(missing.err).toContain('--to=s3://pj-tidak-ada: the bucket "pj-tidak-ada" does not exist');
    }, s3.env);
  });
});
