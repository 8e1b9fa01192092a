import { z } from 'zod';
import { deviceTimeFields, idSchema, timestampSchema, timeZoneSchema } from './common';
import { textSchema } from './customers';
import { priceSchema } from './parts';

/*
 * Charges, the customer's approval and payments of a work order, and what the customer
 * sees without signing in: the tracking page and the satisfaction survey.
 */

export const paymentMethods = ['cash', 'transfer', 'qris', 'card'] as const;
export const paymentMethodSchema = z.enum(paymentMethods);
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

export const billingLineKinds = ['labor', 'transport', 'part', 'discount'] as const;
export type BillingLineKind = (typeof billingLineKinds)[number];

/** A PNG image as a data URL, as `signature_pad` produces it. */
export const pngDataUrlSchema = z
  .string()
  .max(700_000)
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, 'must be a PNG data URL');

/**
 * Labor and transport in integer rupiah, and a discount off what the customer pays. A
 * technician may set only amounts the price list offers for the work order and no
 * discount; the office may set any amounts. `version` (or If-Match) guards against
 * overwriting someone else's change.
 */
export const setChargesBodySchema = z.strictObject({
  labor: priceSchema,
  transport: priceSchema,
  discount: priceSchema.default(0),
  version: z.number().int().min(0).optional(),
});
export type SetChargesBody = z.infer<typeof setChargesBodySchema>;

/** The customer approves the itemized cost by signing; `approvedTotal` is the total they were shown. */
export const approvalBodySchema = z.strictObject({
  signature: pngDataUrlSchema,
  approvedTotal: z.number().int().min(0),
  /** The name of the person who signed (the customer or someone for them). */
  name: textSchema(120),
  ...deviceTimeFields,
});
export type ApprovalBody = z.infer<typeof approvalBodySchema>;

export const paymentBodySchema = z.strictObject({
  method: paymentMethodSchema,
  amount: z.number().int().min(1).max(1_000_000_000),
  /** Transfer, QRIS or card reference as the bank or terminal shows it. */
  reference: textSchema(120).optional(),
  ...deviceTimeFields,
});
export type PaymentBody = z.infer<typeof paymentBodySchema>;

/**
 * Money the customer paid beyond the bill going back to them: a `refund` paid back (by
 * cash, transfer, QRIS or card, with the slip's reference) or a `credit_note` they keep
 * for a later service. Supervisors and admins only, never more than the overpayment.
 */
export const refundKinds = ['refund', 'credit_note'] as const;
export type RefundKind = (typeof refundKinds)[number];
const refundAmountSchema = z.number().int().min(1).max(1_000_000_000);
const refundReasonSchema = textSchema(500);
export const refundBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('refund'),
    method: paymentMethodSchema,
    amount: refundAmountSchema,
    reference: textSchema(120).optional(),
    reason: refundReasonSchema,
  }),
  z.strictObject({ kind: z.literal('credit_note'), amount: refundAmountSchema, reason: refundReasonSchema }),
]);
export type RefundBody = z.infer<typeof refundBodySchema>;

export const billingLineSchema = z.object({
  kind: z.enum(billingLineKinds),
  description: z.string(),
  quantity: z.number().int(),
  unitPrice: z.number().int(),
  /** quantity × unitPrice; negative for the discount. */
  amount: z.number().int(),
  /** Paid by the warranty, not the customer; the amount is still the internal cost. */
  coveredByWarranty: z.boolean(),
  /** The part, on part lines. */
  partId: idSchema.nullable(),
});
export type BillingLine = z.infer<typeof billingLineSchema>;

export const approvalSchema = z.object({
  id: idSchema,
  name: z.string(),
  approvedTotal: z.number().int(),
  /** What the customer was to pay of it when they signed. */
  customerPays: z.number().int(),
  at: timestampSchema,
  signatureUrl: z.string(),
  /** False once the charges changed after the signature: a new approval is needed. */
  isCurrent: z.boolean(),
});
export type Approval = z.infer<typeof approvalSchema>;

export const paymentSchema = z.object({
  id: idSchema,
  method: paymentMethodSchema,
  amount: z.number().int(),
  reference: z.string().nullable(),
  /** `KW-2611-000042`: numbered per month in the branch's time zone. */
  receiptNumber: z.string(),
  at: timestampSchema,
  receivedBy: z.object({ id: idSchema, name: z.string() }),
});
export type Payment = z.infer<typeof paymentSchema>;

const recordedBySchema = z.object({ id: idSchema, name: z.string() });

/**
 * What a reopening or a cancellation found the customer had paid beyond the bill once the
 * parts went back to the bag: the customer's credit, toward the repeated work's bill.
 */
export const overpaymentSchema = z.object({
  id: idSchema,
  amount: z.number().int(),
  /** The supervisor's reason for the reopening (or the cancellation). */
  reason: z.string(),
  at: timestampSchema,
  recordedBy: recordedBySchema,
});
export type Overpayment = z.infer<typeof overpaymentSchema>;

export const refundSchema = z.object({
  id: idSchema,
  kind: z.enum(refundKinds),
  /** How a refund was paid back; null for a credit note. */
  method: paymentMethodSchema.nullable(),
  amount: z.number().int(),
  reference: z.string().nullable(),
  /** `RF-2612-000007` for a refund, `NK-2612-000003` for a credit note, per month in the branch's time zone. */
  number: z.string(),
  reason: z.string(),
  at: timestampSchema,
  recordedBy: recordedBySchema,
});
export type Refund = z.infer<typeof refundSchema>;

/**
 * The money side of a work order. Amounts are integer rupiah; tax is added to the net
 * amount and rounded half up to a whole rupiah, once on the whole job (`tax`) and once on
 * the customer's share (inside `customerPays`).
 */
export const workOrderBillingSchema = z.object({
  lines: z.array(billingLineSchema),
  /** Every line, discount included, before tax: what the job is worth. */
  subtotal: z.number().int(),
  taxRatePercent: z.number(),
  tax: z.number().int(),
  /** subtotal + tax: the job's price, whoever pays it. */
  total: z.number().int(),
  /** The part of `total` the warranty pays. */
  warrantyCovers: z.number().int(),
  /** The part of `total` the customer pays: lines not covered, less the discount, plus their tax. */
  customerPays: z.number().int(),
  /** The amounts as last set; zero until someone sets them. */
  charges: z.object({ labor: z.number().int(), transport: z.number().int(), discount: z.number().int() }),
  /** What the price list offers for this work order's service type and product category. */
  priceList: z.object({ laborOptions: z.array(z.number().int()), transport: z.number().int() }),
  /** The version of the charges, for If-Match on PUT …/charges. */
  version: z.number().int(),
  approval: approvalSchema.nullable(),
  payments: z.array(paymentSchema),
  paid: z.number().int(),
  overpayments: z.array(overpaymentSchema),
  refunds: z.array(refundSchema),
  /** Refunds and credit notes: money paid that the work order no longer holds. */
  refunded: z.number().int(),
  /** customerPays − paid + refunded; below zero the customer has paid more than the bill. */
  balance: z.number().int(),
});
export type WorkOrderBilling = z.infer<typeof workOrderBillingSchema>;

export const paymentResponseSchema = z.object({ payment: paymentSchema, billing: workOrderBillingSchema });
export const refundResponseSchema = z.object({ refund: refundSchema, billing: workOrderBillingSchema });

export const reportQuerySchema = z.object({ lang: z.enum(['id', 'en']).default('id') });

/** 256 random bits, URL-safe: the customer's tracking link. */
export const trackingTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a tracking token');
export const trackingParamsSchema = z.object({ token: trackingTokenSchema });
/** A tracking link's path: any text, for a token of the wrong shape is as unknown as a revoked one (404, not 400). */
export const trackingPathParamsSchema = z.object({ token: z.string().max(100) });

export const trackingLinkSchema = z.object({ trackingUrl: z.string() });

/** Everything the tracking page may show: no customer data at all. */
export const publicTrackingSchema = z.object({
  number: z.string(),
  status: z.string(),
  appointmentStart: timestampSchema.nullable(),
  appointmentEnd: timestampSchema.nullable(),
  technicianFirstName: z.string().nullable(),
  history: z.array(z.object({ status: z.string(), at: timestampSchema })),
  /** The zone of the branch the visit comes from: the page shows its times there, labelled WIB, WITA or WIT. */
  timeZone: timeZoneSchema,
});
export type PublicTracking = z.infer<typeof publicTrackingSchema>;

export const surveyBodySchema = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: textSchema(1000).optional(),
});
export type SurveyBody = z.infer<typeof surveyBodySchema>;

/** `not_yet`: before completion; `open`: may be answered now; `answered`: done, once per work order. */
export const surveyStateSchema = z.object({ state: z.enum(['not_yet', 'open', 'answered']) });

export const workOrderSurveySchema = z.object({
  rating: z.number().int(),
  comment: z.string().nullable(),
  at: timestampSchema,
});
export type WorkOrderSurvey = z.infer<typeof workOrderSurveySchema>;
