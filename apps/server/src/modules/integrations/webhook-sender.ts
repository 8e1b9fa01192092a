import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, outboundUrlRefusal } from '../../platform/outbound-url';

/** One POST of a delivery, as the dispatcher hands it over. */
export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** How a POST went: the receiver's status, or why there was none. */
export type WebhookResponse = { status: number; body: string } | { error: string };

export const webhookTimeoutMs = 10_000;
/** Of a receiver's answer, only this much is read (and kept for the log). */
export const maxResponseBytes = 4096;

export type WebhookSender = (request: WebhookRequest) => Promise<WebhookResponse>;

/**
 * Sends over http(s) with the SSRF checks of platform/outbound-url.ts, at most `webhookTimeoutMs`
 * for the whole exchange, reading at most `maxResponseBytes` of the answer.
 */
export function createWebhookSender(allowInsecure: boolean): WebhookSender {
  const lookup = guardedLookup(allowInsecure);
  return (webhook) =>
    new Promise((resolve) => {
      const refusal = outboundUrlRefusal(webhook.url, allowInsecure);
      if (refusal) return resolve({ error: `The URL ${refusal}` });
      const url = new URL(webhook.url);
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const request = send(url, {
        method: 'POST',
        headers: { ...webhook.headers, 'content-length': String(Buffer.byteLength(webhook.body)) },
        lookup,
        signal: AbortSignal.timeout(webhookTimeoutMs),
      });
      request.on('error', (error) => resolve({ error: error.message }));
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
          response.destroy();
        };
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk.subarray(0, maxResponseBytes - size));
          size += chunk.length;
          if (size >= maxResponseBytes) finish();
        });
        response.on('end', finish);
        response.on('error', finish);
      });
      request.end(webhook.body);
    });
}
