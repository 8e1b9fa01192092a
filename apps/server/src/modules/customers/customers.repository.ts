import type { CustomerMatch, CustomerPhone } from '@purnajual/contract';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { CustomerPhoneTable, CustomerProductTable, CustomerTable } from '../../db/schema/customer';
import type { DB } from '../../db/schema/index';
import type { ProductModelTable } from '../../db/schema/product-model';
import { containsText } from '../../db/sql';
import { newId } from '../../platform/ids';
import { matchingTokens, type TokenMatchQuery } from '../search/search-index';
import type { SearchPlan } from '../search/search-plan';

export type CustomerRow = Selectable<CustomerTable>;
export type CustomerPhoneRow = Selectable<CustomerPhoneTable>;
export type ProductModelRow = Selectable<ProductModelTable>;
export type CustomerProductRow = Selectable<CustomerProductTable> & { model: ProductModelRow };

export interface ProductModelFilter {
  q?: string | undefined;
  category?: ProductModelRow['category'] | undefined;
  afterCode?: string | undefined;
}

export function findProductModels(db: Kysely<DB>, filter: ProductModelFilter, limit: number) {
  let query = db.selectFrom('product_model').selectAll().orderBy('code').limit(limit);
  if (filter.category !== undefined) query = query.where('category', '=', filter.category);
  if (filter.afterCode !== undefined) query = query.where('code', '>', filter.afterCode);
  if (filter.q !== undefined) {
    const text = filter.q;
    query = query.where((eb) =>
      eb.or([containsText('code', text), containsText('name', text), containsText('brand', text)]),
    );
  }
  return query.execute();
}

export const findProductModel = (db: Kysely<DB>, code: string) =>
  db.selectFrom('product_model').selectAll().where('code', '=', code).executeTakeFirst();

export const insertProductModel = (db: Kysely<DB>, model: ProductModelRow) =>
  db.insertInto('product_model').values(model).execute();

/** Every customer by name, for the list without a search: the name index serves the order. Merged ones are gone. */
export function findCustomers(
  db: Kysely<DB>,
  after: { name: string; id: string } | undefined,
  limit: number,
): Promise<CustomerRow[]> {
  let query = db
    .selectFrom('customer')
    .selectAll()
    .where('mergedIntoId', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .limit(limit);
  if (after !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]),
    );
  }
  return query.execute();
}

/** Customers by id, unexecuted (the bench's bare-driver baseline runs it too); merged ones are left out. */
export const customersByIdsQuery = (db: Kysely<DB>, ids: string[]) =>
  db.selectFrom('customer').selectAll().where('id', 'in', ids).where('mergedIntoId', 'is', null);

/** Customers by id, for search results; merged ones are left out. */
export const findCustomersByIds = (db: Kysely<DB>, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : customersByIdsQuery(db, ids).execute();

/**
 * The search queries of `plan`, unexecuted: each yields customers (`entityId`) with the
 * token they matched on, at most `limit` of them, through the token index and primary
 * keys only (the EXPLAIN test checks every one of them).
 */
export function buildCustomerSearchQueries(db: Kysely<DB>, plan: SearchPlan, limit: number) {
  const viaProduct = (prefix: string) =>
    db
      .selectFrom(matchingTokens(db, 'serial', prefix, limit).as('matches'))
      .innerJoin('customer_product', 'customer_product.id', 'matches.entityId')
      .select(['customer_product.customerId as entityId', 'matches.token']);
  const queries: { field: CustomerMatch['field']; query: TokenMatchQuery }[] = [];
  const add = (field: CustomerMatch['field'], query: TokenMatchQuery) => queries.push({ field, query });
  if (plan.kind === 'digits') {
    for (const prefix of plan.phonePrefixes) add('phone', matchingTokens(db, 'phone', prefix, limit));
    add('serial', viaProduct(plan.code));
    return queries;
  }
  if (plan.code !== null) {
    add('serial', viaProduct(plan.code));
    add(
      'workOrder',
      db
        .selectFrom(matchingTokens(db, 'number', plan.code, limit).as('matches'))
        .innerJoin('work_order', 'work_order.id', 'matches.entityId')
        .select(['work_order.customerId as entityId', 'matches.token']),
    );
  }
  const [first, ...others] = plan.words;
  if (first !== undefined) {
    add('name', matchingTokens(db, 'name', first, limit, others));
    add('address', matchingTokens(db, 'address', first, limit, others));
  }
  return queries;
}

/** The customers' phones in their order, unexecuted (the bench's bare-driver baseline runs it too). */
export const phonesQuery = (db: Kysely<DB>, customerIds: string[]) =>
  db
    .selectFrom('customer_phone')
    .selectAll()
    .where('customerId', 'in', customerIds)
    .orderBy('customerId')
    .orderBy('position');

export async function findPhones(db: Kysely<DB>, customerIds: string[]): Promise<CustomerPhoneRow[]> {
  if (customerIds.length === 0) return [];
  return phonesQuery(db, customerIds).execute();
}

/** A customer's `phones` as `customer_phone` rows, in their order; the primary one is marked. */
export const phoneRowsOf = (customerId: string, phones: readonly CustomerPhone[]) =>
  phones.map((phone, position) => ({
    id: newId(),
    customerId,
    number: phone.number,
    label: phone.label,
    primaryOf: phone.isPrimary ? customerId : null,
    position,
  }));

/** The customer's numbers become `phones`. */
export async function replacePhones(trx: Kysely<DB>, customerId: string, phones: readonly CustomerPhone[]) {
  await trx.deleteFrom('customer_phone').where('customerId', '=', customerId).execute();
  await trx.insertInto('customer_phone').values(phoneRowsOf(customerId, phones)).execute();
}

/** The customer, merged or not (a merged one's reads point at the survivor). */
export const findCustomerById = (db: Kysely<DB>, id: string) =>
  db.selectFrom('customer').selectAll().where('id', '=', id).executeTakeFirst();

export const insertCustomer = (db: Kysely<DB>, customer: Insertable<CustomerTable>) =>
  db.insertInto('customer').values(customer).execute();

/** Applies the change only if the row still has `expectedVersion`; returns whether it did. */
/** The customer's own "no more messages", from their tracking page: no version to match, it only ever stops them. */
export const optOutOfMessages = (db: Kysely<DB>, id: string, at: string) =>
  db
    .updateTable('customer')
    .set((eb) => ({ messagesOptOut: 1, version: eb('version', '+', 1), updatedAt: at }))
    .where('id', '=', id)
    .where('messagesOptOut', '=', 0)
    .execute();

export async function updateCustomer(
  db: Kysely<DB>,
  id: string,
  expectedVersion: number,
  patch: Updateable<CustomerTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('customer')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

const productColumns = [
  'customer_product.id',
  'customer_product.customerId',
  'customer_product.modelCode',
  'customer_product.serialNumber',
  'customer_product.purchaseDate',
  'customer_product.warrantyUntil',
  'customer_product.createdAt',
  'product_model.brand',
  'product_model.name',
  'product_model.category',
  'product_model.warrantyMonths',
] as const;

type ProductJoinRow = Selectable<CustomerProductTable> &
  Pick<ProductModelRow, 'brand' | 'name' | 'category' | 'warrantyMonths'>;

const toProductRow = ({ brand, name, category, warrantyMonths, ...product }: ProductJoinRow): CustomerProductRow => ({
  ...product,
  model: { code: product.modelCode, brand, name, category, warrantyMonths },
});

export async function findProducts(
  db: Kysely<DB>,
  where: { customerIds?: string[]; ids?: string[] },
): Promise<CustomerProductRow[]> {
  const customerIds = where.customerIds ?? [];
  const ids = where.ids ?? [];
  if (customerIds.length === 0 && ids.length === 0) return [];
  let query = db
    .selectFrom('customer_product')
    .innerJoin('product_model', 'product_model.code', 'customer_product.modelCode')
    .select(productColumns)
    .orderBy('customer_product.createdAt');
  if (customerIds.length > 0) query = query.where('customer_product.customerId', 'in', customerIds);
  if (ids.length > 0) query = query.where('customer_product.id', 'in', ids);
  return (await query.execute()).map(toProductRow);
}

export const findProductBySerial = (db: Kysely<DB>, modelCode: string, serialNumber: string) =>
  db
    .selectFrom('customer_product')
    .innerJoin('customer', 'customer.id', 'customer_product.customerId')
    .select(['customer_product.id', 'customer_product.customerId', 'customer.name as customerName'])
    .where('customer_product.modelCode', '=', modelCode)
    .where('customer_product.serialNumber', '=', serialNumber)
    .executeTakeFirst();

export const insertCustomerProduct = (db: Kysely<DB>, product: Insertable<CustomerProductTable>) =>
  db.insertInto('customer_product').values(product).execute();

export const findProductModelsByCodes = (db: Kysely<DB>, codes: readonly string[]) =>
  codes.length === 0
    ? Promise.resolve([])
    : db.selectFrom('product_model').selectAll().where('code', 'in', codes).execute();

export const updateProductModel = (db: Kysely<DB>, { code, ...fields }: ProductModelRow) =>
  db.updateTable('product_model').set(fields).where('code', '=', code).execute();
