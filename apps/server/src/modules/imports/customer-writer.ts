import type { CustomerPhone } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { newId } from '../../platform/ids';
import { onlyPhone, primaryOf, toPhone } from '../customers/customer-phones';
import * as customers from '../customers/customers.repository';
import { addMonths } from '../customers/customers.service';
import { replaceTokens } from '../search/search-index';
import { customerFields, customerTokens, productFields, productTokens } from '../search/search-tokens';
import type { ImportedCustomer, ImportedProduct } from './customer-rows';
import type { RowOutcome } from './import-kind';
import { reason } from './import-text';

export interface CustomerWriteContext {
  now: string;
  /** Works out each line's outcome and writes nothing. */
  dryRun: boolean;
  models: ReadonlyMap<string, { warrantyMonths: number }>;
}

type Existing = Awaited<ReturnType<typeof findExisting>>;

async function findExisting(trx: Kysely<DB>, rows: readonly ImportedCustomer[]) {
  const externalIds = rows.map((row) => row.externalId);
  const found = await trx.selectFrom('customer').selectAll().where('externalId', 'in', externalIds).execute();
  const serials = [...new Set(rows.flatMap((row) => (row.product ? [row.product.serialNumber] : [])))];
  const [phones, products] = await Promise.all([
    customers.findPhones(
      trx,
      found.map((row) => row.id),
    ),
    serials.length === 0
      ? Promise.resolve([])
      : trx
          .selectFrom('customer_product')
          .innerJoin('customer', 'customer.id', 'customer_product.customerId')
          .select([
            'customer_product.id',
            'customer_product.customerId',
            'customer_product.modelCode',
            'customer_product.serialNumber',
            'customer_product.purchaseDate',
            'customer_product.warrantyUntil',
            'customer.name as customerName',
          ])
          .where('customer_product.serialNumber', 'in', serials)
          .execute(),
  ]);
  return {
    byExternalId: new Map(found.map((row) => [row.externalId ?? '', row])),
    phonesOf: (customerId: string) => phones.filter((phone) => phone.customerId === customerId),
    productOf: (product: ImportedProduct) =>
      products.find((row) => row.modelCode === product.modelCode && row.serialNumber === product.serialNumber),
  };
}

/** The unit's warranty as the file gives it, or from the purchase date as `addProduct` sets it. */
function warrantyOf(product: ImportedProduct, models: CustomerWriteContext['models']) {
  if (product.warrantyUntil !== null || product.purchaseDate === null) return product.warrantyUntil;
  const months = models.get(product.modelCode)?.warrantyMonths ?? 0;
  return addMonths(product.purchaseDate, months);
}

/** The file's numbers as the customer's: labels kept where a number stays, the first one primary. */
const phonesFor = (numbers: readonly string[], current: readonly CustomerPhone[]): CustomerPhone[] =>
  numbers.map((number, index) => ({
    number,
    label: current.find((phone) => phone.number === number)?.label ?? onlyPhone(number).label,
    isPrimary: index === 0,
  }));

/** What one batch writes, gathered so that new records go in with one statement per table. */
interface Writes {
  customers: Parameters<typeof customers.insertCustomer>[1][];
  phones: { customerId: string; phones: CustomerPhone[] }[];
  products: Parameters<typeof customers.insertCustomerProduct>[1][];
  changedCustomers: { id: string; version: number; row: ImportedCustomer; phones: CustomerPhone[] | null }[];
  changedProducts: { id: string; purchaseDate: string | null; warrantyUntil: string | null }[];
}

type Customer = NonNullable<ReturnType<Existing['byExternalId']['get']>>;
/** A unit a line adds, before it has an id and an owner. */
type NewUnit = ImportedProduct & { createdAt: string };
const unitRows = (unit: NewUnit | null, customerId: string) => (unit ? [{ id: newId(), customerId, ...unit }] : []);
type Product = ReturnType<Existing['productOf']>;

function planNew(row: ImportedCustomer, context: CustomerWriteContext, writes: Writes, unit: NewUnit | null) {
  const id = newId();
  const phones = phonesFor(row.phones, []);
  const { line: _line, product: _product, phones: _numbers, ...fields } = row;
  const stamps = { version: 1, createdAt: context.now, updatedAt: context.now };
  writes.customers.push({ id, ...fields, phone: primaryOf(phones), ...stamps });
  writes.phones.push({ customerId: id, phones });
  writes.products.push(...unitRows(unit, id));
  return 'created' as const;
}

/** A known customer: only what the file changes is written; the same line again is unchanged. */
function planKnown(
  row: ImportedCustomer,
  {
    customer,
    current,
    product,
    warrantyUntil,
  }: { customer: Customer; current: CustomerPhone[]; product: Product; warrantyUntil: string | null },
  writes: Writes,
  unit: NewUnit | null,
): RowOutcome {
  // The numbers in the file's order, its first the primary: anything else is rewritten.
  const samePhones =
    current.map((phone) => phone.number).join(' ') === row.phones.join(' ') && current[0]?.isPrimary === true;
  const sameFields =
    samePhones &&
    customer.name === row.name &&
    customer.email === row.email &&
    customer.address === row.address &&
    customer.areaCode === row.areaCode;
  const purchaseDate = row.product?.purchaseDate ?? null;
  const datesChanged =
    product !== undefined && (product.purchaseDate !== purchaseDate || product.warrantyUntil !== warrantyUntil);
  if (sameFields && !datesChanged && unit === null) return 'unchanged';
  if (!sameFields) {
    const phones = samePhones ? null : phonesFor(row.phones, current);
    writes.changedCustomers.push({ id: customer.id, version: customer.version, row, phones });
  }
  if (product && datesChanged) writes.changedProducts.push({ id: product.id, purchaseDate, warrantyUntil });
  writes.products.push(...unitRows(unit, customer.id));
  return 'updated';
}

function planRow(row: ImportedCustomer, existing: Existing, context: CustomerWriteContext, writes: Writes): RowOutcome {
  const customer = existing.byExternalId.get(row.externalId);
  if (customer?.mergedIntoId) {
    return reason(
      `externalId: the customer ${row.externalId} was merged into another; import it under that one`,
      `idEksternal: pelanggan ${row.externalId} sudah digabung ke pelanggan lain; impor atas nama pelanggan itu`,
    );
  }
  const product = row.product ? existing.productOf(row.product) : undefined;
  if (product && product.customerId !== customer?.id) {
    return reason(
      `serialNumber: ${product.serialNumber} of ${product.modelCode} is registered to ${product.customerName}`,
      `nomorSeri: ${product.serialNumber} model ${product.modelCode} terdaftar atas nama ${product.customerName}`,
    );
  }
  const warrantyUntil = row.product ? warrantyOf(row.product, context.models) : null;
  // The unit to add: the line's, unless the customer has it already.
  const unit: NewUnit | null =
    row.product && !product ? { ...row.product, warrantyUntil, createdAt: context.now } : null;
  if (!customer) return planNew(row, context, writes, unit);
  const current = existing.phonesOf(customer.id).map(toPhone);
  return planKnown(row, { customer, current, product, warrantyUntil }, writes, unit);
}

/** Rows of one multi-row insert: well under either database's bound-parameter limit. */
const insertChunk = 300;

async function insertAll<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += insertChunk) await insert(rows.slice(start, start + insertChunk));
}

/** New customers, their numbers and search tokens, as `createCustomer` writes them, many at a time. */
async function insertNew(trx: Kysely<DB>, writes: Writes) {
  await insertAll(writes.customers, (chunk) => trx.insertInto('customer').values(chunk).execute());
  const phoneRows = writes.phones.flatMap(({ customerId, phones }) => customers.phoneRowsOf(customerId, phones));
  await insertAll(phoneRows, (chunk) => trx.insertInto('customer_phone').values(chunk).execute());
  const phonesOf = new Map(writes.phones.map(({ customerId, phones }) => [customerId, phones]));
  await replaceTokens(
    trx,
    writes.customers.map((customer) => customer.id),
    customerFields,
    writes.customers.flatMap((customer) =>
      customerTokens({
        name: customer.name,
        address: customer.address,
        phones: (phonesOf.get(customer.id) ?? []).map((phone) => phone.number),
      }).map((token) => ({ ...token, entityId: customer.id })),
    ),
  );
}

async function insertProducts(trx: Kysely<DB>, writes: Writes) {
  await insertAll(writes.products, (chunk) => trx.insertInto('customer_product').values(chunk).execute());
  await replaceTokens(
    trx,
    writes.products.map((product) => product.id),
    productFields,
    writes.products.flatMap((product) =>
      productTokens({ serialNumber: product.serialNumber }).map((token) => ({ ...token, entityId: product.id })),
    ),
  );
}

/** Changed customers one by one, as `updateCustomer` changes them (version, numbers, tokens). */
async function updateChanged(trx: Kysely<DB>, writes: Writes, now: string): Promise<Set<number>> {
  const lost = new Set<number>();
  for (const { id, version, row, phones } of writes.changedCustomers) {
    const patch = { name: row.name, email: row.email, address: row.address, areaCode: row.areaCode, updatedAt: now };
    const primary = phones ? { phone: primaryOf(phones) } : {};
    if (!(await customers.updateCustomer(trx, id, version, { ...patch, ...primary }))) {
      lost.add(row.line);
      continue;
    }
    if (phones) await customers.replacePhones(trx, id, phones);
    const numbers = phones?.map((phone) => phone.number) ?? row.phones;
    await replaceTokens(
      trx,
      [id],
      customerFields,
      customerTokens({ name: row.name, address: row.address, phones: numbers }).map((token) => ({
        ...token,
        entityId: id,
      })),
    );
  }
  for (const { id, purchaseDate, warrantyUntil } of writes.changedProducts) {
    await trx.updateTable('customer_product').set({ purchaseDate, warrantyUntil }).where('id', '=', id).execute();
  }
  return lost;
}

const changedMeanwhile = reason(
  'the customer was changed by someone else during the import; import the line again',
  'pelanggan diubah orang lain selama impor; impor baris ini lagi',
);

/**
 * Upserts one batch of customer lines by `externalId`, inside the caller's transaction:
 * a new customer is created with its numbers, unit and search tokens; a known one is
 * changed only where the file differs, so the same file imported again changes nothing.
 * Returns each line's outcome, by line; a dry run works them out and writes nothing.
 */
export async function writeCustomers(
  trx: Kysely<DB>,
  rows: readonly ImportedCustomer[],
  context: CustomerWriteContext,
): Promise<Map<number, RowOutcome>> {
  const outcomes = new Map<number, RowOutcome>();
  if (rows.length === 0) return outcomes;
  const existing = await findExisting(trx, rows);
  const writes: Writes = { customers: [], phones: [], products: [], changedCustomers: [], changedProducts: [] };
  for (const row of rows) outcomes.set(row.line, planRow(row, existing, context, writes));
  if (context.dryRun) return outcomes;
  await insertNew(trx, writes);
  const lost = await updateChanged(trx, writes, context.now);
  const lostIds = new Set(writes.changedCustomers.filter((change) => lost.has(change.row.line)).map((c) => c.id));
  writes.products = writes.products.filter((product) => !lostIds.has(product.customerId));
  await insertProducts(trx, writes);
  for (const line of lost) outcomes.set(line, changedMeanwhile);
  return outcomes;
}
