import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('starts with a UTF-8 byte order mark and ends lines with CRLF', () => {
    expect(
      toCsv([
        ['a', 1],
        ['b', 2],
      ]),
    ).toBe('\uFEFFa,1\r\nb,2\r\n');
  });

  it('quotes fields with commas, quotes or line breaks, doubling the quotes', () => {
    expect(toCsv([['Jl. Sudirman, No. 5', 'TV "Smart" 43', 'baris 1\nbaris 2', 'Siti Nur’aini']])).toBe(
      '\uFEFF"Jl. Sudirman, No. 5","TV ""Smart"" 43","baris 1\nbaris 2",Siti Nur’aini\r\n',
    );
  });

  it('writes a text that starts like a formula as text', () => {
    expect(toCsv([['=HYPERLINK("x")', '+62812', -5]])).toBe('\uFEFF"\'=HYPERLINK(""x"")",\'+62812,-5\r\n');
  });

  it('writes every text a spreadsheet would run as a formula as text: =, +, -, @, tab and CR first', () => {
    for (const attack of ['=1+1', '+1+1', "-2+3+cmd|' /C calc'!A0", '@SUM(A1)', '\t=1+1', '\r=1+1']) {
      expect(toCsv([[attack]]), JSON.stringify(attack)).toContain(`'${attack}`);
    }
    expect(toCsv([[-5, 'Rp 5.000', 'AC-SEJUK-05']])).not.toContain("'");
  });
});
