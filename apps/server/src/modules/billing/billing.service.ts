import {
  type ApprovalBody,
  headOfficeTimeZone,
  officeRoles,
  type PaymentBody,
  type RefundBody,
  type SetChargesBody,
  type TimeZone,
  type WorkOrderBilling,
  type WorkOrderDetail,
  type WorkOrderStatus,
} from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { DB } from '../../db/schema/index';
import { AppError, fieldError, notFound } from '../../errors';
import type { Actor } from '../../platform/actor';
import { type Clock, localDate, toIso } from '../../platform/clock';
import { newId } from '../../platform/ids';
import type { ImageNormalizer } from '../../platform/image-normalizer';
import { type FileStorage, saveForChange } from '../../platform/storage/file-storage';
import type { BranchesService } from '../branches/branches.service';
import type { StockService } from '../parts/stock.service';
import type { BillableOrder } from '../work-orders/ports';
import type { WorkOrdersService } from '../work-orders/work-orders.service';
import type { BillingReader } from './billing.reader';
import * as repo from './billing.repository';
import { assertPayable, assertRefundable, documentSeries, nextDocumentNumber } from './money-rules';
import type { ReportPool } from './report-pool';
import type { ReportLanguage } from './service-report-texts';

export interface BillingServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  config: Pick<Config, 'company'>;
  storage: FileStorage;
  images: ImageNormalizer;
  reports: Pick<ReportPool, 'draw'>;
  reader: BillingReader;
  branches: Pick<BranchesService, 'findBranch'>;
  stock: Pick<StockService, 'findPartsUsed'>;
  workOrders: Pick<
    WorkOrdersService,
    'getWorkOrder' | 'recordUpdatedEvent' | 'readSignature' | 'readAttachment' | 'recordedTimeOf'
  >;
  onCommitted: () => void;
}

/** Once closed or cancelled, the bill is final. */
const finalStatuses: readonly WorkOrderStatus[] = ['closed', 'cancelled'];
/** Nothing is owed before someone has taken the work on, nor after it was called off. */
const unpayableStatuses: readonly WorkOrderStatus[] = ['new', 'cancelled'];

const billableOfDetail = (detail: WorkOrderDetail): BillableOrder => ({
  id: detail.id,
  serviceType: detail.serviceType,
  category: detail.product?.model.category ?? 'other',
  warrantyStatus: detail.warrantyStatus,
  partsUsed: detail.partsUsed,
});

/**
 * Charges, the customer's approval, payments and the signed service report of a work
 * order, for those who may see it: the assigned technician and the office.
 */
export function createBillingService(deps: BillingServiceDeps) {
  const { db, clock, config, storage, images, reports, reader, branches, stock, workOrders, onCommitted } = deps;

  /** The work order, if the caller may see it (else 404) and may handle its money (else 403). */
  async function findBillable(actor: Actor, id: string): Promise<WorkOrderDetail> {
    const detail = await workOrders.getWorkOrder(actor, id);
    const mayBill =
      actor.role === 'technician'
        ? detail.technicianId === actor.id
        : (officeRoles as readonly string[]).includes(actor.role);
    if (!mayBill)
      throw new AppError('forbidden', "Only the assigned technician and the office handle a work order's bill");
    return detail;
  }

  async function billingOf(actor: Actor, id: string): Promise<WorkOrderBilling> {
    return (await workOrders.getWorkOrder(actor, id)).billing;
  }

  /** A technician charges the price list: one of its labor levels, its transport, no discount. */
  function checkTechnicianCharges(detail: WorkOrderDetail, body: SetChargesBody) {
    const { laborOptions, transport } = detail.billing.priceList;
    const errors = [
      ...(laborOptions.includes(body.labor)
        ? []
        : [{ path: 'body.labor', message: `must be one of the price list's amounts: ${laborOptions.join(', ')}` }]),
      ...(body.transport === transport
        ? []
        : [{ path: 'body.transport', message: `must be the price list's ${transport}` }]),
      ...(body.discount === 0 ? [] : [{ path: 'body.discount', message: 'may be given by the office only' }]),
    ];
    if (errors.length > 0) {
      throw new AppError('forbidden', 'A technician charges what the price list says; the office may change it', {
        errors,
      });
    }
  }

  /**
   * Runs a change of the money paid under the lock of the work order's charges row, with the
   * bill as it is now (its parts read again), so that payments, refunds and a reopening of
   * one work order are checked one after another: two at once cannot both fit one balance.
   */
  async function withLockedBill<T>(
    detail: WorkOrderDetail,
    change: (trx: Kysely<DB>, billing: WorkOrderBilling) => Promise<T>,
  ): Promise<T> {
    // READ COMMITTED on MySQL: after the lock, the sums must see what the previous holder committed.
    return db
      .transaction()
      .setIsolationLevel('read committed')
      .execute(async (trx) => {
        await repo.lockCharge(trx, detail.id);
        const partsUsed = await stock.findPartsUsed(detail.id, trx);
        return change(trx, await reader.describe(trx, { ...billableOfDetail(detail), partsUsed }));
      });
  }

  async function timeZoneOf(detail: WorkOrderDetail): Promise<TimeZone> {
    const branch = detail.branchId === null ? undefined : await branches.findBranch(detail.branchId);
    return branch?.timeZone ?? headOfficeTimeZone;
  }

  return {
    async setCharges(
      actor: Actor,
      id: string,
      body: SetChargesBody,
      ifMatch: number | undefined,
    ): Promise<WorkOrderBilling> {
      const detail = await findBillable(actor, id);
      if (finalStatuses.includes(detail.status)) {
        throw new AppError('invalid_transition', `The bill of a ${detail.status} work order can no longer change`);
      }
      const current = detail.billing;
      const expected = ifMatch ?? body.version;
      if (expected !== undefined && expected !== current.version) {
        throw new AppError(
          'version_conflict',
          `The charges were changed by someone else; they are now at version ${current.version}`,
        );
      }
      if (actor.role === 'technician') checkTechnicianCharges(detail, body);
      const charges = { labor: body.labor, transport: body.transport, discount: body.discount };
      const bill = reader.billFor(billableOfDetail(detail), charges);
      if (charges.discount > bill.maxDiscount) {
        throw fieldError(
          'body.discount',
          `must not be more than Rp ${bill.maxDiscount}, what the customer would pay before tax`,
          'The discount is more than the customer would pay',
        );
      }
      const kept = current.paid - current.refunded;
      if (bill.customerPays < kept) {
        throw new AppError(
          'conflict',
          `The customer has already paid Rp ${kept}, more than the new amount of Rp ${bill.customerPays}`,
        );
      }
      const unchanged =
        current.version > 0 &&
        charges.labor === current.charges.labor &&
        charges.transport === current.charges.transport &&
        charges.discount === current.charges.discount;
      if (unchanged) return current;

      const at = toIso(clock.now());
      await repo.ensureCharge(db, id, actor.id, at);
      await db.transaction().execute(async (trx) => {
        const updated = await repo.updateChargeIfVersion(trx, id, current.version, {
          ...charges,
          updatedBy: actor.id,
          updatedAt: at,
        });
        if (!updated) throw new AppError('version_conflict', 'The charges were changed by someone else meanwhile');
        await workOrders.recordUpdatedEvent(trx, id, at);
      });
      onCommitted();
      return billingOf(actor, id);
    },

    /**
     * The customer's signature under the itemized bill they were shown. `approvedTotal`
     * must be the current total, so a bill changed while they read it is not signed.
     */
    async approve(actor: Actor, id: string, body: ApprovalBody): Promise<WorkOrderBilling> {
      const detail = await findBillable(actor, id);
      if (detail.status === 'new' || finalStatuses.includes(detail.status)) {
        throw new AppError('invalid_transition', `A ${detail.status} work order takes no approval`);
      }
      const { billing } = detail;
      if (billing.lines.length === 0) {
        throw new AppError('conflict', 'There is nothing to approve yet: set the charges first');
      }
      if (body.approvedTotal !== billing.total) {
        throw new AppError(
          'total_changed',
          `The total is now Rp ${billing.total}, not Rp ${body.approvedTotal}; show the customer the current bill`,
        );
      }
      const signature = await images.readSignature(body.signature);
      const signatureFile = `approval-signatures/${newId()}.png`;
      const at = toIso((await workOrders.recordedTimeOf(id, body)).at);
      await saveForChange(storage, { name: signatureFile, content: signature }, () =>
        db.transaction().execute(async (trx) => {
          await repo.insertApproval(trx, {
            id: newId(),
            workOrderId: id,
            name: body.name,
            approvedTotal: billing.total,
            customerPays: billing.customerPays,
            billDigest: reader.digestOf(billableOfDetail(detail), billing.charges),
            signatureFile,
            recordedBy: actor.id,
            at,
          });
          await workOrders.recordUpdatedEvent(trx, id, at);
        }),
      );
      onCommitted();
      return billingOf(actor, id);
    },

    /**
     * A payment towards the customer's share, against their current approval (else 409
     * `approval_required`). Part payments are welcome; more than the approved balance is
     * refused (409 `payment_exceeds_balance`) rather than kept as change owed.
     */
    async addPayment(actor: Actor, id: string, body: PaymentBody) {
      const detail = await findBillable(actor, id);
      if (unpayableStatuses.includes(detail.status)) {
        throw new AppError('invalid_transition', `A ${detail.status} work order takes no payment`);
      }
      // Refused before anything is written: a refused payment leaves no charges row or
      // receipt series behind. It is checked again under the lock.
      assertPayable(detail.billing, body.amount);
      // Taken offline at the door, it counts (and is numbered) on the day it was taken.
      const now = (await workOrders.recordedTimeOf(id, body)).at;
      const at = toIso(now);
      const series = await documentSeries(db, 'KW', localDate(now, await timeZoneOf(detail)));
      await repo.ensureCharge(db, id, actor.id, at);
      const receiptNumber = await withLockedBill(detail, async (trx, billing) => {
        assertPayable(billing, body.amount);
        const number = await nextDocumentNumber(trx, series);
        await repo.insertPayment(trx, {
          id: newId(),
          workOrderId: id,
          method: body.method,
          amount: body.amount,
          reference: body.reference ?? null,
          receiptNumber: number,
          receivedBy: actor.id,
          at,
        });
        await workOrders.recordUpdatedEvent(trx, id, at);
        return number;
      });
      onCommitted();
      const billing = await billingOf(actor, id);
      const payment = billing.payments.find((p) => p.receiptNumber === receiptNumber);
      if (!payment) throw new Error(`payment ${receiptNumber} vanished after it was committed`);
      return { payment, billing };
    },

    /**
     * Gives back what the customer paid beyond the bill: a refund paid back, or a credit
     * note for a later service; more than the overpayment is 409 `refund_exceeds_overpayment`.
     * Settles an overpaid bill, of a closed or cancelled work order too.
     */
    async addRefund(actor: Actor, id: string, body: RefundBody) {
      const detail = await findBillable(actor, id);
      assertRefundable(detail.billing, body.amount);
      const now = clock.now();
      const at = toIso(now);
      const series = await documentSeries(
        db,
        body.kind === 'refund' ? 'RF' : 'NK',
        localDate(now, await timeZoneOf(detail)),
      );
      const refundNumber = await withLockedBill(detail, async (trx, billing) => {
        assertRefundable(billing, body.amount);
        const number = await nextDocumentNumber(trx, series);
        await repo.insertRefund(trx, {
          id: newId(),
          workOrderId: id,
          kind: body.kind,
          method: body.kind === 'refund' ? body.method : null,
          amount: body.amount,
          reference: body.kind === 'refund' ? (body.reference ?? null) : null,
          number,
          reason: body.reason,
          recordedBy: actor.id,
          at,
        });
        await workOrders.recordUpdatedEvent(trx, id, at);
        return number;
      });
      onCommitted();
      const billing = await billingOf(actor, id);
      const refund = billing.refunds.find((r) => r.number === refundNumber);
      if (!refund) throw new Error(`refund ${refundNumber} vanished after it was committed`);
      return { refund, billing };
    },

    /** The signature of the latest approval, to those who may see the work order. */
    async readApprovalSignature(actor: Actor, id: string): Promise<Buffer> {
      await workOrders.getWorkOrder(actor, id);
      const approval = await repo.findLatestApproval(db, id);
      if (!approval) throw notFound('Approval');
      return storage.read(approval.signatureFile);
    },

    /** The signed service report as a PDF, to those who may see the work order, drawn in the report pool. */
    async renderReport(actor: Actor, id: string, language: ReportLanguage) {
      const detail = await workOrders.getWorkOrder(actor, id);
      // The files are read only once the pool has room: a refused request costs no reading.
      const content = await reports.draw(async () => {
        const approval = detail.billing.approval ? await repo.findLatestApproval(db, id) : undefined;
        // pdfkit draws JPEG and PNG; WebP photos are listed on the detail but left out here.
        const drawable = detail.attachments.filter((a) => a.contentType !== 'image/webp').slice(0, 6);
        const [timeZone, signature, approvalSignature, photos] = await Promise.all([
          timeZoneOf(detail),
          detail.report ? workOrders.readSignature(actor, id) : Promise.resolve(null),
          approval ? storage.read(approval.signatureFile) : Promise.resolve(null),
          Promise.all(
            drawable.map(async (a) => ({
              kind: a.kind,
              content: (await workOrders.readAttachment(actor, id, a.id)).content,
            })),
          ),
        ]);
        return {
          detail,
          company: config.company,
          timeZone,
          language,
          signature,
          approvalSignature,
          photos,
          printedAt: clock.now(),
        };
      });
      return { fileName: `${detail.number}.pdf`, content };
    },
  };
}

export type BillingService = ReturnType<typeof createBillingService>;
