import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseCsv, streamCsv } from './csv';

describe('parseCsv', () => {
  it.each([
    [
      'commas',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'semicolons (Indonesian spreadsheets)',
      'a;b\r\n1,5;2\r\n',
      [
        ['a', 'b'],
        ['1,5', '2'],
      ],
    ],
    [
      'tabs',
      'a\tb\n1\t2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'quoted delimiters and quotes',
      'a,b\n"x, ""y""",2\n',
      [
        ['a', 'b'],
        ['x, "y"', '2'],
      ],
    ],
    [
      'a byte-order mark and blank lines',
      '\uFEFFa,b\n\n1,2\n\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'empty fields',
      'a,b,c\n,,\n',
      [
        ['a', 'b', 'c'],
        ['', '', ''],
      ],
    ],
  ])('reads %s', (_name, text, expected) => {
    expect(parseCsv(text).map((record) => record.fields)).toEqual(expected);
  });

  it('numbers records by the line they start on, also after a quoted line break', () => {
    const records = parseCsv('a,b\n"two\nlines",x\n\nlast,y\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 5]);
    expect(records[1]?.fields).toEqual(['two\nlines', 'x']);
  });
});

describe('streamCsv', () => {
  const collect = async (chunks: string[]) => {
    const records = [];
    for await (const record of streamCsv(Readable.from(chunks.map((chunk) => Buffer.from(chunk)))))
      records.push(record);
    return records;
  };

  it('reads records split across chunks as the whole text reads them', async () => {
    const text = '\uFEFFname;phone\n"Ibu ; Sari";0812\n\n"two\nlines";0813\n';
    const chunks = [text.slice(0, 7), text.slice(7, 20), text.slice(20)];
    expect(await collect(chunks)).toEqual(parseCsv(text));
    expect((await collect(chunks)).map((record) => record.line)).toEqual([1, 2, 4]);
  });

  it('stops reading when the reader stops', async () => {
    for await (const record of streamCsv(Readable.from([Buffer.from('a,b\n1,2\n3,4\n')]))) {
      expect(record.fields).toEqual(['a', 'b']);
      break;
    }
  });
});
