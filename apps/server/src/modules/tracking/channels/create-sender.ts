import type { FastifyBaseLogger } from 'fastify';
import type { ChannelSettings, MessageSettings } from '../../../config-messages';
import { createEmailSender } from './email-sender';
import { type ChannelSender, createChannelSender, createLogSender, type MessageSender } from './sender';
import { createSmsSender } from './sms-sender';
import { createWhatsappSender } from './whatsapp-sender';

function channelSenderOf(channel: ChannelSettings, timeoutMs: number): ChannelSender {
  switch (channel.name) {
    case 'whatsapp':
      return createWhatsappSender(channel.settings, timeoutMs);
    case 'sms':
      return createSmsSender(channel.settings, timeoutMs);
    case 'email':
      return createEmailSender(channel.settings, timeoutMs);
  }
}

/** The channels MESSAGE_CHANNELS lists, in its order; none listed: the log, as before any gateway. */
export function createConfiguredSender(settings: MessageSettings, log: FastifyBaseLogger): MessageSender {
  if (settings.channels.length === 0) return createLogSender(log);
  const timeoutMs = settings.httpTimeoutSeconds * 1000;
  return createChannelSender(settings.channels.map((channel) => channelSenderOf(channel, timeoutMs)));
}
