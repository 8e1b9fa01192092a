import type { WorkOrderBilling } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { DB } from '../../db/schema/index';
import type { BillableOrder } from '../work-orders/ports';
import * as repo from './billing.repository';
import { billDigest, type ChargeAmounts, computeBill, type PricingRules } from './charges';
import type { PriceListEntry } from './price-list';

const noCharges: ChargeAmounts = { labor: 0, transport: 0, discount: 0 };
const sumOf = (rows: readonly { amount: number }[]) => rows.reduce((sum, row) => sum + row.amount, 0);

/**
 * Reads a work order's bill: its charges, approval and payments, priced by the rules in
 * the configuration. It knows nothing of who asks; the work-order service calls it for
 * the detail and the closing rule, the billing service for its checks.
 */
export function createBillingReader({ config }: { config: Pick<Config, 'billing'> }) {
  const rules: PricingRules = {
    taxRatePercent: config.billing.taxRatePercent,
    warrantyCovers: config.billing.warrantyCovers,
  };
  const priceListFor = (order: Pick<BillableOrder, 'serviceType' | 'category'>): PriceListEntry =>
    config.billing.priceList[order.serviceType][order.category];
  const billFor = (order: BillableOrder, charges: ChargeAmounts) => computeBill(order, charges, rules);

  return {
    rules,
    priceListFor,
    billFor,
    /** The fingerprint an approval records of the bill it approves. */
    digestOf: (order: BillableOrder, charges: ChargeAmounts) => billDigest(billFor(order, charges)),

    /** Reads through `conn`: inside a transaction, SQLite's one connection belongs to it. */
    async describe(conn: Kysely<DB>, order: BillableOrder): Promise<WorkOrderBilling> {
      const [charge, approval, payments, overpayments, refunds] = await Promise.all([
        repo.findCharge(conn, order.id),
        repo.findLatestApproval(conn, order.id),
        repo.findPayments(conn, order.id),
        repo.findOverpayments(conn, order.id),
        repo.findRefunds(conn, order.id),
      ]);
      const charges: ChargeAmounts = charge
        ? { labor: charge.labor, transport: charge.transport, discount: charge.discount }
        : noCharges;
      const bill = billFor(order, charges);
      const paid = sumOf(payments);
      const refunded = sumOf(refunds);
      const priceList = priceListFor(order);
      return {
        lines: bill.lines,
        subtotal: bill.subtotal,
        taxRatePercent: rules.taxRatePercent,
        tax: bill.tax,
        total: bill.total,
        warrantyCovers: bill.warrantyCovers,
        customerPays: bill.customerPays,
        charges,
        priceList: { laborOptions: priceList.labor, transport: priceList.transport },
        version: charge?.version ?? 0,
        approval: approval
          ? {
              id: approval.id,
              name: approval.name,
              approvedTotal: approval.approvedTotal,
              customerPays: approval.customerPays,
              at: approval.at,
              signatureUrl: `/api/v1/work-orders/${order.id}/approval/signature.png`,
              isCurrent: approval.billDigest === billDigest(bill),
            }
          : null,
        payments: payments.map((payment) => ({
          id: payment.id,
          method: payment.method,
          amount: payment.amount,
          reference: payment.reference,
          receiptNumber: payment.receiptNumber,
          at: payment.at,
          receivedBy: { id: payment.receivedBy, name: payment.receivedByName },
        })),
        paid,
        overpayments: overpayments.map((overpayment) => ({
          id: overpayment.id,
          amount: overpayment.amount,
          reason: overpayment.reason,
          at: overpayment.at,
          recordedBy: { id: overpayment.recordedBy, name: overpayment.recordedByName },
        })),
        refunds: refunds.map((refund) => ({
          id: refund.id,
          kind: refund.kind,
          method: refund.method,
          amount: refund.amount,
          reference: refund.reference,
          number: refund.number,
          reason: refund.reason,
          at: refund.at,
          recordedBy: { id: refund.recordedBy, name: refund.recordedByName },
        })),
        refunded,
        balance: bill.customerPays - paid + refunded,
      };
    },
  };
}

export type BillingReader = ReturnType<typeof createBillingReader>;
