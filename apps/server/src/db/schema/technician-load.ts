/**
 * A technician's load for dispatch, kept by the work-order writes in their own transaction
 * so that assigning never reads a technician's history: how many of their work orders are
 * open, and the latest `updatedAt` among all their work orders (the idle-longest tie-break).
 */
export interface TechnicianLoadTable {
  technicianId: string;
  openWorkOrders: number;
  /** Null once no work order is theirs any more. */
  lastActivityAt: string | null;
}
