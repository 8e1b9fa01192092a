import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import webpush, { type RequestDetails } from 'web-push';
import type { VapidSettings } from '../../config';
import { guardedLookup, outboundUrlRefusal } from '../../platform/outbound-url';

/** One push to one browser: where, its keys, and the JSON it carries. */
export interface PushDelivery {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  payload: string;
  urgency: 'high' | 'normal';
  ttlSeconds: number;
}

/**
 * How the push service answered: taken; the subscription is gone for good (404, 410);
 * try again later (429, 5xx, no answer); or refused this push (another 4xx).
 */
export type PushResult =
  | { kind: 'delivered' }
  | { kind: 'gone' }
  | { kind: 'retry'; error: string }
  | { kind: 'refused'; error: string };

export interface PushSender {
  send(delivery: PushDelivery): Promise<PushResult>;
}

function post(url: URL, details: RequestDetails, lookup: LookupFunction, timeoutMs: number) {
  return new Promise<number>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const headers = { ...details.headers, 'Content-Length': String(details.body?.length ?? 0) };
    const request = client.request(
      url,
      { method: 'POST', headers, lookup, signal: AbortSignal.timeout(timeoutMs) },
      (response) => {
        // Only the status matters; the body is let go unread.
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(details.body ?? undefined);
  });
}

const resultOf = (status: number): PushResult => {
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 404 || status === 410) return { kind: 'gone' };
  if (status === 429 || status >= 500) return { kind: 'retry', error: `push service answered ${status}` };
  return { kind: 'refused', error: `push service answered ${status}` };
};

/**
 * Sends with VAPID and the payload encrypted for the browser (aes128gcm, RFC 8291), each
 * request cut off after `timeoutSeconds`. web-push's own sender speaks https only and has a
 * socket timeout alone, so this posts what web-push prepares itself.
 */
export function createWebPushSender(options: {
  vapid: VapidSettings;
  timeoutSeconds: number;
  allowInsecureEndpoints: boolean;
}): PushSender {
  const { vapid, timeoutSeconds, allowInsecureEndpoints } = options;
  const lookup = guardedLookup(allowInsecureEndpoints);
  return {
    async send({ endpoint, keys, payload, urgency, ttlSeconds }) {
      const details = webpush.generateRequestDetails({ endpoint, keys }, payload, {
        vapidDetails: vapid,
        TTL: ttlSeconds,
        urgency,
        contentEncoding: 'aes128gcm',
      });
      // Checked again as it is used: a literal address is never looked up.
      const refusal = outboundUrlRefusal(details.endpoint, allowInsecureEndpoints);
      if (refusal) return { kind: 'refused', error: `The push endpoint ${refusal}` };
      const url = new URL(details.endpoint);
      try {
        return resultOf(await post(url, details, lookup, timeoutSeconds * 1000));
      } catch (error) {
        return { kind: 'retry', error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
