import type { Generated } from 'kysely';

export interface SessionTable {
  id: string;
  /** SHA-256 of the bearer token; the token itself is never stored. */
  tokenHash: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  /** 0/1: the user's role must have a second factor; until it is enrolled the session may only enrol it. */
  totpEnrolmentPending: Generated<number>;
}
