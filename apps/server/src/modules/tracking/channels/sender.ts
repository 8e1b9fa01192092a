import type { CustomerMessageKind, MessageChannel, MessageLanguage } from '@purnajual/contract';
import type { FastifyBaseLogger } from 'fastify';

/** A message to a customer, as a sender gets it. */
export interface OutgoingMessage {
  id: string;
  workOrderId: string;
  kind: CustomerMessageKind;
  /** The customer's phone, E.164. */
  recipient: string;
  recipientEmail: string | null;
  /** The filled text, for SMS and e-mail. */
  body: string;
  language: MessageLanguage;
  whatsappTemplateName: string | null;
  /** The template's values in the order its text names them: WhatsApp's {{1}}, {{2}}, … */
  parameters: string[];
}

/** Where a sender handed the message, and the provider's id of it there. */
export interface SendReceipt {
  channel: MessageChannel;
  providerId: string | null;
}

/**
 * Delivers messages to customers. `send` resolves once a provider accepted the message; it
 * rejects with a `RefusedMessageError` when trying again cannot help (the message fails at
 * once, with the reason) and with anything else to have it tried again later.
 */
export interface MessageSender {
  send(message: OutgoingMessage): Promise<SendReceipt>;
}

/** A refusal that no retry will change: a bad number, a missing template, no channel at all. */
export class RefusedMessageError extends Error {}

/** One configured channel: whether it can reach the customer of a message, and how it sends. */
export interface ChannelSender extends MessageSender {
  canReach(message: OutgoingMessage): boolean;
}

/** The default: writes each message to the log, where a deployment without a gateway can see it. */
export function createLogSender(log: FastifyBaseLogger): MessageSender {
  return {
    async send({ id, workOrderId, kind, recipient, body }) {
      // What the log's redaction knows of (platform/log-redaction.ts): the phone and the text are masked there.
      log.info({ customerMessage: { id, workOrderId, kind, recipient, body } }, 'message to customer');
      return { channel: 'log', providerId: null };
    },
  };
}

/** Sends each message on the first of the channels, in order, that can reach its customer. */
export function createChannelSender(channels: readonly ChannelSender[]): MessageSender {
  return {
    send(message) {
      const channel = channels.find((candidate) => candidate.canReach(message));
      if (!channel) return Promise.reject(new RefusedMessageError('no configured channel reaches this customer'));
      return channel.send(message);
    },
  };
}
