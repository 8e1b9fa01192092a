import { describe, expect, it } from 'vitest';
import { createAreaNames } from './area-names';
import { customerColumns } from './customer-columns';
import { checkCustomerHeader, readCustomerRow } from './customer-rows';
import { readHeader } from './import-header';

const areas = createAreaNames([
  { code: '31', name: 'DKI JAKARTA', level: 'province', parentCode: null },
  { code: '31.74', name: 'KOTA ADMINISTRASI JAKARTA SELATAN', level: 'regency', parentCode: '31' },
  { code: '31.74.07', name: 'Kebayoran Baru', level: 'district', parentCode: '31.74' },
  { code: '32', name: 'JAWA BARAT', level: 'province', parentCode: null },
  { code: '32.01', name: 'KABUPATEN BOGOR', level: 'regency', parentCode: '32' },
  { code: '32.01.01', name: 'Cibinong', level: 'district', parentCode: '32.01' },
  { code: '32.71', name: 'KOTA BOGOR', level: 'regency', parentCode: '32' },
  { code: '32.71.01', name: 'Bogor Selatan', level: 'district', parentCode: '32.71' },
]);
const context = { areas, models: new Map([['AC-SEJUK-05', { warrantyMonths: 12 }]]), today: '2026-12-07' };

function positionsOf(header: string[]) {
  const read = readHeader(customerColumns, header);
  if (!('positions' in read)) throw new Error(read.problem.en);
  return read.positions;
}

const englishHeader = [
  'externalId',
  'name',
  'phone',
  'email',
  'address',
  'areaCode',
  'modelCode',
  'serialNumber',
  'purchaseDate',
];
const line = (cells: string[], header = englishHeader) =>
  readCustomerRow({ line: 7, cells, problems: [] }, positionsOf(header), context);

describe('the header of a customers file', () => {
  it('takes Indonesian or English names in any case, and the columns of the refused-lines file', () => {
    const read = readHeader(customerColumns, [
      'ID Eksternal',
      'NAMA',
      'phone',
      'Alamat',
      'kode_wilayah',
      'baris',
      'alasan',
    ]);
    expect('positions' in read && [...read.positions.keys()]).toEqual([
      'externalId',
      'name',
      'phone',
      'address',
      'areaCode',
    ]);
  });

  it('names every unknown and missing column', () => {
    const read = readHeader(customerColumns, ['externalId', 'nama', 'handphone', 'alamat', 'kota']);
    expect('problem' in read && read.problem.en).toBe(
      'unknown columns "handphone", "kota" (the columns are externalId, name, phone, email, address, areaCode, province, regency, district, modelCode, serialNumber, purchaseDate, warrantyUntil); missing columns "phone"',
    );
    expect('problem' in read && read.problem.id).toContain('kolom tidak ada "telepon"');
  });

  it('wants an area code or the names down to the district', () => {
    expect(checkCustomerHeader(positionsOf(['externalId', 'name', 'phone', 'address']))?.en).toContain('"areaCode"');
    expect(
      checkCustomerHeader(positionsOf(['externalId', 'name', 'phone', 'address', 'kabupaten', 'kecamatan'])),
    ).toBeNull();
  });
});

describe('a customer line', () => {
  it('normalizes every number, the first one primary, and the serial number', () => {
    const result = line([
      'C-1',
      'Ibu Sari',
      '0812-3456-7890 | +62 21 5550123|81299990000',
      '',
      'Jl. Kemang 3',
      '31.74.07',
      'AC-SEJUK-05',
      ' sn-001 ',
      '01/02/2026',
    ]);
    expect(result).toEqual({
      row: {
        line: 7,
        externalId: 'C-1',
        name: 'Ibu Sari',
        phones: ['+6281234567890', '+62215550123', '+6281299990000'],
        email: null,
        address: 'Jl. Kemang 3',
        areaCode: '31.74.07',
        product: { modelCode: 'AC-SEJUK-05', serialNumber: 'SN-001', purchaseDate: '2026-02-01', warrantyUntil: null },
      },
    });
  });

  it('finds the district by names however they are written, Kab. and Kota told apart', () => {
    const header = ['externalId', 'name', 'phone', 'address', 'provinsi', 'kabupaten', 'kecamatan'];
    const areaOf = (names: string[]) => {
      const result = line(['C-2', 'Pak Budi', '081234567890', 'Jl. Raya 1', ...names], header);
      return 'row' in result ? result.row.areaCode : result.refused.en;
    };
    expect(areaOf(['dki jakarta', 'Jakarta  Selatan', 'KEBAYORAN BARU'])).toBe('31.74.07');
    expect(areaOf(['Jawa Barat', 'Kab. Bogor', 'cibinong'])).toBe('32.01.01');
    expect(areaOf(['', 'Kota Bogor', 'Bogor Selatan'])).toBe('32.71.01');
    expect(areaOf(['Jawa Barat', 'Bogor', 'Cibinong'])).toBe('regency: "Bogor" may be KABUPATEN BOGOR, KOTA BOGOR');
    expect(areaOf(['Jawa Barat', 'Kab. Bogor', 'Kebayoran Baru'])).toBe('district: no such area "Kebayoran Baru"');
  });

  it('names every fault of a refused line, in both languages', () => {
    const result = line(['', 'S', '0812', 'x', 'Jl. A', '31.74', 'AC-NONE', 'S', '2027-01-01']);
    expect('refused' in result && result.refused.en).toBe(
      'externalId: is required; name: 2 to 120 characters; email: is not an e-mail address; phone: not an Indonesian number: 0812; areaCode: 31.74 is not a district code; modelCode: AC-NONE is not in the catalog; serialNumber: 3 to 40 letters, digits, dot, slash or dash; purchaseDate: is in the future',
    );
    expect('refused' in result && result.refused.id).toContain('idEksternal: wajib diisi; nama: 2 sampai 120 karakter');
  });

  it('refuses a product without its serial number, and a cell the reader could not take', () => {
    const result = readCustomerRow(
      {
        line: 3,
        cells: ['C-3', 'Ibu Ani', '081234567890', '', 'Jl. B', '31.74.07', 'AC-SEJUK-05', '', ''],
        problems: [{ en: 'name: a formula without a value', id: 'nama: rumus tanpa nilai' }],
      },
      positionsOf(englishHeader),
      context,
    );
    expect('refused' in result && result.refused.en).toBe(
      'name: a formula without a value; serialNumber: is required with a product',
    );
  });
});
