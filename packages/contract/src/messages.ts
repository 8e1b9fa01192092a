import { z } from 'zod';
import { idSchema, timestampSchema } from './common';

export const customerMessageKinds = [
  'tracking_link',
  'technician_assigned',
  'technician_on_the_way',
  'survey_invitation',
] as const;
export type CustomerMessageKind = (typeof customerMessageKinds)[number];

/** The languages a customer may get messages in; Indonesian unless their record says otherwise. */
export const messageLanguages = ['id', 'en'] as const;
export type MessageLanguage = (typeof messageLanguages)[number];

/** Where a message went: `log` when no channel is configured (the server's log). */
export const messageChannels = ['whatsapp', 'sms', 'email', 'log'] as const;
export type MessageChannel = (typeof messageChannels)[number];

/**
 * `queued` until a channel accepts it; then `sent`, and `delivered` and `read` as the provider
 * reports them (forward only); `failed` with the reason — refused, given up, or opted out.
 */
export const customerMessageStatuses = ['queued', 'sent', 'delivered', 'read', 'failed'] as const;
export type CustomerMessageStatus = (typeof customerMessageStatuses)[number];

/** A message to the customer, as the outbox of messages holds it. */
export const customerMessageSchema = z.object({
  id: idSchema,
  kind: z.enum(customerMessageKinds),
  /** The customer's phone (E.164) when the message was written. */
  recipient: z.string(),
  body: z.string(),
  status: z.enum(customerMessageStatuses),
  /** Null until a channel took it. */
  channel: z.enum(messageChannels).nullable(),
  /** The provider's id of the message (WhatsApp's `wamid…`, the SMS gateway's `SM…`). */
  providerId: z.string().nullable(),
  failureReason: z.string().nullable(),
  attempts: z.number().int(),
  createdAt: timestampSchema,
  sentAt: timestampSchema.nullable(),
  /** When the status last moved. */
  statusAt: timestampSchema,
});
export type CustomerMessage = z.infer<typeof customerMessageSchema>;

/** The values a template may name, each as `{{name}}`. */
export const messagePlaceholders = ['customerName', 'workOrderNumber', 'technicianName', 'trackingUrl'] as const;
export type MessagePlaceholder = (typeof messagePlaceholders)[number];

/** The longest text a template may have, before its placeholders are filled. */
export const messageTemplateMaxLength = 1000;

const placeholderPattern = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The names of the placeholders a text uses, in order, repeats included. */
export const placeholdersOf = (text: string): string[] => [...text.matchAll(placeholderPattern)].map((m) => m[1] ?? '');

/** Fills each `{{name}}` of the text with its value. */
export const fillTemplate = (text: string, values: Record<MessagePlaceholder, string>): string =>
  text.replace(placeholderPattern, (whole, name: string) =>
    (messagePlaceholders as readonly string[]).includes(name) ? values[name as MessagePlaceholder] : whole,
  );

export const messageTemplateSchema = z.object({
  kind: z.enum(customerMessageKinds),
  language: z.enum(messageLanguages),
  body: z.string(),
  /** The name of the approved template in WhatsApp Manager; its body's {{1}}, {{2}}, … are this text's placeholders in order. */
  whatsappTemplateName: z.string(),
  updatedAt: timestampSchema,
});
export type MessageTemplate = z.infer<typeof messageTemplateSchema>;

export const messageTemplatePathParamsSchema = z.object({
  kind: z.enum(customerMessageKinds),
  language: z.enum(messageLanguages),
});

export const putMessageTemplateBodySchema = z.strictObject({
  body: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(messageTemplateMaxLength)
    .superRefine((text, ctx) => {
      for (const name of new Set(placeholdersOf(text))) {
        if (!(messagePlaceholders as readonly string[]).includes(name)) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown placeholder {{${name}}}; known: ${messagePlaceholders.map((p) => `{{${p}}}`).join(', ')}`,
          });
        }
      }
    }),
  whatsappTemplateName: z
    .string()
    .regex(/^[a-z0-9_]{1,512}$/, 'must be lower-case letters, digits and underscores, as WhatsApp names templates'),
});
export type PutMessageTemplateBody = z.infer<typeof putMessageTemplateBodySchema>;
