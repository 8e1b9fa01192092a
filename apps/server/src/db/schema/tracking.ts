import type { CustomerMessageKind } from '@purnajual/contract';

/** A customer's tracking link; a work order has at most one that is not revoked. */
export interface TrackingLinkTable {
  token: string;
  workOrderId: string;
  createdAt: string;
  revokedAt: string | null;
}

/** The customer's satisfaction survey answer, at most one per work order (CSAT). */
export interface SurveyResponseTable {
  workOrderId: string;
  rating: number;
  comment: string | null;
  createdAt: string;
}

/**
 * The outbox of messages to customers, written in the transaction of the change they tell
 * of and sent afterwards by the message dispatcher (`sending` while one instance has it).
 */
export interface CustomerMessageTable {
  id: string;
  workOrderId: string;
  kind: CustomerMessageKind;
  recipient: string;
  body: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}
