import {
  type CreateCustomerBody,
  type CreateCustomerProductBody,
  type Customer,
  type CustomerProduct,
  type ListCustomersQuery,
  type ListProductModelsQuery,
  normalizeIndonesianPhone,
  type ProductModel,
  type UpdateCustomerBody,
} from '@purnajual/contract';
import type { Kysely, Updateable } from 'kysely';
import type { CustomerTable } from '../../db/schema/customer';
import type { DB } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { type Clock, localDate, toIso } from '../../platform/clock';
import { decodeCursor, toPage } from '../../platform/cursor';
import { newId } from '../../platform/ids';
import type { AreasService } from '../areas/areas.service';
import * as repo from './customers.repository';

export interface CustomersServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  areas: Pick<AreasService, 'assertDistrict' | 'labelDistricts'>;
}

/** Adds whole months to a calendar date, clamping to the month's last day (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  // setUTCFullYear, not Date.UTC: that one reads the years 0–99 as 1900–1999.
  const target = new Date(0);
  target.setUTCFullYear(year, month - 1 + months, 1);
  const monthEnd = new Date(0);
  monthEnd.setUTCFullYear(target.getUTCFullYear(), target.getUTCMonth() + 1, 0);
  target.setUTCDate(Math.min(day, monthEnd.getUTCDate()));
  return target.toISOString().slice(0, 10);
}

const toProduct = (row: repo.CustomerProductRow): CustomerProduct => ({
  id: row.id,
  customerId: row.customerId,
  model: row.model,
  serialNumber: row.serialNumber,
  purchaseDate: row.purchaseDate,
  warrantyUntil: row.warrantyUntil,
  createdAt: row.createdAt,
});

/** Serial numbers are compared without regard to case or surrounding space. */
export const normalizeSerialNumber = (serial: string) => serial.trim().toUpperCase();

export function createCustomersService({ db, clock, areas }: CustomersServiceDeps) {
  async function toCustomers(rows: repo.CustomerRow[]): Promise<Customer[]> {
    const [products, labels] = await Promise.all([
      repo.findProducts(db, { customerIds: rows.map((row) => row.id) }),
      areas.labelDistricts(rows.map((row) => row.areaCode)),
    ]);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      phone: row.phone,
      email: row.email,
      address: row.address,
      areaCode: row.areaCode,
      areaName: labels.get(row.areaCode) ?? '',
      products: products.filter((product) => product.customerId === row.id).map(toProduct),
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    }));
  }

  async function findCustomerRow(id: string): Promise<repo.CustomerRow> {
    const row = await repo.findCustomerById(db, id);
    if (!row) throw notFound('Customer');
    return row;
  }

  async function getCustomer(id: string): Promise<Customer> {
    const [customer] = await toCustomers([await findCustomerRow(id)]);
    if (!customer) throw notFound('Customer');
    return customer;
  }

  return {
    getCustomer,
    findCustomerRow,

    /** The products of a customer by id, for work orders; unknown ids are simply absent. */
    findProducts: (ids: string[]) => repo.findProducts(db, { ids }),

    async listProductModels(query: ListProductModelsQuery) {
      const after = decodeCursor(query.cursor)?.[0];
      const rows = await repo.findProductModels(
        db,
        { q: query.q, category: query.category, afterCode: after === undefined ? undefined : String(after) },
        query.limit + 1,
      );
      return toPage(rows, query.limit, (row) => [row.code]);
    },

    async createProductModel(model: ProductModel): Promise<ProductModel> {
      if (await repo.findProductModel(db, model.code)) {
        throw new AppError('conflict', `Product model ${model.code} already exists`, {
          errors: [{ path: 'body.code', message: 'is already in the catalog' }],
        });
      }
      await repo.insertProductModel(db, model);
      return model;
    },

    async listCustomers(query: ListCustomersQuery) {
      const cursor = decodeCursor(query.cursor);
      const after = cursor ? { name: String(cursor[0]), id: String(cursor[1] ?? '') } : undefined;
      const q = query.q;
      const rows = await repo.findCustomers(
        db,
        {
          nameContains: q,
          phone: q === undefined ? undefined : (normalizeIndonesianPhone(q) ?? undefined),
          serialNumber: q === undefined ? undefined : normalizeSerialNumber(q),
          after,
        },
        query.limit + 1,
      );
      const page = toPage(rows, query.limit, (row) => [row.name, row.id]);
      return { items: await toCustomers(page.items), nextCursor: page.nextCursor };
    },

    async createCustomer(body: CreateCustomerBody): Promise<Customer> {
      await areas.assertDistrict(body.areaCode, 'body.areaCode');
      const now = toIso(clock.now());
      const id = newId();
      await repo.insertCustomer(db, {
        id,
        name: body.name,
        phone: body.phone,
        email: body.email ?? null,
        address: body.address,
        areaCode: body.areaCode,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      return getCustomer(id);
    },

    async updateCustomer(id: string, body: UpdateCustomerBody, ifMatch: number | undefined): Promise<Customer> {
      const current = await findCustomerRow(id);
      const expected = ifMatch ?? body.version ?? current.version;
      if (expected !== current.version) throw versionConflict(current.version);
      if (body.areaCode !== undefined) await areas.assertDistrict(body.areaCode, 'body.areaCode');
      const patch: Updateable<CustomerTable> = { updatedAt: toIso(clock.now()) };
      if (body.name !== undefined) patch.name = body.name;
      if (body.phone !== undefined) patch.phone = body.phone;
      if (body.email !== undefined) patch.email = body.email;
      if (body.address !== undefined) patch.address = body.address;
      if (body.areaCode !== undefined) patch.areaCode = body.areaCode;
      if (!(await repo.updateCustomer(db, id, expected, patch))) throw versionConflict(expected + 1);
      return getCustomer(id);
    },

    async addProduct(customerId: string, body: CreateCustomerProductBody): Promise<CustomerProduct> {
      await findCustomerRow(customerId);
      const model = await repo.findProductModel(db, body.modelCode);
      if (!model) {
        throw new AppError('validation_failed', 'Unknown product model', {
          errors: [{ path: 'body.modelCode', message: `${body.modelCode} is not in the catalog` }],
        });
      }
      const serialNumber = normalizeSerialNumber(body.serialNumber);
      const existing = await repo.findProductBySerial(db, model.code, serialNumber);
      if (existing) {
        throw new AppError('conflict', `A ${model.code} with serial number ${serialNumber} is already registered`, {
          errors: [{ path: 'body.serialNumber', message: 'is already registered for this model' }],
        });
      }
      const purchaseDate = body.purchaseDate ?? null;
      // Today anywhere in Indonesia: in Jayapura (UTC+9) the date changes first.
      if (purchaseDate !== null && purchaseDate > localDate(clock.now(), 'Asia/Jayapura')) {
        throw new AppError('validation_failed', 'The purchase date is in the future', {
          errors: [{ path: 'body.purchaseDate', message: 'must not be in the future' }],
        });
      }
      const warrantyUntil =
        body.warrantyUntil ?? (purchaseDate === null ? null : addMonths(purchaseDate, model.warrantyMonths));
      const id = newId();
      await repo.insertCustomerProduct(db, {
        id,
        customerId,
        modelCode: model.code,
        serialNumber,
        purchaseDate,
        warrantyUntil,
        createdAt: toIso(clock.now()),
      });
      const [product] = await repo.findProducts(db, { ids: [id] });
      if (!product) throw notFound('Product');
      return toProduct(product);
    },
  };
}

const versionConflict = (current: number) =>
  new AppError('version_conflict', `The record was changed by someone else; it is now at version ${current}`);

export type CustomersService = ReturnType<typeof createCustomersService>;
