import type { CustomerMessageKind, MessageChannel, MessageLanguage } from '@purnajual/contract';

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
  /** The customer's phone, E.164. */
  recipient: string;
  recipientEmail: string | null;
  /** The text as SMS and e-mail carry it, from the template of its kind and language. */
  body: string;
  language: MessageLanguage | null;
  whatsappTemplateName: string | null;
  /** JSON: the template's values in the order its text names them (WhatsApp's {{1}}, {{2}}, …). */
  parameters: string | null;
  /** Forward only after `sent`: `delivered`, then `read`, as the provider reports them. */
  status: 'pending' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /** Where it went, and the provider's id of it there (the WhatsApp webhook names it so). */
  channel: MessageChannel | null;
  providerId: string | null;
  /** When the status last moved. */
  statusAt: string | null;
}

/** The editable text of a kind of message in one language, and its WhatsApp template. */
export interface MessageTemplateTable {
  kind: CustomerMessageKind;
  language: MessageLanguage;
  body: string;
  whatsappTemplateName: string;
  updatedAt: string;
}
