import type { StockLocationKind, StockReason } from '@purnajual/contract';

/**
 * Where parts are: a branch's warehouse or defective bin (`branchId` set), or a
 * technician's bag (`technicianId` set; its branch is the technician's current one).
 */
export interface StockLocationTable {
  id: string;
  kind: StockLocationKind;
  branchId: string | null;
  technicianId: string | null;
  /** Bumped to serialize the issues into one bag, so a carrying limit holds under concurrency. */
  version: number;
  createdAt: string;
}

/** Units on hand per location and part, kept in step with the ledger in the same transaction. */
export interface StockLevelTable {
  locationId: string;
  partId: string;
  quantity: number;
}

/** The append-only stock ledger: every movement, never updated or deleted. */
export interface StockLedgerEntryTable {
  id: string;
  partId: string;
  /** Null: from outside the company (a supplier, the customer's unit). */
  fromLocationId: string | null;
  /** Null: out of the company (fitted in a customer's unit). */
  toLocationId: string | null;
  quantity: number;
  unitPrice: number;
  reason: StockReason;
  workOrderId: string | null;
  partRequestId: string | null;
  partReturnId: string | null;
  reference: string | null;
  actorId: string;
  at: string;
}

/** Parts fitted in a repair, at the price of the day; `reversedAt` once the repair is undone. */
export interface WorkOrderPartTable {
  id: string;
  workOrderId: string;
  partId: string;
  /** The bag they came from, and go back to on reversal. */
  locationId: string;
  technicianId: string;
  quantity: number;
  unitPrice: number;
  usedAt: string;
  reversedAt: string | null;
}
