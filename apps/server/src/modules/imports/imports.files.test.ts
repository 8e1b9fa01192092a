import type { CustomerListItem, ImportJob } from '@purnajual/contract';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createProductModel, createUser } from '../../../test/app';
import { csvOf, uploadImport, waitForImport, xlsxType } from '../../../test/imports';

const t = await buildTestApp();
const { app } = t;
const admin = await createUser(t, 'admin');
const model = await createProductModel(t);

async function importFile(body: string | Buffer, type?: string) {
  const response = await uploadImport(app, admin.token, body, { type });
  expect(response.statusCode, response.body).toBe(202);
  return waitForImport(app, admin.token, response.json<ImportJob>().id);
}

const get = (url: string, lang = 'en') =>
  app.inject({ url, headers: { ...bearer(admin.token), 'accept-language': lang } });

const search = async (q: string) =>
  (await get(`/api/v1/customers?q=${encodeURIComponent(q)}`)).json<{ items: CustomerListItem[] }>().items;

async function workbookOf(rows: ExcelJS.CellValue[][]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Pelanggan');
  for (const row of rows) sheet.addRow(row);
  sheet.getColumn(8).numFmt = 'yyyy-mm-dd';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('importing spreadsheets', () => {
  it('reads an XLSX workbook: dates, numbers as phones, the saved value of a formula, never a formula without one', async () => {
    const file = await workbookOf([
      ['idEksternal', 'nama', 'telepon', 'alamat', 'kodeWilayah', 'kodeModel', 'nomorSeri', 'tanggalBeli'],
      [
        'X-1',
        { formula: 'CONCAT("Ibu ","Wati")', result: 'Ibu Wati' },
        6281355551234,
        'Jl. Sudirman 1',
        '31.74.07',
        model.code,
        'XL-001',
        new Date(Date.UTC(2026, 2, 10)),
      ],
      ['X-2', { formula: 'A1&"!"' }, '081355551235', 'Jl. Sudirman 2', '31.74.07', '', '', ''],
      ['X-3', 'Pak Tono', 81355551236, { richText: [{ text: 'Jl. ' }, { text: 'Thamrin 3' }] }, '31.74.07', '', '', ''],
    ]);
    const job = await importFile(file, xlsxType);
    expect(job).toMatchObject({ status: 'done', rowsTotal: 3, rowsCreated: 2, rowsRefused: 1 });
    expect((await search('5555 1234'))[0]).toMatchObject({
      name: 'Ibu Wati',
      phone: '+6281355551234',
      products: [{ serialNumber: 'XL-001', purchaseDate: '2026-03-10' }],
    });
    expect((await search('5555 1236'))[0]).toMatchObject({ name: 'Pak Tono', address: 'Jl. Thamrin 3' });
    const refused = (await get(`/api/v1/imports/${job.id}/refused`)).body;
    expect(refused).toContain(',3,column 2: a formula without a saved value');
  });

  it('refuses a workbook that is not one', async () => {
    const response = await uploadImport(app, admin.token, Buffer.from('PK\u0003\u0004 not really a zip'), {
      type: xlsxType,
      lang: 'en',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ detail: string }>().detail).toBe('The file is not an XLSX workbook');
  });

  it('writes refused lines so that no cell runs as a formula, and takes the fixed file back as it is', async () => {
    const header = 'externalId,name,phone,address,areaCode';
    const job = await importFile(csvOf(header, 'F-1,=HYPERLINK("http://x"),+62 813 5555 9001,Jl. A,99.99.99'));
    expect(job.rowsRefused).toBe(1);
    const refused = (await get(`/api/v1/imports/${job.id}/refused`)).body.replace(/^\uFEFF/, '');
    const [, line] = refused.split('\r\n');
    expect(line).toBe(
      `F-1,"'=HYPERLINK(""http://x"")",'+62 813 5555 9001,Jl. A,99.99.99,2,areaCode: 99.99.99 is not a district code`,
    );
    const fixed = refused.replace(`"'=HYPERLINK(""http://x"")"`, 'Ibu Fitri').replace('99.99.99,2', '31.74.07,2');
    const again = await importFile(fixed);
    expect(again).toMatchObject({ rowsCreated: 1, rowsRefused: 0 });
    expect((await search('5555 9001'))[0]?.name).toBe('Ibu Fitri');
  });

  it('hands out templates in either language, as CSV or XLSX, that import as they are', async () => {
    const csv = await get('/api/v1/imports/templates?kind=customers&format=csv&lang=id');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toBe(
      '\uFEFFidEksternal;nama;telepon;email;alamat;kodeWilayah;provinsi;kabupaten;kecamatan;kodeModel;nomorSeri;tanggalBeli;garansiSampai\r\n',
    );
    const xlsx = await get('/api/v1/imports/templates?kind=customers&format=xlsx&lang=en');
    expect(xlsx.headers['content-type']).toBe(xlsxType);
    const workbook = new ExcelJS.Workbook();
    // exceljs types its input as the Buffer of older Node typings.
    await workbook.xlsx.load(new Uint8Array(xlsx.rawPayload).buffer);
    const headers = workbook.worksheets[0]?.getRow(1).values;
    expect(Array.isArray(headers) && headers.slice(1, 4)).toEqual(['externalId', 'name', 'phone']);
    const filled = Buffer.concat([csv.rawPayload, Buffer.from('T-1;Ibu Tia;081355559100;;Jl. B;31.74.07;;;;;;;\r\n')]);
    expect(await importFile(filled)).toMatchObject({ rowsCreated: 1 });
  });
});
