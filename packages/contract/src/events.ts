import { z } from 'zod';

/** What the event stream (`GET /api/v1/events`) carries; `data` is JSON. */
export const eventTypes = [
  'work_order.created',
  'work_order.updated',
  'notification.created',
  'stock.changed',
] as const;
export const eventTypeSchema = z.enum(eventTypes);
export type EventType = z.infer<typeof eventTypeSchema>;

export const eventsQuerySchema = z.object({
  /** For clients that cannot send the `Last-Event-ID` header: resume after this event. */
  lastEventId: z.coerce.number().int().min(0).optional(),
});
