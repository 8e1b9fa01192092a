import type { CustomerListItem, ImportJob } from '@purnajual/contract';
import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createManualClock,
  createProductModel,
  createUser,
  problemOf,
} from '../../../test/app';
import { createTestDatabase } from '../../../test/database';
import { csvOf, uploadImport, waitForImport } from '../../../test/imports';
import { addSeconds, toIso } from '../../platform/clock';
import { claimLease } from '../../platform/job-lease';
import { createJobRunner } from '../../platform/jobs';
import { createStorage } from '../../platform/storage/create-storage';

// This instance's job runner, on a clock the test moves: leases run out when it says.
const clock = createManualClock();
const database = await createTestDatabase();
const jobs = createJobRunner({ db: database.db, clock, log: { warn: () => undefined }, instanceId: 'this-instance' });
const t = await buildTestApp({ database, clock, jobs, env: { IMPORT_BATCH_SIZE: '2', IMPORT_MAX_BYTES: '8192' } });
const { app } = t;
const admin = await createUser(t, 'admin');
const technician = await createUser(t, 'technician', { branchId: (await createBranch(t)).id });
const model = await createProductModel(t);

const header = 'externalId,name,phone,email,address,areaCode,modelCode,serialNumber,purchaseDate';
const goodLines = [
  `C-001,Ibu Sari Wulandari,0812-3456-7001|021 5550 7001,sari@example.com,Jl. Kemang Raya 3,31.74.07,${model.code},sn-0001,2026-01-15`,
  'C-002,Pak Budi Santoso,+62 812 3456 7002,,Jl. Melawai 2,31.74.07,,,',
  `C-003,Bu Ani Lestari,081234567003,,Jl. Wijaya 9,31.74.07,${model.code},SN-0003,`,
];

async function importFile(body: string | Buffer, options: Parameters<typeof uploadImport>[3] = {}) {
  const response = await uploadImport(app, admin.token, body, options);
  expect(response.statusCode, response.body).toBe(202);
  return waitForImport(app, admin.token, response.json<ImportJob>().id);
}

const refusedCsv = async (id: string, lang = 'en') =>
  (
    await app.inject({
      url: `/api/v1/imports/${id}/refused`,
      headers: { ...bearer(admin.token), 'accept-language': lang },
    })
  ).body;

const search = async (q: string) =>
  (await app.inject({ url: `/api/v1/customers?q=${encodeURIComponent(q)}`, headers: bearer(admin.token) })).json<{
    items: CustomerListItem[];
  }>().items;

const countOf = async (table: 'customer' | 'customer_product' | 'customer_phone' | 'search_token') =>
  Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.database.db)).rows[0]?.n);

describe('importing customers', () => {
  it('checks every line on a dry run, names each refused one, and writes no customer', async () => {
    const before = await countOf('customer');
    const job = await importFile(
      csvOf(
        header,
        ...goodLines,
        'C-004,X,0812,,Jl. A,31.74,,,',
        `C-001,Ibu Sari Lagi,081234567009,,Jl. B,31.74.07,,,`,
      ),
      { query: 'kind=customers&dryRun=true' },
    );
    expect(job).toMatchObject({
      dryRun: true,
      status: 'done',
      rowsTotal: 5,
      rowsDone: 5,
      rowsCreated: 3,
      rowsRefused: 2,
    });
    expect(await countOf('customer')).toBe(before);
    const lines = (await refusedCsv(job.id))
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(`${header},line,reason`);
    expect(lines[1]).toBe(
      'C-004,X,0812,,Jl. A,31.74,,,,5,name: 2 to 120 characters; phone: not an Indonesian number: 0812; areaCode: 31.74 is not a district code',
    );
    expect(lines[2]).toContain(',6,externalId: C-001 is already on line 2');
    expect(await refusedCsv(job.id, 'id')).toContain(';6;idEksternal: C-001 sudah ada di baris 2');
  });

  it('creates customers with their numbers and units, found by part of a number; the same file again changes nothing', async () => {
    const job = await importFile(csvOf(header, ...goodLines));
    expect(job).toMatchObject({ status: 'done', rowsCreated: 3, rowsUpdated: 0, rowsRefused: 0, error: null });
    const [sari] = await search('5550 7001');
    expect(sari).toMatchObject({
      name: 'Ibu Sari Wulandari',
      phone: '+6281234567001',
      phones: [
        { number: '+6281234567001', isPrimary: true },
        { number: '+622155507001', isPrimary: false },
      ],
      matchedBy: { field: 'phone' },
      products: [{ serialNumber: 'SN-0001', purchaseDate: '2026-01-15', warrantyUntil: '2027-01-15' }],
    });
    expect((await search('SN-0003'))[0]?.name).toBe('Bu Ani Lestari');
    // The uploaded file is gone from the store once the import has finished (just after it says so).
    await vi.waitFor(async () =>
      expect((await createStorage(t.config.storage, t.config.s3).list()).map((file) => file.name)).toEqual([]),
    );
    const counts = await Promise.all([countOf('customer'), countOf('customer_phone'), countOf('search_token')]);
    const again = await importFile(csvOf(header, ...goodLines));
    expect(again).toMatchObject({ rowsCreated: 0, rowsUpdated: 0, rowsUnchanged: 3 });
    expect(await Promise.all([countOf('customer'), countOf('customer_phone'), countOf('search_token')])).toEqual(
      counts,
    );
    const version = await t.database.db
      .selectFrom('customer')
      .select('version')
      .where('externalId', '=', 'C-001')
      .executeTakeFirst();
    expect(version?.version).toBe(1);
  });

  it('updates a known customer where the file differs, and refuses a serial number of another customer', async () => {
    const job = await importFile(
      csvOf(
        header,
        `C-002,Pak Budi Santoso,081234567099,,Jl. Melawai 20,31.74.07,,,`,
        `C-005,Pak Joko,081234567005,,Jl. C,31.74.07,${model.code},SN-0001,`,
      ),
    );
    expect(job).toMatchObject({ rowsUpdated: 1, rowsRefused: 1 });
    expect((await search('4567099'))[0]?.address).toBe('Jl. Melawai 20');
    expect(await search('4567002')).toEqual([]);
    expect(await refusedCsv(job.id)).toContain(
      `serialNumber: SN-0001 of ${model.code} is registered to Ibu Sari Wulandari`,
    );
  });

  it('reads a ; file with a byte-order mark, Indonesian headers and area names', async () => {
    const job = await importFile(
      `\uFEFF${csvOf('idEksternal;Nama;Telepon;Alamat;Provinsi;Kabupaten;Kecamatan', 'C-010;Ibu Rina;0813 1111 2222;Jl. Pajajaran 5;Jawa Barat;Kota Bogor;Bogor Selatan')}`,
    );
    expect(job).toMatchObject({ rowsCreated: 1, rowsRefused: 0 });
    expect((await search('1111 2222'))[0]).toMatchObject({ name: 'Ibu Rina', areaCode: '32.71.01' });
  });

  it('takes external ids as they are written: c-010 is not C-010', async () => {
    const job = await importFile(
      csvOf('externalId,name,phone,address,areaCode', 'c-010,Ibu Rini,0813 1111 3333,Jl. Pajajaran 6,32.71.01'),
    );
    expect(job).toMatchObject({ rowsCreated: 1, rowsRefused: 0 });
  });

  it('refuses a file with unknown or missing columns, naming them, and keeps no job', async () => {
    const before = (await app.inject({ url: '/api/v1/imports', headers: bearer(admin.token) })).json<{
      items: unknown[];
    }>();
    const response = await uploadImport(
      app,
      admin.token,
      csvOf('externalId,nama,handphone,alamat,kodeWilayah', 'C-1,A,B,C,D'),
      {
        lang: 'en',
      },
    );
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).detail).toContain('unknown columns "handphone"');
    expect(problemOf(response).detail).toContain('missing columns "phone"');
    const after = (await app.inject({ url: '/api/v1/imports', headers: bearer(admin.token) })).json<{
      items: unknown[];
    }>();
    expect(after.items).toHaveLength(before.items.length);
  });

  it('refuses what is neither CSV nor XLSX, and a file over the limit', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await uploadImport(app, admin.token, png)).statusCode).toBe(400);
    expect((await uploadImport(app, admin.token, png, { type: 'image/png' })).statusCode).toBe(415);
    const large = csvOf(
      header,
      ...Array.from(
        { length: 200 },
        (_, n) => `L-${n},Pelanggan Besar,0812345${String(n).padStart(5, '0')},,Jl. Panjang ${n},31.74.07,,,`,
      ),
    );
    const response = await uploadImport(app, admin.token, large, { lang: 'en' });
    expect(response.statusCode).toBe(413);
    expect(problemOf(response).detail).toBe('An import file may be at most 8 KiB');
  });

  it('lets one import of a kind run at a time, and only the administrator', async () => {
    // Another instance holds the imports' lease: the upload waits in the queue.
    await t.database.db.deleteFrom('job_lease').where('name', '=', 'imports').execute();
    await t.database.db
      .insertInto('job_lease')
      .values({ name: 'imports', holder: 'elsewhere', expiresAt: '2999-01-01T00:00:00.000Z' })
      .execute();
    const first = await uploadImport(app, admin.token, csvOf(header, goodLines[1] ?? ''));
    expect(first.json<ImportJob>().status).toBe('queued');
    const second = await uploadImport(app, admin.token, csvOf(header, goodLines[1] ?? ''));
    expect(second.statusCode).toBe(409);
    expect(problemOf(second).code).toBe('import_running');
    expect((await uploadImport(app, technician.token, csvOf(header))).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/imports', headers: bearer(technician.token) })).statusCode).toBe(403);
    await t.database.db
      .updateTable('job_lease')
      .set({ expiresAt: '2000-01-01T00:00:00.000Z' })
      .where('name', '=', 'imports')
      .execute();
    await t.services.importRunner.runPending(new AbortController().signal);
    expect(await waitForImport(app, admin.token, first.json<ImportJob>().id)).toMatchObject({
      status: 'done',
      rowsDone: 1,
    });
  });

  it('resumes on this instance from the checkpoint of one that died halfway, once its lease ran out', async () => {
    // Another instance holds the job's lease, takes the upload and dies after its first batch.
    await t.database.db.deleteFrom('job_lease').where('name', '=', 'imports').execute();
    const at = clock.now();
    const lease = { name: 'imports', holder: 'dead-instance', now: toIso(at), expiresAt: toIso(addSeconds(at, 60)) };
    expect(await claimLease(t.database.db, lease)).toBe(true);
    const lines = Array.from(
      { length: 5 },
      (_, n) => `R-${n},Pelanggan Resume ${n},0812777700${n}0,,Jl. Resume ${n},31.74.07,${model.code},RES-${n},`,
    );
    const queued = (await uploadImport(app, admin.token, csvOf(header, ...lines))).json<ImportJob>();
    const killed = new AbortController();
    killed.abort();
    await t.services.importRunner.runPending(killed.signal);
    const halfway = (
      await app.inject({ url: `/api/v1/imports/${queued.id}`, headers: bearer(admin.token) })
    ).json<ImportJob>();
    expect(halfway).toMatchObject({ status: 'running', rowsDone: 2, rowsCreated: 2, rowsTotal: 5 });
    expect(await search('Resume')).toHaveLength(2);
    expect(await jobs.runNow('imports')).toBe(false);
    clock.advanceSeconds(61);
    expect(await jobs.runNow('imports')).toBe(true);
    const done = await waitForImport(app, admin.token, queued.id);
    expect(done).toMatchObject({ status: 'done', rowsDone: 5, rowsCreated: 5, rowsRefused: 0 });
    expect(await search('Resume')).toHaveLength(5);
  });

  it('lists the imports newest first', async () => {
    const page = (await app.inject({ url: '/api/v1/imports?limit=2', headers: bearer(admin.token) })).json<{
      items: ImportJob[];
      nextCursor: string | null;
    }>();
    expect(page.items).toHaveLength(2);
    const [newer, older] = page.items.map((item) => item.createdAt);
    expect((newer ?? '') >= (older ?? '')).toBe(true);
    expect(page.nextCursor).not.toBeNull();
  });
});
