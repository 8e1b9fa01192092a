/** A user's TOTP: `secret` once an enrolment is confirmed, `pendingSecret` while one is under way. */
export interface UserTotpTable {
  userId: string;
  secret: string | null;
  /** The latest time step a code was accepted for: a code is good once (RFC 6238 §5.2). */
  lastUsedStep: number | null;
  pendingSecret: string | null;
  updatedAt: string;
}

/** One-time codes for a lost phone, as SHA-256 (they are long random values, like session tokens). */
export interface TotpRecoveryCodeTable {
  id: string;
  userId: string;
  codeHash: string;
  usedAt: string | null;
}

/** Between a right password and its second factor: single-use, short-lived, shared by every instance. */
export interface SignInChallengeTable {
  tokenHash: string;
  userId: string;
  expiresAt: string;
  usedAt: string | null;
}

/** A single sign-on under way: what the callback must match (state) and prove (nonce, PKCE verifier). */
export interface OidcSignInTable {
  stateHash: string;
  nonce: string;
  codeVerifier: string;
  expiresAt: string;
}
