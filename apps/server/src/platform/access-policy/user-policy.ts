import { type AccessActor, reachOf } from './access-table';

/** What of a user decides who sees them. */
export interface UserAudience {
  id: string;
  branchId: string | null;
}

/** Admins see everyone; a supervisor sees the people of their branch; others only themselves. */
export function canSeeUser(actor: AccessActor, user: UserAudience): boolean {
  if (actor.id === user.id) return true;
  switch (reachOf('users', actor.role)) {
    case 'all':
      return true;
    case 'branchAndSelf':
      return actor.branchId !== null && actor.branchId === user.branchId;
    case 'self':
      return false;
  }
}

/**
 * The branch a list of users is held to: the one asked for (or every one) for who sees all,
 * the caller's own for the rest, and `null` (an empty list) for a caller with no branch.
 */
export function userListBranchOf(actor: AccessActor, requested: string | undefined): { branchId?: string } | null {
  if (reachOf('users', actor.role) === 'all') return requested === undefined ? {} : { branchId: requested };
  return actor.branchId === null ? null : { branchId: actor.branchId };
}
