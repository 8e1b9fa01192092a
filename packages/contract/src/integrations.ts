import { z } from 'zod';
import { idSchema, paginationQuerySchema, timestampSchema } from './common';
import { type EventType, eventTypes } from './events';

/**
 * What an API key may do. Each route that a key may call names the one scope it needs in
 * the route table (`scope`); a route without one refuses every key.
 */
export const apiScopes = [
  'work-orders:read',
  'work-orders:write',
  'customers:read',
  'customers:write',
  'parts:read',
  'stock:read',
  'reports:read',
] as const;
export const apiScopeSchema = z.enum(apiScopes);
export type ApiScope = z.infer<typeof apiScopeSchema>;

/** At most this many keys not revoked, and webhooks. */
export const maxApiKeys = 100;
export const maxWebhooks = 20;

const distinct = <T>(items: readonly T[]) => new Set(items).size === items.length;

export const createApiKeyBodySchema = z.object({
  name: z.string().trim().min(1).max(80),
  scopes: z.array(apiScopeSchema).min(1).max(apiScopes.length).refine(distinct, 'must not repeat a scope'),
  expiresAt: timestampSchema.optional(),
});
export type CreateApiKeyBody = z.infer<typeof createApiKeyBodySchema>;

/** A key as the list shows it: never its secret, which only its creation answers. */
export const apiKeySchema = z.object({
  id: idSchema,
  name: z.string(),
  scopes: z.array(apiScopeSchema),
  /** The key's visible part, `pj_<prefix>_…`: tells keys apart in logs and lists. */
  prefix: z.string(),
  createdAt: timestampSchema,
  expiresAt: timestampSchema.nullable(),
  lastUsedAt: timestampSchema.nullable(),
  revokedAt: timestampSchema.nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** The answer to a creation: the key itself, shown this once. */
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

/** The outbox events a webhook may receive: work orders and part requests. */
export const webhookEventTypes = eventTypes.filter(
  (type): type is Extract<EventType, `work_order.${string}` | `part_request.${string}`> =>
    type.startsWith('work_order.') || type.startsWith('part_request.'),
);
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** A subscription: one event type, or every event of a kind (`work_order.*`). */
export const webhookEventPatterns = [...webhookEventTypes, 'work_order.*', 'part_request.*'] as const;
export const webhookEventPatternSchema = z.enum(webhookEventPatterns);
export type WebhookEventPattern = z.infer<typeof webhookEventPatternSchema>;

/** Whether a webhook subscribed to `patterns` receives an event of `type`. */
export const isWebhookEventSubscribed = (patterns: readonly string[], type: string) =>
  patterns.some((pattern) => (pattern.endsWith('.*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type));

const webhookEventsSchema = z
  .array(webhookEventPatternSchema)
  .min(1)
  .max(webhookEventPatterns.length)
  .refine(distinct, 'must not repeat an event');
const webhookUrlSchema = z.url({ protocol: /^https?$/ }).max(2000);

export const createWebhookBodySchema = z.object({
  url: webhookUrlSchema,
  events: webhookEventsSchema,
  description: z.string().trim().max(200).optional(),
});
export type CreateWebhookBody = z.infer<typeof createWebhookBodySchema>;

export const updateWebhookBodySchema = z
  .object({ url: webhookUrlSchema, events: webhookEventsSchema, active: z.boolean() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'must change url, events or active');
export type UpdateWebhookBody = z.infer<typeof updateWebhookBodySchema>;

export const webhookSchema = z.object({
  id: idSchema,
  url: z.string(),
  events: z.array(webhookEventPatternSchema),
  description: z.string().nullable(),
  active: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Webhook = z.infer<typeof webhookSchema>;

/** The answer to a creation: the signing secret, shown this once. */
export const createdWebhookSchema = webhookSchema.extend({ secret: z.string() });
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;

export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

/** One event sent to one webhook, with how its attempts went. */
export const webhookDeliverySchema = z.object({
  id: idSchema,
  webhookId: idSchema,
  eventId: z.string(),
  eventType: z.enum(webhookEventTypes),
  status: z.enum(webhookDeliveryStatuses),
  attempts: z.number().int(),
  lastResponseStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: timestampSchema,
  lastAttemptAt: timestampSchema.nullable(),
  nextAttemptAt: timestampSchema.nullable(),
  deliveredAt: timestampSchema.nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveriesQuerySchema = paginationQuerySchema;
export const webhookDeliveryParamsSchema = z.object({ id: idSchema, deliveryId: idSchema });
