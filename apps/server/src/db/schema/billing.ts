import type { PaymentMethod, RefundKind } from '@purnajual/contract';

/** The amounts set for a work order's bill; parts come from the parts it used. */
export interface WorkOrderChargeTable {
  workOrderId: string;
  labor: number;
  transport: number;
  discount: number;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

/** A customer's signed approval of the bill as it was; the latest one counts. */
export interface WorkOrderApprovalTable {
  id: string;
  workOrderId: string;
  name: string;
  approvedTotal: number;
  customerPays: number;
  /** The fingerprint of the bill that was signed: the approval is current while it matches. */
  billDigest: string;
  /** Name of the signature image in file storage. */
  signatureFile: string;
  recordedBy: string;
  at: string;
}

export interface WorkOrderPaymentTable {
  id: string;
  workOrderId: string;
  method: PaymentMethod;
  amount: number;
  reference: string | null;
  receiptNumber: string;
  receivedBy: string;
  at: string;
}

/** What a reopening or cancellation found paid beyond the bill once the parts went back. */
export interface WorkOrderOverpaymentTable {
  id: string;
  workOrderId: string;
  amount: number;
  reason: string;
  recordedBy: string;
  at: string;
}

/** A refund paid back or a credit note issued: money the work order no longer holds. */
export interface WorkOrderRefundTable {
  id: string;
  workOrderId: string;
  kind: RefundKind;
  /** Null for a credit note. */
  method: PaymentMethod | null;
  amount: number;
  reference: string | null;
  number: string;
  reason: string;
  recordedBy: string;
  at: string;
}
