/** One browser's Web Push endpoint and keys, held by the user and session that registered it. */
export interface PushSubscriptionTable {
  id: string;
  /** SHA-256 of `endpoint` in hex: the unique key. */
  endpointHash: string;
  endpoint: string;
  /** The browser's ECDH P-256 public key and auth secret, base64url as the browser gives them. */
  p256dh: string;
  auth: string;
  userId: string;
  sessionId: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * The outbox of pushes: one per notification and subscription, written with the
 * notification, deleted once delivered or given up (`sending` while one instance has it).
 */
export interface PushMessageTable {
  id: string;
  subscriptionId: string;
  /** The JSON the service worker gets: title, body, url, tag. */
  payload: string;
  urgency: 'high' | 'normal';
  status: 'pending' | 'sending';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
}
