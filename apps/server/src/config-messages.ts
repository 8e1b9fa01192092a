import { z } from 'zod';

/*
 * The settings of the channels that reach customers (README, "Messages to customers"):
 * parsed with the rest of the environment in config.ts, checked for a complete channel here.
 */

const channelNames = ['whatsapp', 'sms', 'email'] as const;
export type ChannelName = (typeof channelNames)[number];

const httpsUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

export const messageEnvShape = {
  MESSAGE_CHANNELS: z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()))
    .pipe(
      z
        .array(z.enum(channelNames, { error: `must be a list of ${channelNames.join(', ')}` }))
        .refine((list) => new Set(list).size === list.length, 'names a channel twice'),
    )
    .default([]),
  MESSAGE_HTTP_TIMEOUT: z.coerce.number().int().min(1).max(120).default(10),
  WHATSAPP_PHONE_NUMBER_ID: z
    .string()
    .regex(/^\d{1,32}$/, 'must be the digits of the phone number ID')
    .optional(),
  WHATSAPP_ACCESS_TOKEN: z.string().min(1).max(4096).optional(),
  WHATSAPP_APP_SECRET: z.string().min(1).max(256).optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().min(1).max(256).optional(),
  WHATSAPP_API_URL: httpsUrlSchema.default('https://graph.facebook.com/v21.0'),
  SMS_ACCOUNT_SID: z
    .string()
    .regex(/^[A-Za-z0-9]{1,64}$/, 'must be letters and digits (AC…)')
    .optional(),
  SMS_AUTH_TOKEN: z.string().min(1).max(256).optional(),
  SMS_FROM: z.string().min(1).max(64).optional(),
  SMS_API_URL: httpsUrlSchema.default('https://api.twilio.com'),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  SMTP_FROM: z.string().min(3).max(254).optional(),
};

const messageEnvSchema = z.object(messageEnvShape);
type MessageEnv = z.output<typeof messageEnvSchema>;

/** What each channel needs; a channel in MESSAGE_CHANNELS must have all of it. */
const required: Record<ChannelName, (keyof MessageEnv)[]> = {
  whatsapp: ['WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'],
  sms: ['SMS_ACCOUNT_SID', 'SMS_AUTH_TOKEN', 'SMS_FROM'],
  email: ['SMTP_URL', 'SMTP_FROM'],
};

/** Start-up errors for a listed channel that lacks a setting. */
export function checkMessageChannels(e: MessageEnv, ctx: z.RefinementCtx) {
  for (const channel of e.MESSAGE_CHANNELS) {
    for (const name of required[channel].filter((key) => e[key] === undefined)) {
      ctx.addIssue({ code: 'custom', path: [name], message: `is required when MESSAGE_CHANNELS lists ${channel}` });
    }
  }
}

export interface WhatsappSettings {
  apiUrl: string;
  phoneNumberId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
}
export interface SmsSettings {
  apiUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
}
export interface EmailSettings {
  smtpUrl: string;
  from: string;
}

export type ChannelSettings =
  | { name: 'whatsapp'; settings: WhatsappSettings }
  | { name: 'sms'; settings: SmsSettings }
  | { name: 'email'; settings: EmailSettings };

export interface MessageSettings {
  /** In the order a message tries them: the first the customer can be reached on takes it. */
  channels: ChannelSettings[];
  /** Seconds a call to a provider may take, answer included. */
  httpTimeoutSeconds: number;
  /** The webhook's secrets, when WhatsApp is configured (even if not listed, to follow messages sent before). */
  whatsappWebhook: { appSecret: string; verifyToken: string } | undefined;
}

const trimmed = (url: string) => url.replace(/\/+$/, '');

function channelOf(name: ChannelName, e: MessageEnv): ChannelSettings {
  // checkMessageChannels made sure each listed channel has its settings.
  const value = (key: keyof MessageEnv) => String(e[key]);
  switch (name) {
    case 'whatsapp':
      return {
        name,
        settings: {
          apiUrl: trimmed(e.WHATSAPP_API_URL),
          phoneNumberId: value('WHATSAPP_PHONE_NUMBER_ID'),
          accessToken: value('WHATSAPP_ACCESS_TOKEN'),
          appSecret: value('WHATSAPP_APP_SECRET'),
          verifyToken: value('WHATSAPP_VERIFY_TOKEN'),
        },
      };
    case 'sms':
      return {
        name,
        settings: {
          apiUrl: trimmed(e.SMS_API_URL),
          accountSid: value('SMS_ACCOUNT_SID'),
          authToken: value('SMS_AUTH_TOKEN'),
          from: value('SMS_FROM'),
        },
      };
    case 'email':
      return { name, settings: { smtpUrl: value('SMTP_URL'), from: value('SMTP_FROM') } };
  }
}

export function messageSettingsOf(e: MessageEnv): MessageSettings {
  return {
    channels: e.MESSAGE_CHANNELS.map((name) => channelOf(name, e)),
    httpTimeoutSeconds: e.MESSAGE_HTTP_TIMEOUT,
    whatsappWebhook:
      e.WHATSAPP_APP_SECRET && e.WHATSAPP_VERIFY_TOKEN
        ? { appSecret: e.WHATSAPP_APP_SECRET, verifyToken: e.WHATSAPP_VERIFY_TOKEN }
        : undefined,
  };
}
