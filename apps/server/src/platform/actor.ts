import type { Role } from '@purnajual/contract';

/** The signed-in user as every request sees it. */
export interface Actor {
  id: string;
  employeeNo: string;
  name: string;
  role: Role;
  branchId: string | null;
  sessionId: string;
}

/** A usable session: its actor, and whether it may do nothing but enrol a second factor yet. */
export interface ResolvedSession {
  actor: Actor;
  totpEnrolmentPending: boolean;
}

/** The actor for work the CLI and the demo seed do on nobody's behalf. */
export const systemActor: Actor = {
  id: '00000000-0000-7000-8000-000000000000',
  employeeNo: 'SYSTEM',
  name: 'System',
  role: 'admin',
  branchId: null,
  sessionId: '',
};
