import type { StockLocationKind } from '@purnajual/contract';
import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { StockLedgerEntryTable } from '../../db/schema/stock';
import { containsText, startsWithText } from '../../db/sql';
import { type StockScope, stockLocationWhere } from '../../platform/access-policy/stock-policy';

/** A bag belongs to the technician's current branch, so it follows them when they move. */
function selectLocations(db: Kysely<DB>) {
  return db
    .selectFrom('stock_location')
    .leftJoin('user as owner', 'owner.id', 'stock_location.technicianId')
    .leftJoin('branch', (join) =>
      join.on((eb) => eb('branch.id', '=', eb.fn.coalesce('stock_location.branchId', 'owner.branchId'))),
    )
    .select((eb) => [
      'stock_location.id',
      'stock_location.kind',
      eb.fn.coalesce('stock_location.branchId', 'owner.branchId').as('branchId'),
      'branch.name as branchName',
      'stock_location.technicianId',
      'owner.name as technicianName',
    ]);
}

export type LocationRow = Awaited<ReturnType<ReturnType<typeof selectLocations>['executeTakeFirstOrThrow']>>;

export function findLocations(db: Kysely<DB>, scope: StockScope): Promise<LocationRow[]> {
  return selectLocations(db)
    .where((eb) => stockLocationWhere(eb, scope))
    .orderBy('branch.name')
    .orderBy('stock_location.kind', 'desc')
    .orderBy('owner.name')
    .execute();
}

export const findLocation = (db: Kysely<DB>, scope: StockScope, id: string) =>
  selectLocations(db)
    .where('stock_location.id', '=', id)
    .where((eb) => stockLocationWhere(eb, scope))
    .executeTakeFirst();

export const findBag = (db: Kysely<DB>, technicianId: string) =>
  selectLocations(db).where('stock_location.technicianId', '=', technicianId).executeTakeFirst();

export const findBranchLocation = (db: Kysely<DB>, branchId: string, kind: 'warehouse' | 'defective') =>
  selectLocations(db)
    .where('stock_location.branchId', '=', branchId)
    .where('stock_location.kind', '=', kind)
    .executeTakeFirst();

/** Which of these branches' locations and technicians' bags exist already. */
export async function findExistingOwners(db: Kysely<DB>, branchIds: string[], technicianIds: string[]) {
  const [branches, bags] = await Promise.all([
    branchIds.length === 0
      ? []
      : db.selectFrom('stock_location').select(['branchId', 'kind']).where('branchId', 'in', branchIds).execute(),
    technicianIds.length === 0
      ? []
      : db.selectFrom('stock_location').select('technicianId').where('technicianId', 'in', technicianIds).execute(),
  ]);
  return {
    branchKinds: new Set(branches.map((row) => `${row.branchId}/${row.kind}`)),
    technicianIds: new Set(bags.map((row) => row.technicianId)),
  };
}

/**
 * Creates locations, skipping any that a concurrent request created first (the unique
 * indexes on branch and kind, and on technician, decide).
 */
export async function insertLocationsIfMissing(
  db: Kysely<DB>,
  rows: { id: string; kind: StockLocationKind; branchId: string | null; technicianId: string | null; at: string }[],
) {
  if (rows.length === 0) return;
  await db
    .insertInto('stock_location')
    .values(rows.map(({ at, ...row }) => ({ ...row, version: 1, createdAt: at })))
    .orIgnore()
    .execute();
}

/** Of these locations, the technicians' bags, in id order. */
export async function findBagIds(db: Kysely<DB>, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('stock_location')
    .select('id')
    .where('id', 'in', ids)
    .where('kind', '=', 'technician')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Takes the bag's row lock for the rest of the transaction, so issues into one bag run one
 * after another and each sees what the one before it put there.
 */
export const lockLocation = (db: Kysely<DB>, id: string) =>
  db
    .updateTable('stock_location')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();

/**
 * Creates empty level rows for the location/part pairs that a transaction is about to add
 * to, before that transaction: inside it, two transactions inserting the same new row
 * would wait on each other and one would fail on the duplicate key. Only the missing pairs
 * are inserted: within a request transaction (db/request-transaction.ts) an INSERT IGNORE
 * of an existing row would hold a shared lock on it to the end of the request, and two
 * requests moving the same part would deadlock upgrading it to change the quantity.
 */
export async function insertLevelsIfMissing(db: Kysely<DB>, keys: { locationId: string; partId: string }[]) {
  if (keys.length === 0) return;
  const existing = await db
    .selectFrom('stock_level')
    .select(['locationId', 'partId'])
    .where((eb) =>
      eb.or(keys.map((key) => eb.and([eb('locationId', '=', key.locationId), eb('partId', '=', key.partId)]))),
    )
    .execute();
  const present = new Set(existing.map((row) => `${row.locationId}/${row.partId}`));
  const missing = keys.filter((key) => !present.has(`${key.locationId}/${key.partId}`));
  if (missing.length === 0) return;
  await db
    .insertInto('stock_level')
    .values(missing.map((key) => ({ ...key, quantity: 0 })))
    .orIgnore()
    .execute();
}

/**
 * Takes `quantity` away only if that many are there, in one statement: the database
 * checks and changes the row under its lock, so two callers can never both take the last
 * unit. Returns whether it did.
 */
export async function decrementLevel(db: Kysely<DB>, locationId: string, partId: string, quantity: number) {
  const result = await db
    .updateTable('stock_level')
    .set((eb) => ({ quantity: eb('quantity', '-', quantity) }))
    .where('locationId', '=', locationId)
    .where('partId', '=', partId)
    .where('quantity', '>=', quantity)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Adds to an existing level row; returns false when the row does not exist. */
export async function incrementLevel(db: Kysely<DB>, locationId: string, partId: string, quantity: number) {
  const result = await db
    .updateTable('stock_level')
    .set((eb) => ({ quantity: eb('quantity', '+', quantity) }))
    .where('locationId', '=', locationId)
    .where('partId', '=', partId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function findLevelQuantities(db: Kysely<DB>, keys: { locationId: string; partId: string }[]) {
  if (keys.length === 0) return [];
  return db
    .selectFrom('stock_level')
    .select(['locationId', 'partId', 'quantity'])
    .where((eb) =>
      eb.or(keys.map((key) => eb.and([eb('locationId', '=', key.locationId), eb('partId', '=', key.partId)]))),
    )
    .execute();
}

export interface StockFilter {
  q?: { partNo: string; name: string } | undefined;
  /** Only parts at or below their reorder level, including those never stocked here. */
  lowStock?: boolean | undefined;
  afterPartNo?: string | undefined;
}

/**
 * A location's stock by part number. The low-stock view starts from the catalog, because
 * a part the warehouse has never held has no level row and is the lowest of all.
 */
export function findStock(db: Kysely<DB>, locationId: string, filter: StockFilter, limit: number) {
  let query = db
    .selectFrom('part')
    .leftJoin('stock_level', (join) =>
      join.onRef('stock_level.partId', '=', 'part.id').on('stock_level.locationId', '=', locationId),
    )
    .select((eb) => [
      'part.id',
      'part.partNo',
      'part.name',
      'part.price',
      'part.reorderLevel',
      eb.fn.coalesce('stock_level.quantity', sql.lit(0)).as('quantity'),
    ])
    .orderBy('part.partNo')
    .limit(limit);
  if (filter.lowStock) {
    query = query
      .where('part.reorderLevel', '>', 0)
      .where((eb) => eb(eb.fn.coalesce('stock_level.quantity', sql.lit(0)), '<=', eb.ref('part.reorderLevel')));
  } else {
    query = query.where('stock_level.quantity', '>', 0);
  }
  const { q } = filter;
  if (q !== undefined) {
    query = query.where((eb) => eb.or([startsWithText('part.partNo', q.partNo), containsText('part.name', q.name)]));
  }
  if (filter.afterPartNo !== undefined) query = query.where('part.partNo', '>', filter.afterPartNo);
  return query.execute();
}

/** What is in a bag, with the flags a technician needs to know what may go back. */
export const findBagItems = (db: Kysely<DB>, locationId: string) =>
  db
    .selectFrom('stock_level')
    .innerJoin('part', 'part.id', 'stock_level.partId')
    .select([
      'part.id',
      'part.partNo',
      'part.name',
      'part.price',
      'part.returnable',
      'part.mustReturnDefective',
      'stock_level.quantity',
    ])
    .where('stock_level.locationId', '=', locationId)
    .where('stock_level.quantity', '>', 0)
    .orderBy('part.partNo')
    .execute();

/** Units in a bag and their value at current prices. */
export async function findBagUsage(db: Kysely<DB>, locationId: string): Promise<{ items: number; value: number }> {
  const row = await db
    .selectFrom('stock_level')
    .innerJoin('part', 'part.id', 'stock_level.partId')
    .select((eb) => [
      eb.fn.sum<number | string | null>('stock_level.quantity').as('items'),
      eb.fn.sum<number | string | null>(eb('stock_level.quantity', '*', eb.ref('part.price'))).as('value'),
    ])
    .where('stock_level.locationId', '=', locationId)
    .executeTakeFirst();
  return { items: Number(row?.items ?? 0), value: Number(row?.value ?? 0) };
}

export async function insertLedgerEntries(db: Kysely<DB>, rows: Insertable<StockLedgerEntryTable>[]) {
  if (rows.length === 0) return;
  await db.insertInto('stock_ledger_entry').values(rows).execute();
}

export interface LedgerFilter {
  /** Entries into or out of this location. */
  locationId?: string | undefined;
  /** Entries into or out of any of these (the caller's scope); undefined: everywhere. */
  visibleLocationIds?: string[] | undefined;
  partId?: string | undefined;
  workOrderId?: string | undefined;
  beforeId?: string | undefined;
}

export function findLedger(db: Kysely<DB>, filter: LedgerFilter, limit: number) {
  let query = db
    .selectFrom('stock_ledger_entry')
    .innerJoin('part', 'part.id', 'stock_ledger_entry.partId')
    .innerJoin('user as actor', 'actor.id', 'stock_ledger_entry.actorId')
    .selectAll('stock_ledger_entry')
    .select(['part.partNo', 'part.name as partName', 'actor.name as actorName'])
    .orderBy('stock_ledger_entry.id', 'desc')
    .limit(limit);
  const { locationId, visibleLocationIds } = filter;
  if (locationId !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb('stock_ledger_entry.fromLocationId', '=', locationId),
        eb('stock_ledger_entry.toLocationId', '=', locationId),
      ]),
    );
  }
  if (visibleLocationIds !== undefined) {
    if (visibleLocationIds.length === 0) return Promise.resolve([]);
    query = query.where((eb) =>
      eb.or([
        eb('stock_ledger_entry.fromLocationId', 'in', visibleLocationIds),
        eb('stock_ledger_entry.toLocationId', 'in', visibleLocationIds),
      ]),
    );
  }
  if (filter.partId !== undefined) query = query.where('stock_ledger_entry.partId', '=', filter.partId);
  if (filter.workOrderId !== undefined) query = query.where('stock_ledger_entry.workOrderId', '=', filter.workOrderId);
  if (filter.beforeId !== undefined) query = query.where('stock_ledger_entry.id', '<', filter.beforeId);
  return query.execute();
}

export type LedgerRow = Awaited<ReturnType<typeof findLedger>>[number];

export const findTechnicianLimit = (db: Kysely<DB>, technicianId: string) =>
  db.selectFrom('technician_part_limit').selectAll().where('technicianId', '=', technicianId).executeTakeFirst();

export const findBranchLimit = (db: Kysely<DB>, branchId: string) =>
  db.selectFrom('branch_part_limit').selectAll().where('branchId', '=', branchId).executeTakeFirst();

export interface LimitValues {
  maxItems: number | null;
  maxValue: number | null;
  updatedBy: string;
  updatedAt: string;
}

/** Replaces a technician's own limits (delete and insert: the same SQL on both databases). */
export async function replaceTechnicianLimit(db: Kysely<DB>, technicianId: string, values: LimitValues | null) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('technician_part_limit').where('technicianId', '=', technicianId).execute();
    if (values !== null)
      await trx
        .insertInto('technician_part_limit')
        .values({ technicianId, ...values })
        .execute();
  });
}

export async function replaceBranchLimit(db: Kysely<DB>, branchId: string, values: LimitValues) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('branch_part_limit').where('branchId', '=', branchId).execute();
    await trx
      .insertInto('branch_part_limit')
      .values({ branchId, ...values })
      .execute();
  });
}
