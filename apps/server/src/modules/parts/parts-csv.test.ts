import { describe, expect, it } from 'vitest';
import { readPartsCsv } from './parts-csv';

describe('readPartsCsv', () => {
  const header = 'partNo,name,price,modelCodes,returnable,mustReturnDefective,reorderLevel';

  it('reads parts with any header case and order, rupiah as typed, and yes/no in Indonesian', () => {
    const { parts, errors } = readPartsCsv(
      [
        'Price;Part No;Name;Returnable;Model Codes;Reorder_Level',
        'Rp 45.000;ps-35uf;Kapasitor 35µF;ya;AC-SEJUK-05 ac-sejuk-10i;5',
        '850000;PCB-AC10I;PCB indoor;tidak;;',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(parts).toEqual([
      {
        line: 2,
        body: {
          partNo: 'PS-35UF',
          name: 'Kapasitor 35µF',
          price: 45_000,
          modelCodes: ['AC-SEJUK-05', 'AC-SEJUK-10I'],
          returnable: true,
          mustReturnDefective: false,
          reorderLevel: 5,
        },
      },
      {
        line: 3,
        body: {
          partNo: 'PCB-AC10I',
          name: 'PCB indoor',
          price: 850_000,
          modelCodes: [],
          returnable: false,
          mustReturnDefective: false,
          reorderLevel: 0,
        },
      },
    ]);
  });

  it.each([
    ['a negative price', 'X-1,Nama,-5,,ya,,', 'price'],
    ['a decimal price', 'X-1,Nama,12.5,,ya,,', 'price'],
    ['a price in words', 'X-1,Nama,murah,,ya,,', 'price'],
    ['a missing name', 'X-1,,1000,,ya,,', 'name'],
    ['a bad part number', 'X 1,Nama,1000,,ya,,', 'partNo'],
    ['an unreadable flag', 'X-1,Nama,1000,,mungkin,,', 'returnable'],
    ['a bad model code', 'X-1,Nama,1000,AC_01,ya,,', 'modelCodes.0'],
    ['a negative reorder level', 'X-1,Nama,1000,,ya,,-1', 'reorderLevel'],
  ])('refuses a line with %s, naming the field', (_name, line, field) => {
    const { parts, errors } = readPartsCsv(`${header}\n${line}\n`);
    expect(parts).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(2);
    expect(errors[0]?.message.startsWith(`${field}:`)).toBe(true);
  });

  it('says what an unreadable cell should look like', () => {
    expect(readPartsCsv(`${header}\nX-1,Nama,12.5,,mungkin,,dua\n`).errors).toEqual([
      {
        line: 2,
        message:
          'price: must be whole rupiah, such as 125000 or 125.000; returnable: must be ya/tidak, yes/no, true/false or 1/0; reorderLevel: must be a whole number',
      },
    ]);
  });

  it('reports wrong field counts and repeated part numbers by line, and keeps the good lines', () => {
    const { parts, errors } = readPartsCsv(
      [header, 'A-1,Satu,1000,,ya,,', 'B-2,Dua,2000,ya', 'a-1,Satu lagi,1000,,ya,,', 'C-3,Tiga,3000,,no,yes,2'].join(
        '\n',
      ),
    );
    expect(parts.map((p) => p.body.partNo)).toEqual(['A-1', 'C-3']);
    expect(errors).toEqual([
      { line: 3, message: 'has 4 fields where the header has 7' },
      { line: 4, message: 'partNo: A-1 already appears on line 2' },
    ]);
  });

  it('refuses the whole file when the header is wrong', () => {
    expect(readPartsCsv('partNo,name,harga\nA,B,1\n').errors).toEqual([
      { line: 1, message: 'unknown column "harga"; missing column "price"; missing column "returnable"' },
    ]);
    expect(readPartsCsv('').errors).toEqual([{ line: 1, message: 'the file is empty' }]);
  });

  it('refuses a file whose quote is never closed, saying where, instead of failing', () => {
    const { parts, errors } = readPartsCsv('"&&Q');
    expect(parts).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^the file cannot be read as CSV: /);
  });
});
