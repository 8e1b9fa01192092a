/** What one technician may carry; null columns mean no limit on that measure. */
export interface TechnicianPartLimitTable {
  technicianId: string;
  maxItems: number | null;
  maxValue: number | null;
  updatedBy: string;
  updatedAt: string;
}

/** The default for a branch's technicians without limits of their own. */
export interface BranchPartLimitTable {
  branchId: string;
  maxItems: number | null;
  maxValue: number | null;
  updatedBy: string;
  updatedAt: string;
}
