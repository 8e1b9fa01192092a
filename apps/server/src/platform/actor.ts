import type { ApiScope, Role } from '@purnajual/contract';

interface ActorBase {
  id: string;
  employeeNo: string;
  name: string;
  role: Role;
  branchId: string | null;
  sessionId: string;
}

/**
 * Who a request is: a signed-in user (`kind` absent or `user`), or another system calling
 * with an API key. An integration's `id` is its key's id, and `scopes` bound the routes it
 * may call.
 */
export type Actor =
  | (ActorBase & { kind?: 'user' })
  | (ActorBase & { kind: 'integration'; scopes: readonly ApiScope[] });

/**
 * The role an API key acts in for the access policy: company-wide reach, like an admin,
 * because an ERP or a manufacturer's portal works across branches. The role never widens
 * what a key may call: only the routes naming a scope the key holds are open to it, and
 * only when that route admits this role (`registerAuth` refuses to register any other).
 */
export const integrationRole: Role = 'admin';

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
