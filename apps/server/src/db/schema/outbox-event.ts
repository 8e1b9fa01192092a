import type { Generated } from 'kysely';

/**
 * The transactional outbox: every change writes its event here in the same transaction,
 * and the event stream reads it. The audience columns let the stream decide who may see
 * an event without reading the work order again.
 */
export interface OutboxEventTable {
  id: Generated<number>;
  type: string;
  workOrderId: string | null;
  branchId: string | null;
  /** The technician the work order is assigned to after the change. */
  technicianId: string | null;
  /** The technician it was assigned to before, who must learn it is gone. */
  previousTechnicianId: string | null;
  provinceCode: string | null;
  regencyCode: string | null;
  districtCode: string | null;
  /** 1 when covering technicians may claim the work order (new and unassigned). */
  claimable: number;
  /** For personal events (notifications): the only user who may see it. */
  recipientId: string | null;
  payload: string;
  createdAt: string;
}
