import type { Priority, ServiceType, WarrantyStatus, WorkOrderStatus } from '@purnajual/contract';

export interface WorkOrderTable {
  id: string;
  number: string;
  customerId: string;
  customerProductId: string | null;
  branchId: string | null;
  technicianId: string | null;
  /** The customer's district and its regency and province at intake: routing and visibility by area. */
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  status: WorkOrderStatus;
  priority: Priority;
  serviceType: ServiceType;
  complaint: string;
  warrantyStatus: WarrantyStatus;
  slaDueAt: string;
  appointmentStart: string | null;
  appointmentEnd: string | null;
  holdReason: 'waiting_part' | 'customer_absent' | 'other' | null;
  diagnosis: string | null;
  actionTaken: string | null;
  result: 'fixed' | 'not_fixed' | 'needs_workshop' | null;
  /** Name of the signature image in file storage. */
  signatureFile: string | null;
  completedAt: string | null;
  /** Seconds of finished `in_progress` intervals; the running one starts at `inProgressSince`. */
  repairSeconds: number;
  inProgressSince: string | null;
  createdBy: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface WorkOrderHistoryTable {
  id: string;
  workOrderId: string;
  /** Null for changes the system made on its own (auto-assignment). */
  actorId: string | null;
  action: string;
  fromStatus: WorkOrderStatus | null;
  toStatus: WorkOrderStatus;
  note: string | null;
  at: string;
}

/** Counters for human-readable numbers, one row per series (`WO-2611`). */
export interface NumberSequenceTable {
  name: string;
  value: number;
}
