import type { ErrorCode } from './errors';

/*
 * Plain data, free of schema code, like roles.ts: the sign-in page reads it in its first
 * download (the console's build keeps it in the `contract-rules` chunk).
 */

/** Why a single sign-on was refused, as the sign-in page is told it (`/login?sso=…`). */
export const ssoErrorCodes = [
  'sso_refused',
  'sso_unknown_user',
  'service_unavailable',
] as const satisfies readonly ErrorCode[];
export type SsoErrorCode = (typeof ssoErrorCodes)[number];
