import type { WorkOrderMatch, WorkOrderStatus } from '@purnajual/contract';
import type { Insertable, Kysely, Selectable, SelectQueryBuilder, Updateable } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { WorkOrderHistoryTable, WorkOrderTable } from '../../db/schema/work-order';
import type { WorkOrderAttachmentTable } from '../../db/schema/work-order-attachment';
import {
  type WorkOrderScope,
  workOrderListParts,
  workOrderWhere,
} from '../../platform/access-policy/work-order-policy';
import { matchingTokens, type TokenMatchQuery } from '../search/search-index';
import type { SearchPlan } from '../search/search-plan';

export type WorkOrderRowBase = Selectable<WorkOrderTable>;
export type AttachmentRow = Selectable<WorkOrderAttachmentTable>;

export interface WorkOrderFilter {
  statuses?: readonly WorkOrderStatus[] | undefined;
  /** A branch's id, or null for work orders no branch serves. */
  branchId?: string | null | undefined;
  /** A technician's id, or null for unassigned work orders. */
  technicianId?: string | null | undefined;
  customerId?: string | undefined;
  /** One unit: its work orders under every owner it had. */
  customerProductId?: string | undefined;
  createdFrom?: string | undefined;
  createdBefore?: string | undefined;
  /** Keyset cursor: ids below this one (newest first). */
  beforeId?: string | undefined;
}

function selectWorkOrders(db: Kysely<DB>) {
  return db
    .selectFrom('work_order')
    .innerJoin('customer', 'customer.id', 'work_order.customerId')
    .leftJoin('customer_product', 'customer_product.id', 'work_order.customerProductId')
    .leftJoin('product_model', 'product_model.code', 'customer_product.modelCode')
    .leftJoin('user as technician', 'technician.id', 'work_order.technicianId')
    .leftJoin('work_order as repeat_of', 'repeat_of.id', 'work_order.repeatOfId')
    .selectAll('work_order')
    .select([
      'customer.name as customerName',
      'customer.phone as customerPhone',
      'customer.email as customerEmail',
      'customer.messagesOptOut as customerMessagesOptOut',
      'customer.language as customerLanguage',
      'customer.address as customerAddress',
      'customer.areaCode as customerAreaCode',
      'customer_product.serialNumber as productSerialNumber',
      'customer_product.purchaseDate as productPurchaseDate',
      'customer_product.warrantyUntil as productWarrantyUntil',
      'product_model.code as modelCode',
      'product_model.brand as modelBrand',
      'product_model.name as modelName',
      'product_model.category as modelCategory',
      'product_model.warrantyMonths as modelWarrantyMonths',
      'technician.name as technicianName',
      'repeat_of.number as repeatOfNumber',
      'repeat_of.completedAt as repeatOfCompletedAt',
    ]);
}

export type WorkOrderRow = Awaited<ReturnType<ReturnType<typeof selectWorkOrders>['executeTakeFirstOrThrow']>>;

/** The list's filters but the text and the cursor, on any query that has the work order in it. */
function applyFilter<Q extends SelectQueryBuilder<DB, 'work_order', object>>(query: Q, filter: WorkOrderFilter): Q {
  let filtered: SelectQueryBuilder<DB, 'work_order', object> = query;
  if (filter.statuses !== undefined) filtered = filtered.where('work_order.status', 'in', filter.statuses);
  if (filter.branchId === null) filtered = filtered.where('work_order.branchId', 'is', null);
  else if (filter.branchId !== undefined) filtered = filtered.where('work_order.branchId', '=', filter.branchId);
  if (filter.technicianId === null) filtered = filtered.where('work_order.technicianId', 'is', null);
  else if (filter.technicianId !== undefined)
    filtered = filtered.where('work_order.technicianId', '=', filter.technicianId);
  if (filter.customerId !== undefined) filtered = filtered.where('work_order.customerId', '=', filter.customerId);
  if (filter.customerProductId !== undefined) {
    filtered = filtered.where('work_order.customerProductId', '=', filter.customerProductId);
  }
  if (filter.createdFrom !== undefined) filtered = filtered.where('work_order.createdAt', '>=', filter.createdFrom);
  if (filter.createdBefore !== undefined) filtered = filtered.where('work_order.createdAt', '<', filter.createdBefore);
  return filtered as Q;
}

/**
 * The list queries, unexecuted (one per part of the scope); the benchmark runs the very
 * same SQL through the bare driver. `findWorkOrders` merges their results.
 */
export function buildWorkOrdersQueries(db: Kysely<DB>, scope: WorkOrderScope, filter: WorkOrderFilter, limit: number) {
  return workOrderListParts(scope).map((condition) => {
    let query = applyFilter(
      selectWorkOrders(db).where(condition).orderBy('work_order.id', 'desc').limit(limit),
      filter,
    );
    if (filter.beforeId !== undefined) query = query.where('work_order.id', '<', filter.beforeId);
    return query;
  });
}

/**
 * The search queries of `plan`, unexecuted: each yields work orders (`entityId`) in the
 * caller's scope and the list's filters with the token they matched on, the newest
 * `limit` of them. Each starts from the token index — at most `limit` tokens — and
 * reaches the work orders by key (the EXPLAIN test checks every one of them).
 */
export function buildWorkOrderSearchQueries(
  db: Kysely<DB>,
  scope: WorkOrderScope,
  filter: WorkOrderFilter,
  plan: SearchPlan,
  limit: number,
) {
  const via = (tokens: ReturnType<typeof matchingTokens>, on: 'id' | 'customerId' | 'customerProductId') =>
    applyFilter(
      db
        .selectFrom(tokens.as('matches'))
        .innerJoin('work_order', `work_order.${on}`, 'matches.entityId')
        .select(['work_order.id as entityId', 'matches.token'])
        .where((eb) => workOrderWhere(eb, scope))
        .orderBy('work_order.id', 'desc')
        .limit(limit),
      filter,
    );
  const queries: { field: WorkOrderMatch['field']; query: TokenMatchQuery }[] = [];
  const add = (field: WorkOrderMatch['field'], query: TokenMatchQuery) => queries.push({ field, query });
  if (plan.kind === 'digits') {
    for (const prefix of plan.phonePrefixes) {
      add('phone', via(matchingTokens(db, 'phone', prefix, limit), 'customerId'));
    }
    add('serial', via(matchingTokens(db, 'serial', plan.code, limit), 'customerProductId'));
    return queries;
  }
  if (plan.code !== null) {
    add('number', via(matchingTokens(db, 'number', plan.code, limit), 'id'));
    add('serial', via(matchingTokens(db, 'serial', plan.code, limit), 'customerProductId'));
  }
  const [first, ...others] = plan.words;
  if (first !== undefined) {
    add('name', via(matchingTokens(db, 'name', first, limit, others), 'customerId'));
    add('complaint', via(matchingTokens(db, 'complaint', first, limit, others), 'id'));
  }
  return queries;
}

/** Newest first, across the parts of the scope. */
export async function findWorkOrders(
  db: Kysely<DB>,
  scope: WorkOrderScope,
  filter: WorkOrderFilter,
  limit: number,
): Promise<WorkOrderRow[]> {
  const parts = await Promise.all(buildWorkOrdersQueries(db, scope, filter, limit).map((query) => query.execute()));
  if (parts.length === 1) return parts[0] ?? [];
  return parts
    .flat()
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, limit);
}

export const findWorkOrder = (db: Kysely<DB>, scope: WorkOrderScope, id: string) =>
  selectWorkOrders(db)
    .where('work_order.id', '=', id)
    .where((eb) => workOrderWhere(eb, scope))
    .executeTakeFirst();

/** Work orders by id, unscoped: for callers that chose the ids under their own rules. */
export const findWorkOrdersByIds = (db: Kysely<DB>, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : selectWorkOrders(db).where('work_order.id', 'in', ids).execute();

/** Open work orders of this customer or this product, for the intake duplicate warning. */
export function findOpenDuplicates(db: Kysely<DB>, customerId: string, customerProductId: string | null) {
  return db
    .selectFrom('work_order')
    .select(['id', 'number', 'status'])
    .where((eb) =>
      eb.or([
        eb('customerId', '=', customerId),
        ...(customerProductId === null ? [] : [eb('customerProductId', '=', customerProductId)]),
      ]),
    )
    .where('status', 'not in', ['completed', 'closed', 'cancelled'])
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
}

export function countByStatus(db: Kysely<DB>, scope: WorkOrderScope, branchId: string | null | undefined) {
  let query = db
    .selectFrom('work_order')
    .select((eb) => ['work_order.status', eb.fn.countAll<number | string>().as('count')])
    .where((eb) => workOrderWhere(eb, scope))
    .groupBy('work_order.status');
  if (branchId === null) query = query.where('work_order.branchId', 'is', null);
  else if (branchId !== undefined) query = query.where('work_order.branchId', '=', branchId);
  return query.execute();
}

export const insertWorkOrder = (db: Kysely<DB>, row: Insertable<WorkOrderTable>) =>
  db.insertInto('work_order').values(row).execute();

/** Applies the change only if the row still has `expectedVersion`; returns whether it did. */
export async function updateWorkOrderIfVersion(
  db: Kysely<DB>,
  id: string,
  expectedVersion: number,
  patch: Updateable<WorkOrderTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('work_order')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export const insertHistory = (db: Kysely<DB>, row: Insertable<WorkOrderHistoryTable>) =>
  db.insertInto('work_order_history').values(row).execute();

/** When the work order's latest step happened: a step recorded later may not come before it. */
export async function findLatestStepAt(db: Kysely<DB>, workOrderId: string): Promise<string | null> {
  const row = await db
    .selectFrom('work_order_history')
    .select(({ fn }) => fn.max('at').as('at'))
    .where('workOrderId', '=', workOrderId)
    .executeTakeFirst();
  return row?.at ?? null;
}

export const findHistory = (db: Kysely<DB>, workOrderId: string) =>
  db
    .selectFrom('work_order_history')
    .leftJoin('user', 'user.id', 'work_order_history.actorId')
    .select([
      'work_order_history.id',
      'work_order_history.action',
      'work_order_history.fromStatus',
      'work_order_history.toStatus',
      'work_order_history.note',
      'work_order_history.at',
      'work_order_history.receivedAt',
      'work_order_history.timeAdjusted',
      'work_order_history.actorId',
      'user.name as actorName',
      'user.role as actorRole',
    ])
    .where('work_order_history.workOrderId', '=', workOrderId)
    .orderBy('work_order_history.id')
    .execute();

/**
 * Adds a photo only while the work order is in none of `closedStatuses`, in one statement,
 * so a close or cancel that commits after the caller looked cannot be overtaken. Returns
 * whether the photo was added.
 */
export async function insertAttachmentUnless(
  db: Kysely<DB>,
  row: Insertable<WorkOrderAttachmentTable>,
  closedStatuses: readonly WorkOrderStatus[],
): Promise<boolean> {
  const result = await db
    .insertInto('work_order_attachment')
    .columns([
      'id',
      'workOrderId',
      'kind',
      'contentType',
      'byteSize',
      'width',
      'height',
      'storageName',
      'uploadedBy',
      'createdAt',
    ])
    .expression((eb) =>
      eb
        .selectFrom('work_order')
        .select((select) => [
          select.val(row.id).as('id'),
          select.val(row.workOrderId).as('workOrderId'),
          select.val(row.kind).as('kind'),
          select.val(row.contentType).as('contentType'),
          select.val(row.byteSize).as('byteSize'),
          select.val(row.width).as('width'),
          select.val(row.height).as('height'),
          select.val(row.storageName).as('storageName'),
          select.val(row.uploadedBy).as('uploadedBy'),
          select.val(row.createdAt).as('createdAt'),
        ])
        .where('work_order.id', '=', row.workOrderId)
        .where('work_order.status', 'not in', closedStatuses),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** A work order's photos in upload order (ids are UUIDv7, so time-ordered). */
export const findAttachments = (db: Kysely<DB>, workOrderId: string) =>
  db.selectFrom('work_order_attachment').selectAll().where('workOrderId', '=', workOrderId).orderBy('id').execute();

export const findAttachment = (db: Kysely<DB>, workOrderId: string, attachmentId: string) =>
  db
    .selectFrom('work_order_attachment')
    .selectAll()
    .where('workOrderId', '=', workOrderId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();

/**
 * Counts one photo of `bytes` on the work order, if it fits under both of its quotas: one
 * conditional update, so parallel uploads (on any instance) take turns on the row and the
 * last one that fits is the last one counted. False when it does not fit.
 */
export async function takePhotoQuota(
  db: Kysely<DB>,
  workOrderId: string,
  bytes: number,
  limits: { maxPhotos: number; maxBytes: number },
): Promise<boolean> {
  const result = await db
    .updateTable('work_order')
    .set((eb) => ({ photoCount: eb('photoCount', '+', 1), photoBytes: eb('photoBytes', '+', bytes) }))
    .where('id', '=', workOrderId)
    .where('photoCount', '<', limits.maxPhotos)
    .where((eb) => eb(eb('photoBytes', '+', bytes), '<=', limits.maxBytes))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function countPhotos(db: Kysely<DB>, workOrderId: string): Promise<number> {
  const row = await db.selectFrom('work_order').select('photoCount').where('id', '=', workOrderId).executeTakeFirst();
  return Number(row?.photoCount ?? 0);
}
