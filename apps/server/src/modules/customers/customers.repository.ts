import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { CustomerProductTable, CustomerTable } from '../../db/schema/customer';
import type { DB } from '../../db/schema/index';
import type { ProductModelTable } from '../../db/schema/product-model';
import { containsText } from '../../db/sql';

export type CustomerRow = Selectable<CustomerTable>;
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

export interface CustomerFilter {
  /** Any of these match: name contains, phone equals, a product's serial number equals. */
  nameContains?: string | undefined;
  phone?: string | undefined;
  serialNumber?: string | undefined;
  /** Keyset cursor: (name, id) after these. */
  after?: { name: string; id: string } | undefined;
}

export function findCustomers(db: Kysely<DB>, filter: CustomerFilter, limit: number): Promise<CustomerRow[]> {
  let query = db.selectFrom('customer').selectAll().orderBy('name').orderBy('id').limit(limit);
  const { nameContains, phone, serialNumber, after } = filter;
  if (nameContains !== undefined || phone !== undefined || serialNumber !== undefined) {
    query = query.where((eb) => {
      const matches = [];
      if (nameContains !== undefined) matches.push(containsText('customer.name', nameContains));
      if (phone !== undefined) matches.push(eb('customer.phone', '=', phone));
      if (serialNumber !== undefined) {
        matches.push(
          eb(
            'customer.id',
            'in',
            eb.selectFrom('customer_product').select('customerId').where('serialNumber', '=', serialNumber),
          ),
        );
      }
      return eb.or(matches);
    });
  }
  if (after !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]),
    );
  }
  return query.execute();
}

export const findCustomerById = (db: Kysely<DB>, id: string) =>
  db.selectFrom('customer').selectAll().where('id', '=', id).executeTakeFirst();

export const insertCustomer = (db: Kysely<DB>, customer: Insertable<CustomerTable>) =>
  db.insertInto('customer').values(customer).execute();

/** Applies the change only if the row still has `expectedVersion`; returns whether it did. */
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
    .select(['id', 'customerId'])
    .where('modelCode', '=', modelCode)
    .where('serialNumber', '=', serialNumber)
    .executeTakeFirst();

export const insertCustomerProduct = (db: Kysely<DB>, product: Insertable<CustomerProductTable>) =>
  db.insertInto('customer_product').values(product).execute();
