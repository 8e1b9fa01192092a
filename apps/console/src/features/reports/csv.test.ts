import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

const bytesOf = (text: string) => [...new TextEncoder().encode(text)];

describe('toCsv', () => {
  it('separates fields with ; for a spreadsheet set to Indonesian, after a UTF-8 byte order mark', () => {
    const csv = toCsv(
      [
        ['Indikator', 'Nilai'],
        ['Beres sekali datang', '33,3%'],
      ],
      'id',
    );
    expect(csv).toBe('\uFEFFIndikator;Nilai\r\nBeres sekali datang;33,3%\r\n');
    // The byte order mark as the file starts: EF BB BF.
    expect(bytesOf(csv).slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('separates fields with , in English', () => {
    expect(
      toCsv(
        [
          ['Figure', 'Value'],
          ['First-time fix', '33.3%'],
        ],
        'en',
      ),
    ).toBe('\uFEFFFigure,Value\r\nFirst-time fix,33.3%\r\n');
  });

  it('quotes fields with the separator, quotes or line breaks, doubling the quotes', () => {
    const fields = ['Jl. Sudirman; No. 5', 'TV "Smart" 43', 'baris 1\nbaris 2', 'Jl. Gatot Subroto, No. 1'];
    expect(toCsv([fields], 'id')).toBe(
      '\uFEFF"Jl. Sudirman; No. 5";"TV ""Smart"" 43";"baris 1\nbaris 2";Jl. Gatot Subroto, No. 1\r\n',
    );
    expect(toCsv([fields], 'en')).toBe(
      '\uFEFFJl. Sudirman; No. 5,"TV ""Smart"" 43","baris 1\nbaris 2","Jl. Gatot Subroto, No. 1"\r\n',
    );
  });

  it('writes a text that starts like a formula as text, in either language', () => {
    expect(toCsv([['=HYPERLINK("x")', '+62812', '@SUM(A1)', -5]], 'id')).toBe(
      '\uFEFF"\'=HYPERLINK(""x"")";\'+62812;\'@SUM(A1);-5\r\n',
    );
    expect(toCsv([['=1+1;2', 'Siti Nur’aini']], 'en')).toBe("\uFEFF'=1+1;2,Siti Nur’aini\r\n");
  });

  it('writes every text a spreadsheet would run as a formula as text: =, +, -, @, tab and CR first', () => {
    for (const attack of ['=1+1', '+1+1', "-2+3+cmd|' /C calc'!A0", '@SUM(A1)', '\t=1+1', '\r=1+1']) {
      expect(toCsv([[attack]], 'en'), JSON.stringify(attack)).toContain(`'${attack}`);
    }
    expect(toCsv([[-5, 'Rp 5.000', 'AC-SEJUK-05']], 'en')).not.toContain("'");
  });
});
