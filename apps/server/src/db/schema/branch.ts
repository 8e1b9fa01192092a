import type { TimeZone } from '@purnajual/contract';

export interface BranchTable {
  id: string;
  code: string;
  name: string;
  address: string;
  timeZone: TimeZone;
  autoAssign: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The areas (any level) a branch serves. */
export interface BranchAreaTable {
  branchId: string;
  areaCode: string;
}
