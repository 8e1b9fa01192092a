import type { ImportJob, User } from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createBranch, createUser, signIn } from '../../../test/app';
import { csvOf, uploadImport, waitForImport } from '../../../test/imports';

const t = await buildTestApp({ env: { IMPORT_BATCH_SIZE: '3' } });
const { app } = t;
const admin = await createUser(t, 'admin');
const branch = await createBranch(t, ['31', '32']);
const existing = await createUser(t, 'agent', { employeeNo: 'AGEN-LAMA', name: 'Agen Lama' });

async function importFile(body: string, dryRun = false) {
  const response = await uploadImport(app, admin.token, body, { query: `kind=users&dryRun=${dryRun}` });
  expect(response.statusCode, response.body).toBe(202);
  return waitForImport(app, admin.token, response.json<ImportJob>().id);
}

const refusedLines = async (id: string, lang = 'en') =>
  (
    await app.inject({
      url: `/api/v1/imports/${id}/refused`,
      headers: { ...bearer(admin.token), 'accept-language': lang },
    })
  ).body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .slice(1);

const userByNo = async (employeeNo: string) =>
  (await app.inject({ url: `/api/v1/users?q=${employeeNo}`, headers: bearer(admin.token) }))
    .json<{ items: User[] }>()
    .items.find((user) => user.employeeNo === employeeNo);

const canSignIn = async (employeeNo: string, password: string) =>
  (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: employeeNo, password } }))
    .statusCode === 200;

const header = 'externalId,employeeNo,name,role,branchCode,email,phone,areaCodes,active,password';
const lines = [
  `U-1,tek-001,Teknisi Satu,technician,${branch.code},satu@example.com,0812 1111 0001,31.74|32.71.01,ya,teh-manis-sore`,
  `U-2,SPV-001,Supervisor Dua,supervisor,${branch.code},,,,,`,
  'U-3,AGT-003,Agen Tiga,agent,,TIGA@example.com,,,tidak,',
];

describe('importing users', () => {
  it('checks every line on a dry run, names each refused one, and adds no user', async () => {
    const job = await importFile(
      csvOf(
        header,
        ...lines,
        'U-4,ADM-004,Admin Empat,admin,,,,,,',
        'U-5,TEK-005,Teknisi Lima,technician,XX,,,99.99,,',
        'U-6,AGEN-LAMA,Agen Enam,agent,,,,31,,',
        'U-7,AGT-007,Agen Tujuh,agent,,,,,,password123',
        `U-8,TEK-001,Teknisi Dobel,technician,${branch.code},,,,,`,
      ),
      true,
    );
    expect(job).toMatchObject({ status: 'done', dryRun: true, rowsTotal: 8, rowsCreated: 3, rowsRefused: 5 });
    expect(await userByNo('TEK-001')).toBeUndefined();
    expect(await refusedLines(job.id)).toEqual([
      'U-4,ADM-004,Admin Empat,admin,,,,,,,5,role: administrators are not imported: they may change every setting and account; create them with user:create or in the console',
      'U-5,TEK-005,Teknisi Lima,technician,XX,,,99.99,,,6,branchCode: no branch XX; areaCodes: no such area 99.99',
      'U-6,AGEN-LAMA,Agen Enam,agent,,,,31,,,7,areaCodes: only technicians have operating areas',
      'U-7,AGT-007,Agen Tujuh,agent,,,,,,password123,8,password: This password is too common; choose a longer or less predictable one',
      `U-8,TEK-001,Teknisi Dobel,technician,${branch.code},,,,,,9,employeeNo: TEK-001 is already on line 2`,
    ]);
    expect((await refusedLines(job.id, 'id'))[0]).toContain('peran: administrator tidak diimpor');
  });

  it('creates the users with their areas and first passwords; one without a password cannot sign in', async () => {
    const job = await importFile(csvOf(header, ...lines));
    expect(job).toMatchObject({ status: 'done', rowsCreated: 3, rowsRefused: 0 });
    expect(await userByNo('TEK-001')).toMatchObject({
      name: 'Teknisi Satu',
      role: 'technician',
      branchId: branch.id,
      email: 'satu@example.com',
      phone: '+6281211110001',
      areaCodes: ['31.74', '32.71.01'],
      active: true,
    });
    expect(await userByNo('AGT-003')).toMatchObject({ email: 'tiga@example.com', active: false, branchId: null });
    expect(await canSignIn('TEK-001', 'teh-manis-sore')).toBe(true);
    expect(await canSignIn('SPV-001', '')).toBe(false);
    const withPassword = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${(await userByNo('SPV-001'))?.id}`,
      headers: bearer(admin.token),
      payload: { password: 'nasi-uduk-pagi' },
    });
    expect(withPassword.statusCode).toBe(200);
    expect(await canSignIn('SPV-001', 'nasi-uduk-pagi')).toBe(true);
  });

  it('changes nothing when the same file comes again, and never a known user’s password', async () => {
    const again = lines.map((line) => line.replace('teh-manis-sore', 'kopi-susu-siang'));
    expect(await importFile(csvOf(header, ...again))).toMatchObject({
      rowsCreated: 0,
      rowsUpdated: 0,
      rowsUnchanged: 3,
    });
    expect(await canSignIn('TEK-001', 'teh-manis-sore')).toBe(true);
    expect(await canSignIn('TEK-001', 'kopi-susu-siang')).toBe(false);
  });

  it('updates a known user where the file differs; deactivating one signs them out', async () => {
    const token = await signIn(app, 'TEK-001', 'teh-manis-sore');
    const job = await importFile(
      csvOf(header, `U-1,TEK-001,Teknisi Satu Baru,technician,${branch.code},satu@example.com,,31,tidak,`),
    );
    expect(job).toMatchObject({ rowsUpdated: 1, rowsRefused: 0 });
    expect(await userByNo('TEK-001')).toMatchObject({
      name: 'Teknisi Satu Baru',
      phone: null,
      areaCodes: ['31'],
      active: false,
    });
    expect((await app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(401);
  });

  it('refuses an employee number or e-mail address another user has', async () => {
    const job = await importFile(
      csvOf(
        header,
        `U-9,${existing.employeeNo},Orang Lain,agent,,,,,,`,
        'U-10,AGT-010,Orang Lain,agent,,satu@example.com,,,,',
      ),
    );
    expect(await refusedLines(job.id)).toEqual([
      `U-9,${existing.employeeNo},Orang Lain,agent,,,,,,,2,employeeNo: ${existing.employeeNo} is already Agen Lama's`,
      "U-10,AGT-010,Orang Lain,agent,,satu@example.com,,,,,3,email: satu@example.com is already Teknisi Satu Baru's",
    ]);
  });
});
