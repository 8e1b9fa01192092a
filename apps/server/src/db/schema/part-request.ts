import type { PartCondition, PartRequestStatus, PartReturnStatus } from '@purnajual/contract';

export interface PartRequestTable {
  id: string;
  /** The technician's branch when they asked: its warehouse issues the parts. */
  branchId: string;
  technicianId: string;
  workOrderId: string | null;
  status: PartRequestStatus;
  note: string | null;
  rejectReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  issuedBy: string | null;
  issuedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PartRequestLineTable {
  requestId: string;
  partId: string;
  quantity: number;
}

export interface PartReturnTable {
  id: string;
  branchId: string;
  technicianId: string;
  status: PartReturnStatus;
  note: string | null;
  receivedBy: string | null;
  receivedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface PartReturnLineTable {
  id: string;
  returnId: string;
  partId: string;
  condition: PartCondition;
  /** Set when the line is the defective part a repair replaced (not stock from the bag). */
  workOrderId: string | null;
  quantity: number;
}
