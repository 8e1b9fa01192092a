import type {
  CreateCustomerBody,
  CreateCustomerProductBody,
  Customer,
  CustomerListItem,
  CustomerMatch,
  CustomerPhone,
  CustomerProduct,
  ListCustomersQuery,
  ListProductModelsQuery,
  ProductModel,
  UpdateCustomerBody,
} from '@purnajual/contract';
import type { Kysely, Updateable } from 'kysely';
import type { CustomerTable } from '../../db/schema/customer';
import type { DB } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { type Clock, localDate, toIso } from '../../platform/clock';
import { decodeCursor, toPage } from '../../platform/cursor';
import { newId } from '../../platform/ids';
import type { AreasService } from '../areas/areas.service';
import { indexRecord } from '../search/search-index';
import { customerFields, customerTokens, productFields, productTokens } from '../search/search-tokens';
import { onlyPhone, primaryOf, toPhone, withPrimary } from './customer-phones';
import { searchCustomers } from './customer-search';
import * as repo from './customers.repository';
import { toProducts } from './product-ownership';

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

/** Writes the customer's search tokens, replacing those they had; inside the transaction that changes them. */
export const indexCustomer = (
  trx: Kysely<DB>,
  id: string,
  customer: { name: string; address: string; phones: readonly CustomerPhone[] },
) =>
  indexRecord(
    trx,
    id,
    customerFields,
    customerTokens({ ...customer, phones: customer.phones.map((phone) => phone.number) }),
  );

/** What a customer was found by, in whole: the number whose digits matched, the serial, the name… */
function matchOf(customer: Customer, match: { field: CustomerMatch['field']; token: string }): CustomerMatch {
  switch (match.field) {
    case 'phone': {
      const phone = customer.phones.find((candidate) => candidate.number.replace(/\D/g, '').endsWith(match.token));
      return { field: 'phone', value: phone?.number ?? customer.phone };
    }
    case 'name':
      return { field: 'name', value: customer.name };
    case 'address':
      return { field: 'address', value: customer.address };
    default:
      return { field: match.field, value: match.token };
  }
}

/** A unit is bought by today anywhere in Indonesia: in Jayapura (UTC+9) the date changes first. */
export function assertBoughtBy(purchaseDate: string | null, now: Date) {
  if (purchaseDate !== null && purchaseDate > localDate(now, 'Asia/Jayapura')) {
    throw new AppError('validation_failed', 'The purchase date is in the future', {
      errors: [{ path: 'body.purchaseDate', message: 'must not be in the future' }],
    });
  }
}

/** Serial numbers are compared without regard to case or surrounding space. */
export const normalizeSerialNumber = (serial: string) => serial.trim().toUpperCase();

export function createCustomersService({ db, clock, areas }: CustomersServiceDeps) {
  async function toCustomers(rows: repo.CustomerRow[]): Promise<Customer[]> {
    const ids = rows.map((row) => row.id);
    const [products, phones, labels] = await Promise.all([
      repo.findProducts(db, { customerIds: ids }).then((found) => toProducts(db, found)),
      repo.findPhones(db, ids),
      areas.labelDistricts(rows.map((row) => row.areaCode)),
    ]);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      phone: row.phone,
      phones: phones.filter((phone) => phone.customerId === row.id).map(toPhone),
      email: row.email,
      address: row.address,
      areaCode: row.areaCode,
      areaName: labels.get(row.areaCode) ?? '',
      products: products.filter((product) => product.customerId === row.id),
      messagesOptOut: row.messagesOptOut === 1,
      language: row.language,
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    }));
  }

  /** The customer's row; one merged into another is not found, and the problem names the survivor. */
  async function findCustomerRow(id: string): Promise<repo.CustomerRow> {
    const row = await repo.findCustomerById(db, id);
    if (!row) throw notFound('Customer');
    if (row.mergedIntoId !== null) throw mergedCustomer(row.mergedIntoId);
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

    /** The customer asks for no more messages (the office sets it back with an update). */
    async optOutOfMessages(id: string) {
      await repo.optOutOfMessages(db, id, toIso(clock.now()));
    },

    /** Every number of these customers, the primary first, for work orders found by one. */
    async findPhoneNumbers(customerIds: string[]): Promise<Map<string, string[]>> {
      const numbers = new Map<string, string[]>();
      for (const phone of await repo.findPhones(db, [...new Set(customerIds)])) {
        numbers.set(phone.customerId, [...(numbers.get(phone.customerId) ?? []), phone.number]);
      }
      return numbers;
    },

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

    async listCustomers(query: ListCustomersQuery): Promise<{ items: CustomerListItem[]; nextCursor: string | null }> {
      const cursor = decodeCursor(query.cursor);
      if (query.q === undefined) {
        const after = cursor ? { name: String(cursor[0]), id: String(cursor[1] ?? '') } : undefined;
        const rows = await repo.findCustomers(db, after, query.limit + 1);
        const page = toPage(rows, query.limit, (row) => [row.name, row.id]);
        return { items: await toCustomers(page.items), nextCursor: page.nextCursor };
      }
      const { matches, nextCursor } = await searchCustomers(db, query.q, cursor, query.limit);
      const rows = await repo.findCustomersByIds(
        db,
        matches.map((match) => match.entityId),
      );
      const customers = new Map((await toCustomers(rows)).map((customer) => [customer.id, customer]));
      const items = matches.flatMap((match) => {
        const customer = customers.get(match.entityId);
        return customer ? [{ ...customer, matchedBy: matchOf(customer, match) }] : [];
      });
      return { items, nextCursor };
    },

    async createCustomer(body: CreateCustomerBody): Promise<Customer> {
      await areas.assertDistrict(body.areaCode, 'body.areaCode');
      const now = toIso(clock.now());
      const id = newId();
      const phones = body.phones ?? (body.phone === undefined ? [] : [onlyPhone(body.phone)]);
      await db.transaction().execute(async (trx) => {
        await repo.insertCustomer(trx, {
          id,
          name: body.name,
          phone: primaryOf(phones),
          email: body.email ?? null,
          address: body.address,
          areaCode: body.areaCode,
          messagesOptOut: body.messagesOptOut === true ? 1 : 0,
          language: body.language ?? 'id',
          version: 1,
          createdAt: now,
          updatedAt: now,
        });
        await repo.replacePhones(trx, id, phones);
        await indexCustomer(trx, id, { name: body.name, address: body.address, phones });
      });
      return getCustomer(id);
    },

    async updateCustomer(id: string, body: UpdateCustomerBody, ifMatch: number | undefined): Promise<Customer> {
      const current = await getCustomer(id);
      const expected = ifMatch ?? body.version ?? current.version;
      if (expected !== current.version) throw versionConflict(current.version);
      if (body.areaCode !== undefined) await areas.assertDistrict(body.areaCode, 'body.areaCode');
      const phones = body.phones ?? (body.phone === undefined ? undefined : withPrimary(current.phones, body.phone));
      const patch: Updateable<CustomerTable> = { updatedAt: toIso(clock.now()) };
      if (body.name !== undefined) patch.name = body.name;
      if (phones !== undefined) patch.phone = primaryOf(phones);
      if (body.email !== undefined) patch.email = body.email;
      if (body.address !== undefined) patch.address = body.address;
      if (body.areaCode !== undefined) patch.areaCode = body.areaCode;
      if (body.messagesOptOut !== undefined) patch.messagesOptOut = body.messagesOptOut ? 1 : 0;
      if (body.language !== undefined) patch.language = body.language;
      await db.transaction().execute(async (trx) => {
        if (!(await repo.updateCustomer(trx, id, expected, patch))) throw versionConflict(expected + 1);
        if (phones !== undefined) await repo.replacePhones(trx, id, phones);
        await indexCustomer(trx, id, {
          name: body.name ?? current.name,
          address: body.address ?? current.address,
          phones: phones ?? current.phones,
        });
      });
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
        // The office sees every customer: the owner is named, so the client can offer the transfer.
        throw new AppError('conflict', `A ${model.code} with serial number ${serialNumber} is already registered`, {
          errors: [{ path: 'body.serialNumber', message: 'is already registered for this model' }],
          existingProduct: { id: existing.id, customerId: existing.customerId, customerName: existing.customerName },
        });
      }
      const purchaseDate = body.purchaseDate ?? null;
      assertBoughtBy(purchaseDate, clock.now());
      const warrantyUntil =
        body.warrantyUntil ?? (purchaseDate === null ? null : addMonths(purchaseDate, model.warrantyMonths));
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertCustomerProduct(trx, {
          id,
          customerId,
          modelCode: model.code,
          serialNumber,
          purchaseDate,
          warrantyUntil,
          createdAt: toIso(clock.now()),
        });
        await indexRecord(trx, id, productFields, productTokens({ serialNumber }));
      });
      const [product] = await toProducts(db, await repo.findProducts(db, { ids: [id] }));
      if (!product) throw notFound('Product');
      return product;
    },
  };
}

const mergedCustomer = (survivorId: string) =>
  new AppError('not_found', `Customer not found: merged into customer ${survivorId}`, { mergedIntoId: survivorId });

const versionConflict = (current: number) =>
  new AppError('version_conflict', `The record was changed by someone else; it is now at version ${current}`);

export type CustomersService = ReturnType<typeof createCustomersService>;
