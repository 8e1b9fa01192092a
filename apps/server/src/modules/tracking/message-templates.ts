import {
  fillTemplate,
  type MessageLanguage,
  type MessagePlaceholder,
  messagePlaceholders,
  placeholdersOf,
} from '@purnajual/contract';
import type { ChannelName } from '../../config-messages';

/** The longest filled text the outbox keeps. */
export const storedBodyMaxLength = 2000;

/** The longest text each channel carries: a WhatsApp template's body, an SMS (Twilio's limit). */
export const channelMaxLength: Record<ChannelName, number> = { whatsapp: 1024, sms: 1600, email: storedBodyMaxLength };

/** The longest each value can be, to know a template fits before any message is written with it. */
export function longestValues(publicBaseUrl: string): Record<MessagePlaceholder, number> {
  return {
    customerName: 120,
    workOrderNumber: 'WO-0000-000000'.length,
    technicianName: 120,
    trackingUrl: `${publicBaseUrl}/t/`.length + 43,
  };
}

/** How long the text can be once filled, every value at its longest. */
export function longestFilled(text: string, longest: Record<MessagePlaceholder, number>): number {
  const values = Object.fromEntries(messagePlaceholders.map((name) => [name, 'x'.repeat(longest[name])]));
  return fillTemplate(text, values as Record<MessagePlaceholder, string>).length;
}

/** Who the message is from, when no technician is assigned yet ("teknisi kami"). */
const noTechnician: Record<MessageLanguage, string> = { id: 'kami', en: 'our team' };

export interface MessageValues {
  customerName: string;
  workOrderNumber: string;
  technicianFirstName: string | null;
  trackingUrl: string;
}

/** The text filled for SMS and e-mail, and the values in the order it names them for WhatsApp. */
export function renderTemplate(template: { body: string; language: MessageLanguage }, values: MessageValues) {
  const filled: Record<MessagePlaceholder, string> = {
    customerName: values.customerName,
    workOrderNumber: values.workOrderNumber,
    technicianName: values.technicianFirstName ?? noTechnician[template.language],
    trackingUrl: values.trackingUrl,
  };
  const known = (name: string): name is MessagePlaceholder => (messagePlaceholders as readonly string[]).includes(name);
  return {
    body: fillTemplate(template.body, filled).slice(0, storedBodyMaxLength),
    parameters: placeholdersOf(template.body)
      .filter(known)
      .map((name) => filled[name]),
  };
}
