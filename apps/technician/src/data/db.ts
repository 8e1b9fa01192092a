import type {
  Branch,
  Inventory,
  Notification,
  Part,
  PartRequest,
  PartReturn,
  TechnicianPartLimits,
  User,
  WorkOrderDetail,
  WorkOrderSummary,
} from '@purnajual/contract';
import { Dexie, type EntityTable } from 'dexie';
import { storeName } from './store-name';

/** A work order as the phone keeps it: the server's copy, changed by queued actions not yet sent. */
export interface StoredWorkOrder extends WorkOrderSummary {
  /** When this copy left the server, so a running repair timer can keep counting offline. */
  syncedAt: string;
}

export type StoredDetail = WorkOrderDetail & { syncedAt: string };

export type AttachmentKind = 'before' | 'after' | 'damage' | 'serial_plate';

/**
 * A change made on the phone, waiting to be sent. Changes are sent in the order they
 * were made, each with its own idempotency key, so a resend after a lost answer is safe.
 */
export interface QueuedChange {
  seq?: number;
  idempotencyKey: string;
  workOrderId: string | null;
  /** What the technician did, for the sync list: a work-order action, `photo`, `read`, … */
  label: string;
  method: 'POST' | 'PUT';
  path: string;
  body: unknown;
  photo: { blob: Blob; kind: AttachmentKind } | null;
  /** When the technician did it, by the phone's clock. */
  createdAt: string;
  /**
   * The server records this change at the time it was done (transitions, photos, approval,
   * payment): it is sent with `createdAt` and the phone's clock offset at that time.
   */
  deviceTime?: { clockOffsetMs: number };
  state: 'pending' | 'rejected';
  rejection: { status: number; code: string; detail: string } | null;
}

export interface Profile {
  key: 'me';
  user: User;
  branch: Branch | null;
  areaNames: string[];
  /** The server refused the session cookie: the technician must sign in again. */
  sessionExpired?: boolean;
}

/** The technician's bag and what they may carry, as the server last said. */
export interface Bag {
  key: 'me';
  inventory: Inventory;
  limits: TechnicianPartLimits;
}

/** A service report PDF as last fetched, to hand the customer again with no network. */
export interface StoredReport {
  workOrderId: string;
  fileName: string;
  pdf: Blob;
  fetchedAt: string;
}

class TechnicianDatabase extends Dexie {
  workOrders!: EntityTable<StoredWorkOrder, 'id'>;
  details!: EntityTable<StoredDetail, 'id'>;
  notifications!: EntityTable<Notification, 'id'>;
  queue!: EntityTable<QueuedChange, 'seq'>;
  profile!: EntityTable<Profile, 'key'>;
  bag!: EntityTable<Bag, 'key'>;
  parts!: EntityTable<Part, 'id'>;
  partRequests!: EntityTable<PartRequest, 'id'>;
  partReturns!: EntityTable<PartReturn, 'id'>;
  reports!: EntityTable<StoredReport, 'workOrderId'>;

  constructor() {
    super(storeName);
    this.version(1).stores({
      workOrders: 'id, status, appointmentStart, updatedAt',
      details: 'id',
      notifications: 'id, createdAt',
      queue: '++seq, workOrderId, state',
      profile: 'key',
    });
    this.version(2).stores({
      bag: 'key',
      parts: 'id, partNo',
      partRequests: 'id, createdAt',
      partReturns: 'id, createdAt',
    });
    this.version(3).stores({ reports: 'workOrderId, fetchedAt' });
  }
}

export const db = new TechnicianDatabase();

/** Everything of the signed-in technician, gone at sign-out so the next user of the phone starts clean. */
export async function clearLocalData() {
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((table) => table.clear()));
  });
}
