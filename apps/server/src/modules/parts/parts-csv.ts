import { type CreatePartBody, createPartBodySchema } from '@purnajual/contract';
import { CsvError } from 'csv-parse';
import { type CsvRecord, parseCsv } from '../../platform/csv';

const columns = {
  partno: 'partNo',
  name: 'name',
  price: 'price',
  modelcodes: 'modelCodes',
  returnable: 'returnable',
  mustreturndefective: 'mustReturnDefective',
  reorderlevel: 'reorderLevel',
} as const;
type Column = (typeof columns)[keyof typeof columns];
const requiredColumns: Column[] = ['partNo', 'name', 'price', 'returnable'];

const truthy = new Set(['ya', 'y', 'yes', 'true', '1']);
const falsy = new Set(['tidak', 'no', 'n', 'false', '0']);

/** A cell that could not be read as its column's type, with what the column expects. */
export class Unreadable {
  constructor(readonly expected: string) {}
}

export function readBoolean(value: string): boolean | Unreadable {
  const normalized = value.trim().toLowerCase();
  if (truthy.has(normalized)) return true;
  if (falsy.has(normalized)) return false;
  return new Unreadable('must be ya/tidak, yes/no, true/false or 1/0');
}

/**
 * Rupiah as people type them: `125000`, `125.000` (Indonesian thousands separator) or
 * `Rp 125.000`. A sign is read too, so that a negative price is refused as negative.
 */
export function readRupiah(value: string): number | Unreadable {
  const text = value
    .trim()
    .replace(/^rp\.?\s*/i, '')
    .replace(/\s/g, '');
  if (/^-?\d+$/.test(text)) return Number(text);
  if (/^-?\d{1,3}(\.\d{3})+$/.test(text)) return Number(text.replaceAll('.', ''));
  return new Unreadable('must be whole rupiah, such as 125000 or 125.000');
}

function readInteger(value: string): number | Unreadable {
  return /^\s*-?\d+\s*$/.test(value) ? Number(value) : new Unreadable('must be a whole number');
}

export interface PartsCsv {
  parts: { line: number; body: CreatePartBody }[];
  errors: { line: number; message: string }[];
}

/** The file's records, or why it cannot be read (a quote left open runs to the end of the file). */
function readRecords(text: string): { records: CsvRecord[] } | { error: { line: number; message: string } } {
  try {
    return { records: parseCsv(text) };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : 1;
    return { error: { line, message: `the file cannot be read as CSV: ${error.message}` } };
  }
}

/**
 * Reads a parts list: a header naming the columns (any order, any case), then one part per
 * line. Each refused line is reported with its line number and the reason; a header that
 * cannot be read refuses the file.
 */
export function readPartsCsv(text: string): PartsCsv {
  const read = readRecords(text);
  if ('error' in read) return { parts: [], errors: [read.error] };
  const [header, ...records] = read.records;
  if (!header) return { parts: [], errors: [{ line: 1, message: 'the file is empty' }] };
  const names = header.fields.map((name) =>
    name
      .trim()
      .toLowerCase()
      .replace(/[\s_-]/g, ''),
  );
  const positions = new Map<Column, number>();
  const headerErrors: string[] = [];
  names.forEach((name, index) => {
    const column = columns[name as keyof typeof columns];
    if (column === undefined) headerErrors.push(`unknown column "${header.fields[index]}"`);
    else positions.set(column, index);
  });
  for (const column of requiredColumns) if (!positions.has(column)) headerErrors.push(`missing column "${column}"`);
  if (headerErrors.length > 0) return { parts: [], errors: [{ line: header.line, message: headerErrors.join('; ') }] };

  const parts: PartsCsv['parts'] = [];
  const errors: PartsCsv['errors'] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of records) {
    if (record.fields.length !== names.length) {
      errors.push({
        line: record.line,
        message: `has ${record.fields.length} fields where the header has ${names.length}`,
      });
      continue;
    }
    const value = (column: Column) => {
      const index = positions.get(column);
      return index === undefined ? undefined : (record.fields[index] ?? '');
    };
    const optional = <T>(column: Column, read: (raw: string) => T) => {
      const raw = value(column);
      return raw === undefined || raw.trim() === '' ? undefined : read(raw);
    };
    const candidate: Record<string, unknown> = {
      partNo: value('partNo'),
      name: value('name'),
      price: readRupiah(value('price') ?? ''),
      modelCodes: optional('modelCodes', (raw) => raw.split(/[\s|,;]+/).filter(Boolean)),
      returnable: readBoolean(value('returnable') ?? ''),
      mustReturnDefective: optional('mustReturnDefective', readBoolean),
      reorderLevel: optional('reorderLevel', readInteger),
    };
    const unreadable = Object.entries(candidate).flatMap(([field, cell]) =>
      cell instanceof Unreadable ? [`${field}: ${cell.expected}`] : [],
    );
    if (unreadable.length > 0) {
      errors.push({ line: record.line, message: unreadable.join('; ') });
      continue;
    }
    const parsed = createPartBodySchema.safeParse(candidate);
    if (!parsed.success) {
      const reasons = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      errors.push({ line: record.line, message: reasons.join('; ') });
      continue;
    }
    const earlier = firstLineOf.get(parsed.data.partNo);
    if (earlier !== undefined) {
      errors.push({ line: record.line, message: `partNo: ${parsed.data.partNo} already appears on line ${earlier}` });
      continue;
    }
    firstLineOf.set(parsed.data.partNo, record.line);
    parts.push({ line: record.line, body: parsed.data });
  }
  return { parts, errors };
}
