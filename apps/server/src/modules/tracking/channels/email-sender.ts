import type { CustomerMessageKind, MessageLanguage } from '@purnajual/contract';
import { createTransport } from 'nodemailer';
import type { EmailSettings } from '../../../config-messages';
import { type ChannelSender, RefusedMessageError } from './sender';

const subjects: Record<MessageLanguage, Record<CustomerMessageKind, string>> = {
  id: {
    tracking_link: 'Permintaan servis Anda sudah kami terima',
    technician_assigned: 'Teknisi untuk servis Anda',
    technician_on_the_way: 'Teknisi sedang menuju lokasi Anda',
    survey_invitation: 'Servis selesai: mohon beri penilaian',
  },
  en: {
    tracking_link: 'We have received your service request',
    technician_assigned: 'The technician for your service',
    technician_on_the_way: 'The technician is on the way',
    survey_invitation: 'Service complete: please rate us',
  },
};

/** The SMTP reply code of a refused send, when the server gave one. */
const replyCodeOf = (error: unknown): number | undefined => {
  const code =
    typeof error === 'object' && error !== null ? (error as { responseCode?: unknown }).responseCode : undefined;
  return typeof code === 'number' ? code : undefined;
};

/**
 * E-mail over SMTP (`smtp://` or `smtps://`, credentials in the URL), for customers with an
 * address. A 5xx reply is permanent in SMTP and fails the message; a 4xx reply or a lost
 * connection is tried again. The provider id is the Message-ID.
 */
export function createEmailSender(settings: EmailSettings, timeoutMs: number): ChannelSender {
  const url = new URL(settings.smtpUrl);
  const transport = createTransport({
    host: url.hostname,
    ...(url.port === '' ? {} : { port: Number(url.port) }),
    secure: url.protocol === 'smtps:',
    ...(url.username === ''
      ? {}
      : { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    canReach: (message) => message.recipientEmail !== null,

    async send(message) {
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: message.recipientEmail ?? '',
          subject: subjects[message.language][message.kind],
          text: message.body,
        });
        return { channel: 'email', providerId: String(info.messageId).slice(0, 128) };
      } catch (error) {
        const code = replyCodeOf(error);
        if (code !== undefined && code >= 500) {
          throw new RefusedMessageError(`${code}: ${error instanceof Error ? error.message : String(error)}`);
        }
        throw error;
      }
    },
  };
}
