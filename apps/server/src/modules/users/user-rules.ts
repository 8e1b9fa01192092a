import type { Role } from '@purnajual/contract';

/** Roles whose work belongs to one branch and who therefore must have one. */
const branchBoundRoles: ReadonlySet<Role> = new Set(['supervisor', 'warehouse', 'technician']);

export const needsBranch = (role: Role) => branchBoundRoles.has(role);

/** Employee numbers are kept in upper case, as they are typed at sign-in. */
export const employeeNoOf = (employeeNo: string) => employeeNo.toUpperCase();

/** E-mail addresses are kept in lower case, as they are compared. */
export const emailOf = <T extends string | null | undefined>(email: T): T =>
  (typeof email === 'string' ? email.toLowerCase() : email) as T;
