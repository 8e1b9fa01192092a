import { CompiledQuery, type Insertable, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { buildTestApp, createProductModel } from '../../../test/app';
import type { DB } from '../../db/schema/index';
import type { WorkOrderScope } from '../../platform/access-policy/work-order-policy';
import { newId } from '../../platform/ids';
import { buildCustomerSearchQueries } from '../customers/customers.repository';
import { buildWorkOrderSearchQueries } from '../work-orders/work-orders.repository';
import { planSearch } from './search-plan';
import { reindexSearch } from './search-reindex';

/*
 * Every query a search runs, for every kind of search text, scope and filter, is read
 * through an index on both databases: EXPLAIN shows no scan of a table (the bounded set of
 * matching tokens a query materializes first is the only thing read whole).
 */
const t = await buildTestApp();
const { db, dialect } = t.database;
const model = await createProductModel(t);
const branchId = newId();
const at = '2026-11-28T03:00:00.000Z';
const names = ['Sari', 'Wulan', 'Budi', 'Agus', 'Dewi', 'Joko', 'Ratna', 'Hendro'];

async function insertAll<Table extends keyof DB>(table: Table, rows: Insertable<DB[Table]>[]) {
  for (let start = 0; start < rows.length; start += 200) {
    await db
      .insertInto(table)
      .values(rows.slice(start, start + 200) as never)
      .execute();
  }
}

await db
  .insertInto('branch')
  .values({
    id: branchId,
    code: 'XPLN',
    name: 'Cabang',
    address: 'Jl. 1',
    timeZone: 'Asia/Jakarta',
    autoAssign: 0,
    version: 1,
    createdAt: at,
    updatedAt: at,
  })
  .execute();
const customers = Array.from({ length: 1500 }, (_, index) => ({
  id: newId(),
  name: `Ibu ${names[index % names.length]} ${names[(index * 7) % names.length]}wati ${index}`,
  phone: `+62812${String(30_000_000 + index)}`,
  email: null,
  address: `Jl. Kemang Raya No. ${index}`,
  areaCode: '31.74.07',
  version: 1,
  createdAt: at,
  updatedAt: at,
}));
await insertAll('customer', customers);
await insertAll(
  'customer_phone',
  customers.map((customer) => ({
    id: newId(),
    customerId: customer.id,
    number: customer.phone,
    label: 'mobile' as const,
    primaryOf: customer.id,
    position: 0,
  })),
);
const products = customers.map((customer, index) => ({
  id: newId(),
  customerId: customer.id,
  modelCode: model.code,
  serialNumber: `SN${String(index).padStart(6, '0')}`,
  purchaseDate: null,
  warrantyUntil: null,
  createdAt: at,
}));
await insertAll('customer_product', products);
await insertAll(
  'work_order',
  Array.from({ length: 4500 }, (_, index) => {
    const product = products[index % products.length];
    return {
      id: newId(),
      number: `WO-2611-${String(index).padStart(6, '0')}`,
      customerId: product?.customerId ?? '',
      customerProductId: product?.id ?? null,
      branchId,
      technicianId: null,
      provinceCode: '31',
      regencyCode: '31.74',
      districtCode: '31.74.07',
      status: index % 3 === 0 ? ('new' as const) : ('closed' as const),
      priority: 'normal' as const,
      serviceType: 'home_visit' as const,
      complaint: 'AC tidak dingin dan bocor',
      warrantyStatus: 'out_of_warranty' as const,
      slaDueAt: at,
      createdBy: newId(),
      repairSeconds: 0,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
  }),
);
await reindexSearch(db);
if (dialect === 'mysql') {
  await sql`analyze table customer, customer_phone, customer_product, work_order, search_token`.execute(db);
} else {
  await sql`analyze`.execute(db);
}

const searches = [
  '4417',
  '0812 3000 0417',
  '+62 812-3000-0417',
  'sari',
  'ibu sari wulanwati',
  'SN0004',
  'WO-2611-0001',
];
const scopes: WorkOrderScope[] = [
  { kind: 'all' },
  { kind: 'branch', branchId },
  { kind: 'technician', technicianId: newId(), districtCodes: ['31.74.07', '31.74.08'] },
];
const filters = [{}, { statuses: ['new' as const], branchId }, { createdFrom: at, technicianId: null }];

/** What is wrong with a query's plan: each step that reads a table (or index) whole. */
async function fullScansOf(query: CompiledQuery): Promise<string[]> {
  if (dialect === 'sqlite') {
    const plan = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
    );
    const steps = plan.rows.map((row) => row.detail);
    // "SCAN matches" is the materialized, limited set of tokens; any other SCAN reads a table or index whole.
    const scans = steps.filter((step) => /^SCAN /.test(step) && !/^SCAN matches\b/.test(step));
    // A token read by `field` alone walks every token of the field: the range must be in the index search.
    const wholeFields = steps.filter((step) => /^SEARCH search_token\b/.test(step) && !/token[<>]/.test(step));
    return steps.some((step) => /^SEARCH .* USING (COVERING INDEX|INDEX|PRIMARY KEY|INTEGER PRIMARY KEY)/.test(step))
      ? [...scans, ...wholeFields]
      : [...scans, ...wholeFields, `no index used: ${steps.join(' | ')}`];
  }
  const plan = await db.executeQuery<{ table: string; type: string | null; key: string | null }>(
    CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
  );
  return plan.rows
    .filter((row) => !row.table.startsWith('<'))
    .filter(
      (row) =>
        row.type === 'ALL' ||
        row.type === 'index' ||
        row.key === null ||
        (row.table === 'search_token' && row.type !== 'range'),
    )
    .map((row) => `${row.table}: ${row.type} (${row.key ?? 'no key'})`);
}

describe('search query plans', () => {
  it.each(searches)('customer search %j reads indexes only', async (q) => {
    const queries = buildCustomerSearchQueries(db, planSearch(q), 200);
    expect(queries.length).toBeGreaterThan(0);
    for (const { field, query } of queries) {
      expect(await fullScansOf(query.compile()), `${field}: ${query.compile().sql}`).toEqual([]);
    }
  });

  it.each(searches)('work-order search %j reads indexes only, in every scope and filter', async (q) => {
    for (const scope of scopes) {
      for (const filter of filters) {
        for (const { field, query } of buildWorkOrderSearchQueries(db, scope, filter, planSearch(q), 200)) {
          const label = `${field} ${scope.kind} ${JSON.stringify(filter)}: ${query.compile().sql}`;
          expect(await fullScansOf(query.compile()), label).toEqual([]);
        }
      }
    }
  });

  it('would see a scan: the LIKE search it replaced reads every work order', async () => {
    const old = CompiledQuery.raw('select id from work_order where complaint like ?', ['%bocor%']);
    expect(await fullScansOf(old)).not.toEqual([]);
  });

  it('finds what it plans for on this data set', async () => {
    const phones = buildCustomerSearchQueries(db, planSearch('0812 3000 0417'), 200).filter((q) => q.field === 'phone');
    const tokens = await Promise.all(phones.map(async ({ query }) => (await query.execute()).map((row) => row.token)));
    expect(tokens.flat()).toEqual(['6281230000417']);
  });
});
