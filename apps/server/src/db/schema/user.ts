import type { Role } from '@purnajual/contract';

export interface UserTable {
  id: string;
  employeeNo: string;
  name: string;
  role: Role;
  branchId: string | null;
  phone: string | null;
  email: string | null;
  passwordHash: string;
  /** The user's id in the company's own system, as a bulk import brought it; unique. */
  externalId: string | null;
  /** 0/1: SQLite has no boolean type. */
  active: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}
