import type { WhatsappSettings } from '../../../config-messages';
import { fieldOf, postToProvider } from './provider-http';
import { type ChannelSender, RefusedMessageError } from './sender';

/** The reason in a Graph API error answer: `{ error: { message, error_data: { details } } }`. */
function reasonOf(answer: unknown): string | undefined {
  const error = fieldOf(answer, 'error');
  const message = fieldOf(error, 'message');
  const details = fieldOf(fieldOf(error, 'error_data'), 'details');
  if (typeof message !== 'string') return undefined;
  return typeof details === 'string' ? `${message} (${details})` : message;
}

/**
 * WhatsApp Business Cloud API: a template message (the only kind a business may start a
 * conversation with), its body's parameters the template's values in order. The answer's
 * `messages[0].id` (`wamid…`) is what the webhook reports the message's progress under.
 */
export function createWhatsappSender(settings: WhatsappSettings, timeoutMs: number): ChannelSender {
  const url = `${settings.apiUrl}/${settings.phoneNumberId}/messages`;
  return {
    canReach: (message) => message.whatsappTemplateName !== null,

    async send(message) {
      const payload = {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: message.recipient,
        type: 'template',
        template: {
          name: message.whatsappTemplateName,
          language: { code: message.language },
          components: [{ type: 'body', parameters: message.parameters.map((text) => ({ type: 'text', text })) }],
        },
      };
      const answer = await postToProvider(
        url,
        {
          headers: { authorization: `Bearer ${settings.accessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(payload),
          timeoutMs,
        },
        reasonOf,
      );
      const messages = fieldOf(answer, 'messages');
      const id = Array.isArray(messages) ? fieldOf(messages[0], 'id') : undefined;
      if (typeof id !== 'string' || id === '')
        throw new RefusedMessageError('WhatsApp accepted it without a message id');
      return { channel: 'whatsapp', providerId: id.slice(0, 128) };
    },
  };
}
