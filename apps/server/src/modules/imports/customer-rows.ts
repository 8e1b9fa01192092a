import { createCustomerProductBodySchema, maxCustomerPhones, textSchema } from '@purnajual/contract';
import { z } from 'zod';
import { normalizeSerialNumber } from '../customers/customers.service';
import type { AreaNames, NameMatch } from './area-names';
import { type CustomerColumn, customerColumns } from './customer-columns';
import { readDate, readPhones } from './import-cells';
import { columnOf } from './import-columns';
import type { ColumnPositions } from './import-header';
import type { ImportRecord, RowResult } from './import-kind';
import { cellReason, joinReasons, type Reason, reason } from './import-text';

export interface ImportedProduct {
  modelCode: string;
  serialNumber: string;
  purchaseDate: string | null;
  /** As given; null to take the model's warranty from the purchase date. */
  warrantyUntil: string | null;
}

/** A customer line that passed every check that needs no database. */
export interface ImportedCustomer {
  line: number;
  externalId: string;
  name: string;
  /** E.164, the primary first. */
  phones: string[];
  email: string | null;
  address: string;
  areaCode: string;
  product: ImportedProduct | null;
}

export interface CustomerRowContext {
  areas: AreaNames;
  /** The catalog's product models by code. */
  models: ReadonlyMap<string, { warrantyMonths: number }>;
  /** The latest date anywhere in Indonesia: no unit is bought after it. */
  today: string;
}

export type CustomerRowResult = RowResult<ImportedCustomer>;

const column = (key: CustomerColumn) => columnOf(customerColumns, key);

/** The file must say where each customer lives: a district code, or the names down to the district. */
export function checkCustomerHeader(positions: ColumnPositions<CustomerColumn>): Reason | null {
  if (positions.has('areaCode') || (positions.has('regency') && positions.has('district'))) return null;
  return reason(
    'missing columns "areaCode", or "regency" and "district" (with "province" if you like)',
    'kolom tidak ada "kodeWilayah", atau "kabupaten" dan "kecamatan" (boleh dengan "provinsi")',
  );
}

/** The customer's own rules (`textSchema`: no control characters), said per column. */
const textRules = {
  externalId: { schema: textSchema(64), en: 'at most 64 characters', id: 'paling banyak 64 karakter' },
  name: { schema: textSchema(120).min(2), en: '2 to 120 characters', id: '2 sampai 120 karakter' },
  address: { schema: textSchema(500), en: 'at most 500 characters', id: 'paling banyak 500 karakter' },
  email: { schema: z.email().max(254), en: 'is not an e-mail address', id: 'bukan alamat email' },
} as const;

function describeMatch(match: NameMatch, key: CustomerColumn, given: string): Reason | string {
  if ('code' in match) return match.code;
  if ('none' in match) return cellReason(column(key), `no such area "${given}"`, `wilayah "${given}" tidak ada`);
  const names = match.ambiguous.join(', ');
  return cellReason(column(key), `"${given}" may be ${names}`, `"${given}" bisa berarti ${names}`);
}

/** The district of the line: its code, or found from the names, each within the one above. */
function resolveArea(value: (key: CustomerColumn) => string, areas: AreaNames): Reason | string {
  const code = value('areaCode');
  if (code !== '') {
    return areas.byCode(code)?.level === 'district'
      ? code
      : cellReason(column('areaCode'), `${code} is not a district code`, `${code} bukan kode kecamatan`);
  }
  const [provinceName, regencyName, districtName] = [value('province'), value('regency'), value('district')];
  if (regencyName === '' || districtName === '') {
    return reason('give areaCode, or regency and district', 'isi kodeWilayah, atau kabupaten dan kecamatan');
  }
  let regencies = areas.provinces().flatMap((province) => areas.childrenOf(province.code));
  if (provinceName !== '') {
    const province = describeMatch(areas.findAmong(areas.provinces(), provinceName), 'province', provinceName);
    if (typeof province !== 'string') return province;
    regencies = areas.childrenOf(province);
  }
  const regency = describeMatch(areas.findAmong(regencies, regencyName), 'regency', regencyName);
  if (typeof regency !== 'string') return regency;
  return describeMatch(areas.findAmong(areas.childrenOf(regency), districtName), 'district', districtName);
}

function readProduct(
  value: (key: CustomerColumn) => string,
  context: CustomerRowContext,
  reasons: Reason[],
): ImportedProduct | null {
  const [modelCode, serial] = [value('modelCode'), value('serialNumber')];
  const dates = { purchaseDate: value('purchaseDate'), warrantyUntil: value('warrantyUntil') };
  if (modelCode === '' && serial === '') {
    if (dates.purchaseDate !== '' || dates.warrantyUntil !== '') {
      reasons.push(reason('dates given without a product', 'tanggal diisi tanpa produk'));
    }
    return null;
  }
  if (modelCode === '' || serial === '') {
    const missing = column(modelCode === '' ? 'modelCode' : 'serialNumber');
    reasons.push(cellReason(missing, 'is required with a product', 'wajib diisi bersama produk'));
    return null;
  }
  if (!context.models.has(modelCode)) {
    reasons.push(
      cellReason(column('modelCode'), `${modelCode} is not in the catalog`, `${modelCode} tidak ada di katalog`),
    );
  }
  const read = (key: 'purchaseDate' | 'warrantyUntil') => {
    if (dates[key] === '') return null;
    const date = readDate(dates[key]);
    if (date === null) reasons.push(cellReason(column(key), 'is not a date', 'bukan tanggal'));
    return date;
  };
  const product = {
    modelCode,
    serialNumber: serial,
    purchaseDate: read('purchaseDate'),
    warrantyUntil: read('warrantyUntil'),
  };
  const parsed = createCustomerProductBodySchema.safeParse(product);
  for (const issue of parsed.error?.issues ?? []) {
    if (issue.path[0] === 'serialNumber') {
      reasons.push(
        cellReason(
          column('serialNumber'),
          '3 to 40 letters, digits, dot, slash or dash',
          '3 sampai 40 huruf, angka, titik, garis miring, atau tanda hubung',
        ),
      );
    } else if (issue.path[0] === 'warrantyUntil') {
      reasons.push(cellReason(column('warrantyUntil'), 'is before the purchase date', 'sebelum tanggal beli'));
    }
  }
  if (product.purchaseDate !== null && product.purchaseDate > context.today) {
    reasons.push(cellReason(column('purchaseDate'), 'is in the future', 'di masa depan'));
  }
  return { ...product, serialNumber: normalizeSerialNumber(serial) };
}

/**
 * Reads one customer line against the header's positions: every cell is checked and every
 * fault named, so one pass over a refused line says all that needs fixing.
 */
export function readCustomerRow(
  record: ImportRecord,
  positions: ColumnPositions<CustomerColumn>,
  context: CustomerRowContext,
): CustomerRowResult {
  const value = (key: CustomerColumn) => {
    const index = positions.get(key);
    return index === undefined ? '' : (record.cells[index] ?? '').trim();
  };
  const reasons: Reason[] = [...record.problems];
  const text = (key: keyof typeof textRules) => {
    const given = value(key);
    if (given === '') {
      if (key !== 'email') reasons.push(cellReason(column(key), 'is required', 'wajib diisi'));
      return given;
    }
    const rule = textRules[key];
    if (!rule.schema.safeParse(given).success) reasons.push(cellReason(column(key), rule.en, rule.id));
    return given;
  };
  const [externalId, name, address, email] = [text('externalId'), text('name'), text('address'), text('email')];
  const phones = readPhones(value('phone'));
  if (phones.unreadable.length > 0) {
    const list = phones.unreadable.join(', ');
    reasons.push(cellReason(column('phone'), `not an Indonesian number: ${list}`, `bukan nomor Indonesia: ${list}`));
  } else if (phones.numbers.length === 0) {
    reasons.push(cellReason(column('phone'), 'is required', 'wajib diisi'));
  } else if (phones.numbers.length > maxCustomerPhones) {
    reasons.push(
      cellReason(column('phone'), `at most ${maxCustomerPhones} numbers`, `paling banyak ${maxCustomerPhones} nomor`),
    );
  }
  const area = resolveArea(value, context.areas);
  if (typeof area !== 'string') reasons.push(area);
  const product = readProduct(value, context, reasons);
  if (reasons.length > 0 || typeof area !== 'string') return { refused: joinReasons(reasons) };
  const customer = { line: record.line, externalId, name, phones: phones.numbers, email: email || null, address };
  return { row: { ...customer, areaCode: area, product } };
}
