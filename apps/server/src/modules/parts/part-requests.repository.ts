import type { PartRequestStatus, PartReturnStatus } from '@purnajual/contract';
import { type Insertable, type Kysely, sql, type Updateable } from 'kysely';
import type { DB } from '../../db/schema/index';
import { type DocumentScope, documentWhere } from '../../platform/access-policy/part-document-policy';

const requestColumns = {
  branchId: sql.ref<string>('part_request.branchId'),
  technicianId: sql.ref<string>('part_request.technicianId'),
};
const returnColumns = {
  branchId: sql.ref<string>('part_return.branchId'),
  technicianId: sql.ref<string>('part_return.technicianId'),
};

function selectRequests(db: Kysely<DB>) {
  return db
    .selectFrom('part_request')
    .innerJoin('user as technician', 'technician.id', 'part_request.technicianId')
    .leftJoin('work_order', 'work_order.id', 'part_request.workOrderId')
    .leftJoin('user as decider', 'decider.id', 'part_request.decidedBy')
    .leftJoin('user as issuer', 'issuer.id', 'part_request.issuedBy')
    .selectAll('part_request')
    .select([
      'technician.name as technicianName',
      'work_order.number as workOrderNumber',
      'decider.name as decidedByName',
      'issuer.name as issuedByName',
    ]);
}

export type RequestRow = Awaited<ReturnType<ReturnType<typeof selectRequests>['executeTakeFirstOrThrow']>>;

export interface RequestFilter {
  statuses?: readonly PartRequestStatus[] | undefined;
  technicianId?: string | undefined;
  workOrderId?: string | undefined;
  beforeId?: string | undefined;
}

export function findRequests(db: Kysely<DB>, scope: DocumentScope, filter: RequestFilter, limit: number) {
  let query = selectRequests(db)
    .where(documentWhere(requestColumns, scope))
    .orderBy('part_request.id', 'desc')
    .limit(limit);
  if (filter.statuses !== undefined) query = query.where('part_request.status', 'in', filter.statuses);
  if (filter.technicianId !== undefined) query = query.where('part_request.technicianId', '=', filter.technicianId);
  if (filter.workOrderId !== undefined) query = query.where('part_request.workOrderId', '=', filter.workOrderId);
  if (filter.beforeId !== undefined) query = query.where('part_request.id', '<', filter.beforeId);
  return query.execute();
}

export const findRequest = (db: Kysely<DB>, scope: DocumentScope, id: string) =>
  selectRequests(db).where('part_request.id', '=', id).where(documentWhere(requestColumns, scope)).executeTakeFirst();

/** What a line shows of its part. */
const partColumns = ['part.id as partId', 'part.partNo', 'part.name', 'part.price'] as const;

export async function findRequestLines(db: Kysely<DB>, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom('part_request_line')
    .innerJoin('part', 'part.id', 'part_request_line.partId')
    .select(['part_request_line.requestId', 'part_request_line.quantity', ...partColumns])
    .where('part_request_line.requestId', 'in', requestIds)
    .orderBy('part.partNo')
    .execute();
}

/** A request or a return: both keep their lines in a table of their own and move on under a version. */
type DocumentTable = 'part_request' | 'part_return';

/** Writes a document and its lines, which go only to the document's own line table. */
function documentInsert<T extends DocumentTable, L extends `${T}_line`>(table: T, lineTable: L) {
  return async (db: Kysely<DB>, row: Insertable<DB[T]>, lines: Insertable<DB[L]>[]) => {
    await db.insertInto(table).values(row).execute();
    await db.insertInto(lineTable).values(lines).execute();
  };
}

/**
 * Moves a document on only from the status and version it was read at; returns whether it
 * did. Of two warehouse clerks pressing "issue" at once, exactly one gets true.
 */
function versionedUpdate<T extends DocumentTable>(table: T) {
  // Kysely cannot build on a table name left generic, but can on the union; the signature
  // below still keeps each document's status and patch to its own table.
  const target: DocumentTable = table;
  return async (
    db: Kysely<DB>,
    id: string,
    expected: { status: DB[T]['status']; version: number },
    patch: Updateable<DB[T]>,
  ): Promise<boolean> => {
    const result = await db
      .updateTable(target)
      .set({ ...patch, version: expected.version + 1 })
      .where('id', '=', id)
      .where('status', '=', expected.status)
      .where('version', '=', expected.version)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  };
}

export const insertRequest = documentInsert('part_request', 'part_request_line');
export const updateRequestIf = versionedUpdate('part_request');

function selectReturns(db: Kysely<DB>) {
  return db
    .selectFrom('part_return')
    .innerJoin('user as technician', 'technician.id', 'part_return.technicianId')
    .leftJoin('user as receiver', 'receiver.id', 'part_return.receivedBy')
    .selectAll('part_return')
    .select(['technician.name as technicianName', 'receiver.name as receivedByName']);
}

export type ReturnRow = Awaited<ReturnType<ReturnType<typeof selectReturns>['executeTakeFirstOrThrow']>>;

export interface ReturnFilter {
  statuses?: readonly PartReturnStatus[] | undefined;
  technicianId?: string | undefined;
  beforeId?: string | undefined;
}

export function findReturns(db: Kysely<DB>, scope: DocumentScope, filter: ReturnFilter, limit: number) {
  let query = selectReturns(db)
    .where(documentWhere(returnColumns, scope))
    .orderBy('part_return.id', 'desc')
    .limit(limit);
  if (filter.statuses !== undefined) query = query.where('part_return.status', 'in', filter.statuses);
  if (filter.technicianId !== undefined) query = query.where('part_return.technicianId', '=', filter.technicianId);
  if (filter.beforeId !== undefined) query = query.where('part_return.id', '<', filter.beforeId);
  return query.execute();
}

export const findReturn = (db: Kysely<DB>, scope: DocumentScope, id: string) =>
  selectReturns(db).where('part_return.id', '=', id).where(documentWhere(returnColumns, scope)).executeTakeFirst();

export async function findReturnLines(db: Kysely<DB>, returnIds: string[]) {
  if (returnIds.length === 0) return [];
  return db
    .selectFrom('part_return_line')
    .innerJoin('part', 'part.id', 'part_return_line.partId')
    .leftJoin('work_order', 'work_order.id', 'part_return_line.workOrderId')
    .select([
      'part_return_line.id',
      'part_return_line.returnId',
      'part_return_line.quantity',
      'part_return_line.condition',
      'part_return_line.workOrderId',
      'work_order.number as workOrderNumber',
      ...partColumns,
    ])
    .where('part_return_line.returnId', 'in', returnIds)
    .orderBy('part.partNo')
    .execute();
}

export const insertReturn = documentInsert('part_return', 'part_return_line');
export const updateReturnIf = versionedUpdate('part_return');

/** Units of each part a technician's submitted returns still take from the bag. */
export async function findPendingBagReturns(db: Kysely<DB>, technicianId: string) {
  const rows = await db
    .selectFrom('part_return_line')
    .innerJoin('part_return', 'part_return.id', 'part_return_line.returnId')
    .select((eb) => ['part_return_line.partId', eb.fn.sum<number | string>('part_return_line.quantity').as('quantity')])
    .where('part_return.technicianId', '=', technicianId)
    .where('part_return.status', '=', 'submitted')
    .where('part_return_line.workOrderId', 'is', null)
    .groupBy('part_return_line.partId')
    .execute();
  return new Map(rows.map((row) => [row.partId, Number(row.quantity)]));
}

/**
 * Parts a technician fitted (and did not take back) per work order, and the defective
 * ones they replaced that came back or are on their way: the difference is still due.
 */
export async function findDefectiveAccount(db: Kysely<DB>, technicianId: string, onlyMustReturn: boolean) {
  let usedQuery = db
    .selectFrom('work_order_part')
    .innerJoin('part', 'part.id', 'work_order_part.partId')
    .innerJoin('work_order', 'work_order.id', 'work_order_part.workOrderId')
    .select((eb) => [
      'work_order_part.workOrderId',
      'work_order.number as workOrderNumber',
      ...partColumns,
      eb.fn.sum<number | string>('work_order_part.quantity').as('quantity'),
    ])
    .where('work_order_part.technicianId', '=', technicianId)
    .where('work_order_part.reversedAt', 'is', null)
    .groupBy(['work_order_part.workOrderId', 'work_order.number', 'part.id', 'part.partNo', 'part.name', 'part.price']);
  if (onlyMustReturn) usedQuery = usedQuery.where('part.mustReturnDefective', '=', 1);
  const [used, returned] = await Promise.all([
    usedQuery.execute(),
    db
      .selectFrom('part_return_line')
      .innerJoin('part_return', 'part_return.id', 'part_return_line.returnId')
      .select((eb) => [
        'part_return_line.workOrderId',
        'part_return_line.partId',
        eb.fn.sum<number | string>('part_return_line.quantity').as('quantity'),
      ])
      .where('part_return.technicianId', '=', technicianId)
      .where('part_return.status', 'in', ['submitted', 'received'])
      .where('part_return_line.workOrderId', 'is not', null)
      .groupBy(['part_return_line.workOrderId', 'part_return_line.partId'])
      .execute(),
  ]);
  const back = new Map(returned.map((row) => [`${row.workOrderId}/${row.partId}`, Number(row.quantity)]));
  return used
    .map((row) => ({ ...row, due: Number(row.quantity) - (back.get(`${row.workOrderId}/${row.partId}`) ?? 0) }))
    .filter((row) => row.due > 0);
}
