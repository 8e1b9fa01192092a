import type { WebhookEventType } from '@purnajual/contract';

/**
 * A key another system calls the API with. Only the SHA-256 of the whole key is kept, and
 * its prefix to find it by; `scopes` is a comma-separated list of scopes.
 */
export interface ApiKeyTable {
  id: string;
  name: string;
  prefix: string;
  keyHash: string;
  scopes: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Set when a minute's rate window starts: at most one write a minute for it. */
  lastUsedAt: string | null;
  /** The start of the current rate window (a whole minute), and the requests counted in it. */
  windowStartedAt: string | null;
  windowRequests: number;
}

/** A receiver of events; `events` is a comma-separated list of subscriptions (`work_order.*`). */
export interface WebhookTable {
  id: string;
  url: string;
  events: string;
  description: string | null;
  /** Kept as it is, to sign with; never listed or logged. */
  secret: string;
  /** 0/1. */
  active: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * One event to one webhook, with its body fixed when the event is fanned out (the outbox
 * is pruned later). `sending` while an instance has claimed it; `nextAttemptAt` null once
 * delivered or failed.
 */
export interface WebhookDeliveryTable {
  id: string;
  webhookId: string;
  eventId: number;
  eventType: WebhookEventType;
  body: string;
  status: 'pending' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  claimedAt: string | null;
  lastAttemptAt: string | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** How far the webhook fan-out has read the outbox: one row. */
export interface WebhookFeedTable {
  name: string;
  lastEventId: number;
}
