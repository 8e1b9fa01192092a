import { createHmac, randomBytes } from 'node:crypto';

/** A webhook's signing secret: 32 random bytes. */
export const createWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * `Purnajual-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * The time is signed with the body, so a receiver that refuses old times (the README says
 * five minutes) cannot be fed a recorded request again later.
 */
export function signWebhookBody(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}
