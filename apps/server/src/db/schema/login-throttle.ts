/**
 * Failed sign-ins counted per key in a fixed window: `account:<NIK>`, `address:<network>`
 * or `account-address:<digest of both>` (see modules/auth/login-throttle.ts).
 */
export interface LoginThrottleTable {
  key: string;
  /** Failures in the window, including the attempts being checked right now. */
  failures: number;
  windowStartedAt: string;
  /** No attempt under this key before then (null: no delay). */
  nextAttemptAt: string | null;
}
