import { textSchema } from '@purnajual/contract';
import { readRupiah, Unreadable } from '../parts/parts-csv';
import { columnOf } from './import-columns';
import type { ColumnPositions } from './import-header';
import type { FileKey, ImportRecord, RowResult } from './import-kind';
import { cellReason, joinReasons, type Reason, reason } from './import-text';
import { type StockColumn, stockColumns } from './stock-columns';

/** Where a line's stock lies: a branch's warehouse, or a technician's bag. */
export type StockPlace =
  | { kind: 'warehouse'; branchId: string; name: string }
  | { kind: 'bag'; technician: { id: string; branchId: string | null }; name: string };

/** A stock line that passed every check that needs no database but the lists of branches and technicians. */
export interface ImportedStock {
  line: number;
  externalId: string;
  partNo: string;
  place: StockPlace;
  quantity: number;
  unitPrice: number | null;
  /** Set by the import's preparation: the catalog part and the location's id. */
  part?: { id: string; partNo: string; price: number };
  locationId?: string;
}

export interface StockRowContext {
  branchesByCode: ReadonlyMap<string, { id: string; name: string }>;
  techniciansByEmployeeNo: ReadonlyMap<string, { id: string; branchId: string | null; name: string }>;
}

/** The key `import_stock_line` keeps a line's location by. */
export const placeKey = (place: StockPlace) =>
  place.kind === 'warehouse' ? `warehouse:${place.branchId}` : `bag:${place.technician.id}`;

const column = (key: StockColumn) => columnOf(stockColumns, key);

function readPlace(given: string, context: StockRowContext, reasons: Reason[]): StockPlace | null {
  const code = given.toUpperCase();
  const branch = context.branchesByCode.get(code);
  const technician = context.techniciansByEmployeeNo.get(code);
  if (branch && technician) {
    reasons.push(
      cellReason(
        column('location'),
        `${given} is both the branch ${branch.name} and the technician ${technician.name}`,
        `${given} adalah cabang ${branch.name} sekaligus teknisi ${technician.name}`,
      ),
    );
    return null;
  }
  if (branch) return { kind: 'warehouse', branchId: branch.id, name: branch.name };
  if (technician)
    return { kind: 'bag', technician: { id: technician.id, branchId: technician.branchId }, name: technician.name };
  reasons.push(
    cellReason(
      column('location'),
      given === '' ? 'is required' : `${given} is neither a branch code nor an active technician's employee number`,
      given === '' ? 'wajib diisi' : `${given} bukan kode cabang maupun NIK teknisi aktif`,
    ),
  );
  return null;
}

/** Reads one stock line; the part is looked up with its batch. */
export function readStockRow(
  record: ImportRecord,
  positions: ColumnPositions<StockColumn>,
  context: StockRowContext,
): RowResult<ImportedStock> {
  const value = (key: StockColumn) => (record.cells[positions.get(key) ?? -1] ?? '').trim();
  const reasons: Reason[] = [...record.problems];
  const externalId = value('externalId');
  if (externalId === '') reasons.push(cellReason(column('externalId'), 'is required', 'wajib diisi'));
  else if (!textSchema(64).safeParse(externalId).success) {
    reasons.push(cellReason(column('externalId'), 'at most 64 characters', 'paling banyak 64 karakter'));
  }
  const partNo = value('partCode').toUpperCase();
  if (partNo === '') reasons.push(cellReason(column('partCode'), 'is required', 'wajib diisi'));
  const place = readPlace(value('location'), context, reasons);
  const quantityText = value('quantity');
  const quantity = /^\d{1,6}$/.test(quantityText) ? Number(quantityText) : null;
  if (quantity === null) {
    reasons.push(cellReason(column('quantity'), 'a whole number from 0 to 999999', 'bilangan bulat 0 sampai 999999'));
  }
  const priceText = value('unitPrice');
  const price = priceText === '' ? null : readRupiah(priceText);
  if (price instanceof Unreadable || (price !== null && (price < 0 || price > 1_000_000_000))) {
    reasons.push(cellReason(column('unitPrice'), 'rupiah from 0, such as 45000', 'rupiah mulai 0, misalnya 45000'));
  }
  if (reasons.length > 0 || place === null || quantity === null || price instanceof Unreadable) {
    return { refused: joinReasons(reasons) };
  }
  return { row: { line: record.line, externalId, partNo, place, quantity, unitPrice: price } };
}

export const stockFileKeys = ({ externalId }: ImportedStock): FileKey[] => [
  {
    scope: 'stock',
    value: externalId,
    taken: (line) =>
      reason(
        `externalId: ${externalId} is already on line ${line}`,
        `idEksternal: ${externalId} sudah ada di baris ${line}`,
      ),
  },
];
