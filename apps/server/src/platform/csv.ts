import { type Options, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

/** One record of a CSV file. */
export interface CsvRecord {
  /** The line of the file the record starts on, counting from 1 (the header). */
  line: number;
  fields: string[];
}

/**
 * The delimiter of the header line. Spreadsheets set to Indonesian write `;` between
 * fields, because the comma is their decimal separator; others write `,` or a tab.
 */
export function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const);
  return counts.reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

/**
 * The one CSV rule of the server (RFC 4180, as csv-parse reads it): a byte-order mark is
 * dropped, a quote inside an unquoted field is just a character, records may differ in
 * length (the reader says which line is short), blank lines are skipped.
 */
const csvOptions = (delimiter: string): Options => ({
  delimiter,
  bom: true,
  info: true,
  relax_quotes: true,
  relax_column_count: true,
  skip_empty_lines: true,
});

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

const lineBreaks = /\r\n|\n|\r/g;

/** csv-parse counts the line a record ends on; the line breaks inside its quoted fields lead back to its first. */
function toCsvRecord({ record, info }: ParsedRecord): CsvRecord | undefined {
  // A line of spaces is as blank as an empty one.
  if (record.length === 1 && record[0]?.trim() === '') return undefined;
  const breaks = record.reduce((count, field) => count + (field.match(lineBreaks)?.length ?? 0), 0);
  return { line: info.lines - breaks, fields: record };
}

/** Reads a whole CSV text held in memory (a parts list pasted into a request). */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const parsed = parseSync(text, csvOptions(detectDelimiter(text))) as unknown as ParsedRecord[];
  return parsed.flatMap((entry) => toCsvRecord(entry) ?? []);
}

/** How much of the file's start is read to find the header's delimiter before parsing begins. */
const headerProbeBytes = 64 * 1024;

/**
 * Reads a CSV file as it streams in, one record at a time, so a file of a million lines
 * takes no more memory than one. The delimiter is the header's (see `detectDelimiter`).
 */
export async function* streamCsv(source: AsyncIterable<Buffer>): AsyncGenerator<CsvRecord> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < headerProbeBytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
    if (next.value.includes(10)) break;
  }
  const probe = Buffer.concat(head)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const parser = parse(csvOptions(detectDelimiter(probe)));
  const write = async (chunk: Buffer) => {
    if (parser.write(chunk) || parser.destroyed) return;
    // Whichever comes first ends the wait; the other listener goes too, or a long file
    // would pile up one per wait.
    await new Promise<void>((resolve) => {
      const done = () => {
        parser.off('drain', done);
        parser.off('close', done);
        resolve();
      };
      parser.once('drain', done);
      parser.once('close', done);
    });
  };
  const feed = (async () => {
    for (const chunk of head) await write(chunk);
    while (!ended && !parser.destroyed) {
      const next = await iterator.next();
      if (next.done) break;
      await write(next.value);
    }
    if (!parser.destroyed) parser.end();
  })();
  // A failed feed (the source broke) surfaces through the parser, which then ends in error.
  feed.catch((error: unknown) => parser.destroy(error instanceof Error ? error : new Error(String(error))));
  try {
    for await (const entry of parser as AsyncIterable<ParsedRecord>) {
      const record = toCsvRecord(entry);
      if (record) yield record;
    }
  } finally {
    // A reader that stops early (only the header was wanted) lets the feed end too.
    parser.destroy();
    await iterator.return?.();
  }
}

/** Whether csv-parse refused the text itself (an unclosed quote), as opposed to a fault of the server. */
export const isCsvSyntaxError = (error: unknown): error is Error & { code: string } =>
  error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_');
