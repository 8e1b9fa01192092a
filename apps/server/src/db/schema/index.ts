import type { AreaTable } from './area';
import type { BranchAreaTable, BranchTable } from './branch';
import type { LoginThrottleTable } from './login-throttle';
import type { SessionTable } from './session';
import type { TechnicianAreaTable } from './technician-area';
import type { UserTable } from './user';

export interface DB {
  area: AreaTable;
  branch: BranchTable;
  branch_area: BranchAreaTable;
  login_throttle: LoginThrottleTable;
  session: SessionTable;
  technician_area: TechnicianAreaTable;
  user: UserTable;
}
