import type { Priority, ServiceType, WarrantyStatus, WorkOrderStatus } from '@purnajual/contract';
import type { Generated } from 'kysely';

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
  /** When the SLA check found the work order open past `slaDueAt`; null until then. */
  slaBreachedAt: string | null;
  /**
   * A reopening starts a new SLA cycle: `slaDueAt` counts from `reopenedAt` (the latest
   * reopening; null: from intake) and the flag is cleared. `slaMissCount` keeps how many
   * earlier cycles ended past their due time, so that the reports never forget a miss.
   */
  reopenedAt: string | null;
  slaMissCount: Generated<number>;
  /*
   * Kept by the transitions for the KPIs, which would otherwise search the history of
   * every work order of a period: first assignment or claim, first start of the repair,
   * and how often the repair was started and the work order reopened.
   */
  firstAssignedAt: string | null;
  firstStartedAt: string | null;
  startCount: Generated<number>;
  reopenCount: Generated<number>;
  /** The photos on the work order and their stored bytes, kept with each upload for its quota. */
  photoCount: Generated<number>;
  photoBytes: Generated<number>;
  /** The earlier repair of the same unit this one repeats, when that was completed within the repeat window. */
  repeatOfId: string | null;
  /** How many later work orders repeat this repair. */
  repeatCount: Generated<number>;
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
  /** When it happened; for a step done offline, the phone's corrected time. */
  at: string;
  /** When the server received a step done offline; null for one that arrived live. */
  receivedAt: string | null;
  /** 1 when the phone's time was implausible and was clamped. */
  timeAdjusted: Generated<number>;
}

/** Counters for human-readable numbers, one row per series (`WO-2611`). */
export interface NumberSequenceTable {
  name: string;
  value: number;
}
