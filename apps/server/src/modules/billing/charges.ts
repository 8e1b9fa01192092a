import { createHash } from 'node:crypto';
import type { BillingLine, WarrantyStatus, WorkOrderPart } from '@purnajual/contract';

/*
 * The arithmetic of a work order's bill, free of I/O so a table of cases can pin it down.
 *
 * Rounding: every line is an exact integer (quantity × unit price in whole rupiah). Tax is
 * added on top of the net amount (prices are before PPN) and computed once on a sum, never
 * per line, so line roundings cannot add up; it is rounded half up to a whole rupiah
 * (Rp 0,50 and more up, less down), in integer arithmetic with the rate in hundredths of
 * a percent, so no binary fraction ever decides a rupiah. The customer's tax is computed
 * the same way on the customer's own net amount.
 */

export type CoverableKind = 'labor' | 'transport' | 'part';

export interface PricingRules {
  taxRatePercent: number;
  /** What the warranty pays on an in-warranty work order. */
  warrantyCovers: readonly CoverableKind[];
}

export interface ChargeAmounts {
  labor: number;
  transport: number;
  discount: number;
}

export interface BillableWork {
  warrantyStatus: WarrantyStatus;
  partsUsed: readonly WorkOrderPart[];
}

export interface ComputedBill {
  lines: BillingLine[];
  subtotal: number;
  tax: number;
  total: number;
  warrantyCovers: number;
  customerPays: number;
  /** The customer's share before tax and discount: the largest discount that can apply. */
  maxDiscount: number;
}

/** Tax on a net amount, rounded half up to a whole rupiah. */
export function taxOn(amount: number, ratePercent: number): number {
  const hundredthsOfPercent = BigInt(Math.round(ratePercent * 100));
  return Number((BigInt(amount) * hundredthsOfPercent + 5_000n) / 10_000n);
}

/**
 * The itemized bill. Only `in_warranty` is covered: a product whose warranty is unknown
 * is charged, as the office cannot claim it from the manufacturer. The discount comes off
 * the customer's share only, and never takes it below zero.
 */
export function computeBill(work: BillableWork, charges: ChargeAmounts, rules: PricingRules): ComputedBill {
  const isCovered = (kind: CoverableKind) =>
    work.warrantyStatus === 'in_warranty' && rules.warrantyCovers.includes(kind);
  const lines: BillingLine[] = [];
  const add = (kind: CoverableKind, description: string, quantity: number, unitPrice: number, partId: string | null) =>
    lines.push({
      kind,
      description,
      quantity,
      unitPrice,
      amount: quantity * unitPrice,
      coveredByWarranty: isCovered(kind),
      partId,
    });
  if (charges.labor > 0) add('labor', 'Jasa servis', 1, charges.labor, null);
  if (charges.transport > 0) add('transport', 'Biaya transport', 1, charges.transport, null);
  for (const part of work.partsUsed)
    add('part', `${part.partNo} ${part.name}`, part.quantity, part.unitPrice, part.partId);

  const customerBeforeDiscount = sumOf(lines.filter((line) => !line.coveredByWarranty));
  const discount = Math.min(charges.discount, customerBeforeDiscount);
  if (discount > 0) {
    lines.push({
      kind: 'discount',
      description: 'Diskon',
      quantity: 1,
      unitPrice: -discount,
      amount: -discount,
      coveredByWarranty: false,
      partId: null,
    });
  }
  const subtotal = sumOf(lines);
  const total = subtotal + taxOn(subtotal, rules.taxRatePercent);
  const customerNet = customerBeforeDiscount - discount;
  const customerPays = customerNet + taxOn(customerNet, rules.taxRatePercent);
  return {
    lines,
    subtotal,
    tax: total - subtotal,
    total,
    warrantyCovers: total - customerPays,
    customerPays,
    maxDiscount: customerBeforeDiscount,
  };
}

/**
 * A fingerprint of the bill as the customer saw it; an approval stays current only while
 * the bill still has it, whatever changed it (charges, parts, warranty or tax rate).
 */
export function billDigest(bill: ComputedBill): string {
  const { lines, subtotal, tax, total, customerPays } = bill;
  return createHash('sha256').update(JSON.stringify({ lines, subtotal, tax, total, customerPays })).digest('hex');
}

const sumOf = (lines: readonly BillingLine[]) => lines.reduce((sum, line) => sum + line.amount, 0);
