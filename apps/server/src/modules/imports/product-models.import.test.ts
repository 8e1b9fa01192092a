import type { ImportJob, ProductModel } from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createUser } from '../../../test/app';
import { csvOf, uploadImport, waitForImport } from '../../../test/imports';

const t = await buildTestApp({ env: { IMPORT_BATCH_SIZE: '2' } });
const { app } = t;
const admin = await createUser(t, 'admin');
const query = 'kind=product-models';

async function importFile(body: string, dryRun = false) {
  const response = await uploadImport(app, admin.token, body, { query: `${query}&dryRun=${dryRun}` });
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
    .split('\r\n');

const catalog = async () =>
  (await app.inject({ url: '/api/v1/product-models?q=IMP-&limit=50', headers: bearer(admin.token) })).json<{
    items: ProductModel[];
  }>().items;

const header = 'kode;merek;nama;kategori;garansiBulan';
const lines = [
  'IMP-AC-1;Sejuk;Split AC 1 PK;AC;12',
  'imp-mc-2;Bersih;Mesin cuci 8 kg;Mesin Cuci;24',
  'IMP-KL-3;Dingin;Kulkas 2 pintu;kulkas;0',
  'IMP-TV-4;Terang;TV 43 inci;Televisi;120',
];

describe('importing product models', () => {
  it('checks every line on a dry run, names each refused one, and adds no model', async () => {
    const job = await importFile(
      csvOf(header, ...lines, 'IMP-X;Merek;Nama;Kompor;12', 'IMP-Y;Merek;Nama;AC;121', 'IMP-AC-1;Lagi;Lagi;AC;1'),
      true,
    );
    expect(job).toMatchObject({ status: 'done', dryRun: true, rowsTotal: 7, rowsCreated: 4, rowsRefused: 3 });
    expect(await catalog()).toEqual([]);
    const refused = await refusedLines(job.id);
    expect(refused.slice(1)).toEqual([
      'IMP-X,Merek,Nama,Kompor,12,6,"category: ""Kompor"" is not a category"',
      'IMP-Y,Merek,Nama,AC,121,7,warrantyMonths: a whole number from 0 to 120',
      'IMP-AC-1,Lagi,Lagi,AC,1,8,code: IMP-AC-1 is already on line 2',
    ]);
    expect((await refusedLines(job.id, 'id'))[1]).toContain(';6;"kategori: ""Kompor"" bukan kategori"');
  });

  it('adds the models with their categories read forgivingly; the same file again changes nothing', async () => {
    const job = await importFile(csvOf(header, ...lines));
    expect(job).toMatchObject({ status: 'done', rowsCreated: 4, rowsRefused: 0 });
    expect(await catalog()).toEqual([
      { code: 'IMP-AC-1', brand: 'Sejuk', name: 'Split AC 1 PK', category: 'ac', warrantyMonths: 12 },
      { code: 'IMP-KL-3', brand: 'Dingin', name: 'Kulkas 2 pintu', category: 'refrigerator', warrantyMonths: 0 },
      { code: 'IMP-MC-2', brand: 'Bersih', name: 'Mesin cuci 8 kg', category: 'washing_machine', warrantyMonths: 24 },
      { code: 'IMP-TV-4', brand: 'Terang', name: 'TV 43 inci', category: 'tv', warrantyMonths: 120 },
    ]);
    expect(await importFile(csvOf(header, ...lines))).toMatchObject({
      rowsCreated: 0,
      rowsUpdated: 0,
      rowsUnchanged: 4,
    });
  });

  it('updates a known code where the file differs, and refuses what the catalog would refuse', async () => {
    const job = await importFile(
      csvOf(
        'code,brand,name,category,warrantyMonths',
        'IMP-AC-1,Sejuk,Split AC 1 PK,air conditioner,18',
        'IMP AC,,X,other,x',
      ),
    );
    expect(job).toMatchObject({ rowsUpdated: 1, rowsRefused: 1 });
    expect((await catalog())[0]).toMatchObject({ code: 'IMP-AC-1', warrantyMonths: 18 });
    expect((await refusedLines(job.id))[1]).toBe(
      'IMP AC,,X,other,x,3,"code: 2 to 40 upper-case letters, digits, dot, slash or dash; brand: 1 to 60 characters; warrantyMonths: a whole number from 0 to 120"',
    );
  });

  it('offers the template in either language', async () => {
    const csv = await app.inject({
      url: '/api/v1/imports/templates?kind=product-models&lang=en',
      headers: bearer(admin.token),
    });
    expect(csv.headers['content-disposition']).toContain('product-models-template.csv');
    expect(csv.body.replace(/^\uFEFF/, '')).toBe('code,brand,name,category,warrantyMonths\r\n');
    const unknown = await app.inject({ url: '/api/v1/imports/templates?kind=vendors', headers: bearer(admin.token) });
    expect(unknown.statusCode).toBe(400);
  });
});
