import { Secret, TOTP } from 'otpauth';

/*
 * TOTP as every authenticator app reads it (RFC 6238): SHA-1, 6 digits, 30-second steps.
 * A code is taken one step either side of now, for a phone's clock a little off.
 */
const period = 30;
const window = 1;

const totpOf = (secret: string, label = '') =>
  new TOTP({ issuer: 'Purnajual', label, algorithm: 'SHA1', digits: 6, period, secret: Secret.fromBase32(secret) });

/** 160 random bits, as RFC 4226 recommends, in base32 as apps take it. */
export const createTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The `otpauth://` URI an authenticator app scans or opens: issuer Purnajual, the NIK as label. */
export const totpUriOf = (secret: string, employeeNo: string): string => totpOf(secret, employeeNo).toString();

/** The time step the code belongs to, or null when it is no code of this secret near `now`. */
export function totpStepOf(secret: string, code: string, now: Date): number | null {
  const delta = totpOf(secret).validate({ token: code, timestamp: now.getTime(), window });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / period) + delta;
}

/** The code of a secret at a time: what the authenticator app shows (tests use it too). */
export const totpCodeAt = (secret: string, at: Date): string => totpOf(secret).generate({ timestamp: at.getTime() });
