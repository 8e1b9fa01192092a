import type { Insertable, Kysely } from 'kysely';
import type {
  WorkOrderApprovalTable,
  WorkOrderOverpaymentTable,
  WorkOrderPaymentTable,
  WorkOrderRefundTable,
} from '../../db/schema/billing';
import type { DB } from '../../db/schema/index';

export const findCharge = (db: Kysely<DB>, workOrderId: string) =>
  db.selectFrom('work_order_charge').selectAll().where('workOrderId', '=', workOrderId).executeTakeFirst();

/**
 * Gives a work order its charges row (all zero, version 0) unless it has one, outside the
 * transaction to come, so that the transaction can lock an existing row instead of racing
 * to insert one; a concurrent creator's duplicate key is harmless.
 */
export async function ensureCharge(db: Kysely<DB>, workOrderId: string, actorId: string, at: string) {
  if (await findCharge(db, workOrderId)) return;
  try {
    await db
      .insertInto('work_order_charge')
      .values({ workOrderId, labor: 0, transport: 0, discount: 0, version: 0, updatedBy: actorId, updatedAt: at })
      .execute();
  } catch (error) {
    if (!(await findCharge(db, workOrderId))) throw error;
  }
}

/** Sets the amounts only if the row still has `expectedVersion`; returns whether it did. */
export async function updateChargeIfVersion(
  db: Kysely<DB>,
  workOrderId: string,
  expectedVersion: number,
  values: { labor: number; transport: number; discount: number; updatedBy: string; updatedAt: string },
): Promise<boolean> {
  const result = await db
    .updateTable('work_order_charge')
    .set({ ...values, version: expectedVersion + 1 })
    .where('workOrderId', '=', workOrderId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Locks the work order's charges row for the rest of the transaction, so payments to one
 * work order are checked against the balance one after another. An UPDATE locks the rows
 * it matches on MySQL even when it changes nothing; SQLite has a single writer anyway.
 */
export async function lockCharge(db: Kysely<DB>, workOrderId: string) {
  await db
    .updateTable('work_order_charge')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('workOrderId', '=', workOrderId)
    .execute();
}

/** The latest approval: ids are UUIDv7, so time-ordered. */
export const findLatestApproval = (db: Kysely<DB>, workOrderId: string) =>
  db
    .selectFrom('work_order_approval')
    .selectAll()
    .where('workOrderId', '=', workOrderId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

export const insertApproval = (db: Kysely<DB>, row: Insertable<WorkOrderApprovalTable>) =>
  db.insertInto('work_order_approval').values(row).execute();

export const findPayments = (db: Kysely<DB>, workOrderId: string) =>
  db
    .selectFrom('work_order_payment')
    .innerJoin('user', 'user.id', 'work_order_payment.receivedBy')
    .selectAll('work_order_payment')
    .select('user.name as receivedByName')
    .where('work_order_payment.workOrderId', '=', workOrderId)
    .orderBy('work_order_payment.id')
    .execute();

export const insertPayment = (db: Kysely<DB>, row: Insertable<WorkOrderPaymentTable>) =>
  db.insertInto('work_order_payment').values(row).execute();

export const findOverpayments = (db: Kysely<DB>, workOrderId: string) =>
  db
    .selectFrom('work_order_overpayment')
    .innerJoin('user', 'user.id', 'work_order_overpayment.recordedBy')
    .selectAll('work_order_overpayment')
    .select('user.name as recordedByName')
    .where('work_order_overpayment.workOrderId', '=', workOrderId)
    .orderBy('work_order_overpayment.id')
    .execute();

export const insertOverpayment = (db: Kysely<DB>, row: Insertable<WorkOrderOverpaymentTable>) =>
  db.insertInto('work_order_overpayment').values(row).execute();

export const findRefunds = (db: Kysely<DB>, workOrderId: string) =>
  db
    .selectFrom('work_order_refund')
    .innerJoin('user', 'user.id', 'work_order_refund.recordedBy')
    .selectAll('work_order_refund')
    .select('user.name as recordedByName')
    .where('work_order_refund.workOrderId', '=', workOrderId)
    .orderBy('work_order_refund.id')
    .execute();

export const insertRefund = (db: Kysely<DB>, row: Insertable<WorkOrderRefundTable>) =>
  db.insertInto('work_order_refund').values(row).execute();
