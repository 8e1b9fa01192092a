import type { BillingLine, WarrantyStatus, WorkOrderPart } from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import { type ChargeAmounts, type CoverableKind, computeBill, taxOn } from './charges';

const capacitor: WorkOrderPart = {
  partId: '01933b4c-0000-7000-8000-000000000001',
  partNo: 'CAP-35UF',
  name: 'Kapasitor 35µF',
  quantity: 2,
  unitPrice: 45_000,
};
const sensor: WorkOrderPart = {
  ...capacitor,
  partId: '01933b4c-0000-7000-8000-000000000002',
  partNo: 'TH-10K',
  quantity: 1,
  unitPrice: 33_333,
};

const everything: CoverableKind[] = ['labor', 'transport', 'part'];
const allButTransport: CoverableKind[] = ['labor', 'part'];

describe('tax rounding (half up to a whole rupiah, in integers)', () => {
  it.each([
    // amount, rate %, tax
    [0, 11, 0],
    [100, 11, 11],
    [4, 11, 0], // 0.44
    [5, 11, 1], // 0.55
    [50, 11, 6], // 5.50 → up
    [150, 11, 17], // 16.50 → up
    [149, 11, 16], // 16.39
    [1_000_000, 11, 110_000],
    [123_457, 11, 13_580], // 13 580.27
    [100, 12, 12],
    [125, 2.5, 3], // 3.125
    [20, 2.5, 1], // 0.50 → up
    [19, 2.5, 0], // 0.475
    [999_999_999, 11, 110_000_000], // 109 999 999.89, exact with no binary fraction
    [100_000, 0, 0],
  ])('Rp %i at %f %% → Rp %i', (amount, rate, tax) => {
    expect(taxOn(amount, rate)).toBe(tax);
  });
});

/** What a case sets; the rest is an out-of-warranty job with nothing charged, at 11 % PPN, all coverable. */
interface Given extends Partial<ChargeAmounts> {
  warranty?: WarrantyStatus;
  parts?: WorkOrderPart[];
  rate?: number;
  covers?: CoverableKind[];
}

const billFor = ({
  warranty = 'out_of_warranty',
  parts = [],
  labor = 0,
  transport = 0,
  discount = 0,
  rate = 11,
  covers = everything,
}: Given) =>
  computeBill(
    { warrantyStatus: warranty, partsUsed: parts },
    { labor, transport, discount },
    { taxRatePercent: rate, warrantyCovers: covers },
  );

/** A line of the bill: one, not covered, of no part, unless it says otherwise. */
const line = (
  fields: Pick<BillingLine, 'kind' | 'description' | 'unitPrice' | 'amount'> & Partial<BillingLine>,
): BillingLine => ({
  quantity: 1,
  coveredByWarranty: false,
  partId: null,
  ...fields,
});

interface Case {
  name: string;
  given: Given;
  expected: { subtotal: number; tax: number; total: number; customerPays: number; warrantyCovers: number };
}

const cases: Case[] = [
  {
    name: 'out of warranty: labor, transport, parts, tax on all',
    given: { labor: 150_000, transport: 50_000, parts: [capacitor] },
    // 150 000 + 50 000 + 90 000 = 290 000; PPN 31 900
    expected: { subtotal: 290_000, tax: 31_900, total: 321_900, customerPays: 321_900, warrantyCovers: 0 },
  },
  {
    name: 'out of warranty with a discount: tax on the discounted amount',
    given: { labor: 150_000, transport: 50_000, discount: 40_000, parts: [capacitor] },
    expected: { subtotal: 250_000, tax: 27_500, total: 277_500, customerPays: 277_500, warrantyCovers: 0 },
  },
  {
    name: 'unknown warranty is charged like out of warranty',
    given: { warranty: 'unknown', labor: 100_000 },
    expected: { subtotal: 100_000, tax: 11_000, total: 111_000, customerPays: 111_000, warrantyCovers: 0 },
  },
  {
    name: 'in warranty: zero to the customer, the internal cost still recorded',
    given: { warranty: 'in_warranty', labor: 150_000, transport: 50_000, parts: [capacitor] },
    expected: { subtotal: 290_000, tax: 31_900, total: 321_900, customerPays: 0, warrantyCovers: 321_900 },
  },
  {
    name: 'in warranty without transport cover: the customer pays the trip and its tax',
    given: { warranty: 'in_warranty', labor: 150_000, transport: 50_000, parts: [capacitor], covers: allButTransport },
    expected: { subtotal: 290_000, tax: 31_900, total: 321_900, customerPays: 55_500, warrantyCovers: 266_400 },
  },
  {
    name: 'in warranty: a discount cannot go below what the customer pays (it is capped at their share)',
    given: { warranty: 'in_warranty', labor: 150_000, transport: 50_000, discount: 80_000, covers: allButTransport },
    expected: { subtotal: 150_000, tax: 16_500, total: 166_500, customerPays: 0, warrantyCovers: 166_500 },
  },
  {
    name: 'rounding: odd prices, tax rounded once on the sum, half up',
    given: { labor: 100_001, parts: [sensor] },
    // 133 334 × 11 % = 14 666.74 → 14 667
    expected: { subtotal: 133_334, tax: 14_667, total: 148_001, customerPays: 148_001, warrantyCovers: 0 },
  },
  {
    name: 'rounding: exactly half a rupiah goes up',
    given: { labor: 150 },
    expected: { subtotal: 150, tax: 17, total: 167, customerPays: 167, warrantyCovers: 0 },
  },
  {
    name: "rounding: the customer's tax is rounded on their own share",
    given: { warranty: 'in_warranty', labor: 150, transport: 150, covers: ['labor'] },
    // all: 300 × 11 % = 33; the customer's 150 × 11 % = 16.50 → 17; the warranty pays 333 − 167
    expected: { subtotal: 300, tax: 33, total: 333, customerPays: 167, warrantyCovers: 166 },
  },
  {
    name: 'another tax rate (PPN 12 %)',
    given: { labor: 175_000, transport: 50_000, discount: 25_000, rate: 12 },
    expected: { subtotal: 200_000, tax: 24_000, total: 224_000, customerPays: 224_000, warrantyCovers: 0 },
  },
  {
    name: 'nothing set yet',
    given: {},
    expected: { subtotal: 0, tax: 0, total: 0, customerPays: 0, warrantyCovers: 0 },
  },
];

describe('the bill of a work order', () => {
  it.each(cases)('$name', ({ given, expected }) => {
    const bill = billFor(given);
    expect({
      subtotal: bill.subtotal,
      tax: bill.tax,
      total: bill.total,
      customerPays: bill.customerPays,
      warrantyCovers: bill.warrantyCovers,
    }).toEqual(expected);
    // The invariants behind every case.
    expect(bill.subtotal).toBe(bill.lines.reduce((sum, line) => sum + line.amount, 0));
    expect(bill.total).toBe(bill.subtotal + bill.tax);
    expect(bill.customerPays + bill.warrantyCovers).toBe(bill.total);
    expect(bill.customerPays).toBeGreaterThanOrEqual(0);
    for (const line of bill.lines) expect(Number.isInteger(line.amount)).toBe(true);
  });

  it('itemizes labor, transport, each part at the price when used, and the discount', () => {
    const bill = billFor({ labor: 150_000, transport: 50_000, discount: 10_000, parts: [capacitor] });
    expect(bill.lines).toEqual([
      line({ kind: 'labor', description: 'Jasa servis', unitPrice: 150_000, amount: 150_000 }),
      line({ kind: 'transport', description: 'Biaya transport', unitPrice: 50_000, amount: 50_000 }),
      line({
        kind: 'part',
        description: 'CAP-35UF Kapasitor 35µF',
        quantity: 2,
        unitPrice: 45_000,
        amount: 90_000,
        partId: capacitor.partId,
      }),
      line({ kind: 'discount', description: 'Diskon', unitPrice: -10_000, amount: -10_000 }),
    ]);
    expect(bill.maxDiscount).toBe(290_000);
  });
});
