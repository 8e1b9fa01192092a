import { z } from 'zod';

/** Base64url (as a browser's `PushSubscription.toJSON()` gives its keys) decoding to exactly `bytes` bytes. */
const base64UrlKeySchema = (bytes: number, what: string) =>
  z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url')
    .refine((value) => base64UrlLength(value) === bytes, `must be ${what} of ${bytes} bytes`);

/** Decoded size of a base64url string, without decoding it (the contract runs in browsers too). */
function base64UrlLength(value: string): number {
  const digits = value.replace(/=+$/, '').length;
  return Math.floor((digits * 3) / 4);
}

export const pushEndpointSchema = z.url().max(1000);

/** A browser's push subscription, as `PushSubscription.toJSON()` gives it (other fields ignored). */
export const pushSubscriptionBodySchema = z.object({
  endpoint: pushEndpointSchema,
  keys: z.object({
    p256dh: base64UrlKeySchema(65, 'an uncompressed P-256 public key'),
    auth: base64UrlKeySchema(16, 'an auth secret'),
  }),
});
export type PushSubscriptionBody = z.infer<typeof pushSubscriptionBodySchema>;

export const pushUnsubscribeBodySchema = z.strictObject({ endpoint: pushEndpointSchema });
export type PushUnsubscribeBody = z.infer<typeof pushUnsubscribeBodySchema>;

/** The server's VAPID public key, the `applicationServerKey` a browser subscribes with. */
export const pushKeySchema = z.object({ publicKey: z.string() });
export type PushKey = z.infer<typeof pushKeySchema>;

/** What a push carries to the technician's service worker (JSON, encrypted to the browser). */
export const pushPayloadSchema = z.object({
  title: z.string(),
  body: z.string(),
  /** Where a tap on the notification leads, inside the technician app. */
  url: z.string(),
  /** A later push with the same tag replaces the notification on the phone. */
  tag: z.string(),
});
export type PushPayload = z.infer<typeof pushPayloadSchema>;
