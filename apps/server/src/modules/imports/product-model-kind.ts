import { createProductModelBodySchema, type ProductCategory, type ProductModel } from '@purnajual/contract';
import * as customers from '../customers/customers.repository';
import { columnOf, type ImportColumn } from './import-columns';
import type { ImportKindSpec, RowOutcome } from './import-kind';
import { cellReason, joinReasons, type Reason, reason } from './import-text';

export const productModelColumns = [
  {
    key: 'code',
    headers: { en: 'code', id: 'kode' },
    required: true,
    description: {
      en: "the model's code, such as AC-SEJUK-05: upper-case letters, digits, dot, slash or dash; a code imported again is updated",
      id: 'kode model, misalnya AC-SEJUK-05: huruf besar, angka, titik, garis miring, atau tanda hubung; kode yang diimpor lagi diperbarui',
    },
  },
  {
    key: 'brand',
    headers: { en: 'brand', id: 'merek' },
    required: true,
    description: { en: 'at most 60 characters', id: 'paling banyak 60 karakter' },
  },
  {
    key: 'name',
    headers: { en: 'name', id: 'nama' },
    required: true,
    description: { en: 'at most 120 characters', id: 'paling banyak 120 karakter' },
  },
  {
    key: 'category',
    headers: { en: 'category', id: 'kategori' },
    required: true,
    description: {
      en: 'AC, TV, washing machine, refrigerator or other',
      id: 'AC, TV, mesin cuci, kulkas, atau lainnya',
    },
  },
  {
    key: 'warrantyMonths',
    headers: { en: 'warrantyMonths', id: 'garansiBulan' },
    required: true,
    description: { en: 'whole months, 0 to 120', id: 'bulan penuh, 0 sampai 120' },
  },
] as const satisfies readonly ImportColumn[];

type ProductModelColumn = (typeof productModelColumns)[number]['key'];
const column = (key: ProductModelColumn) => columnOf(productModelColumns, key);

type ImportedModel = ProductModel & { line: number };

/** How a category is written in either language, compared without case, spaces, `_` or `-`. */
const categoryNames: Record<ProductCategory, string[]> = {
  ac: ['ac', 'airconditioner', 'pendinginruangan', 'penyejukudara'],
  tv: ['tv', 'televisi', 'television'],
  washing_machine: ['washingmachine', 'mesincuci'],
  refrigerator: ['refrigerator', 'fridge', 'kulkas', 'lemaries'],
  other: ['other', 'lainnya', 'lainlain'],
};
const categoryOf = new Map(
  Object.entries(categoryNames).flatMap(([category, names]) =>
    names.map((name) => [name, category as ProductCategory]),
  ),
);
const categoryKey = (text: string) => text.toLowerCase().replace(/[\s_-]/g, '');

const fieldRules: Record<Exclude<ProductModelColumn, 'category' | 'warrantyMonths'>, Reason> = {
  code: reason(
    '2 to 40 upper-case letters, digits, dot, slash or dash',
    '2 sampai 40 huruf besar, angka, titik, garis miring, atau tanda hubung',
  ),
  brand: reason('1 to 60 characters', '1 sampai 60 karakter'),
  name: reason('1 to 120 characters', '1 sampai 120 karakter'),
};

/** A model line, checked by the rules `POST /api/v1/product-models` checks. */
function readModelRow(
  record: { line: number; cells: string[]; problems: Reason[] },
  positions: Map<ProductModelColumn, number>,
): { row: ImportedModel } | { refused: Reason } {
  const value = (key: ProductModelColumn) => (record.cells[positions.get(key) ?? -1] ?? '').trim();
  const reasons = [...record.problems];
  const category = categoryOf.get(categoryKey(value('category')));
  if (category === undefined) {
    reasons.push(
      cellReason(
        column('category'),
        `"${value('category')}" is not a category`,
        `"${value('category')}" bukan kategori`,
      ),
    );
  }
  const months = value('warrantyMonths');
  const model = {
    code: value('code').toUpperCase(),
    brand: value('brand'),
    name: value('name'),
    category: category ?? 'other',
    warrantyMonths: /^\d+$/.test(months) ? Number(months) : Number.NaN,
  };
  const parsed = createProductModelBodySchema.safeParse(model);
  const wrong = new Set((parsed.error?.issues ?? []).map((issue) => String(issue.path[0])));
  for (const key of ['code', 'brand', 'name'] as const) {
    if (wrong.has(key)) reasons.push(cellReason(column(key), fieldRules[key].en, fieldRules[key].id));
  }
  if (wrong.has('warrantyMonths')) {
    reasons.push(cellReason(column('warrantyMonths'), 'a whole number from 0 to 120', 'bilangan bulat 0 sampai 120'));
  }
  if (reasons.length > 0) return { refused: joinReasons(reasons) };
  return { row: { line: record.line, ...model } };
}

const isSame = (a: ProductModel, b: ProductModel) =>
  a.brand === b.brand && a.name === b.name && a.category === b.category && a.warrantyMonths === b.warrantyMonths;

/** The catalog's product models, upserted by `code`: the same file again changes nothing. */
export const productModelKind: ImportKindSpec<ProductModelColumn, ImportedModel, null> = {
  kind: 'product-models',
  columns: productModelColumns,
  names: {
    file: { en: 'product-models-template', id: 'templat-model-produk' },
    sheet: { en: 'Product models', id: 'Model produk' },
  },
  loadContext: () => Promise.resolve(null),
  readRow: (record, positions) => readModelRow(record, positions),
  fileKeys: ({ code }) => [
    {
      scope: 'model',
      value: code,
      taken: (line) => reason(`code: ${code} is already on line ${line}`, `kode: ${code} sudah ada di baris ${line}`),
    },
  ],
  async write(trx, rows, { dryRun }) {
    const existing = new Map(
      (
        await customers.findProductModelsByCodes(
          trx,
          rows.map((row) => row.code),
        )
      ).map((model) => [model.code, model]),
    );
    const outcomes = new Map<number, RowOutcome>();
    const added: ProductModel[] = [];
    const changed: ProductModel[] = [];
    for (const { line, ...model } of rows) {
      const known = existing.get(model.code);
      const outcome = known === undefined ? 'created' : isSame(known, model) ? 'unchanged' : 'updated';
      outcomes.set(line, outcome);
      if (outcome === 'created') added.push(model);
      if (outcome === 'updated') changed.push(model);
    }
    if (dryRun) return outcomes;
    if (added.length > 0) await trx.insertInto('product_model').values(added).execute();
    for (const model of changed) await customers.updateProductModel(trx, model);
    return outcomes;
  },
};
