import { z } from 'zod';

/** What the event stream (`GET /api/v1/events`) carries; `data` is JSON. */
export const eventTypes = [
  'work_order.created',
  'work_order.updated',
  'notification.created',
  'stock.changed',
  'part_request.created',
  'part_request.updated',
  'part_return.created',
  'part_return.updated',
] as const;
export const eventTypeSchema = z.enum(eventTypes);
export type EventType = z.infer<typeof eventTypeSchema>;

/** Events about spare parts, which only the roles that handle parts receive. */
export const stockEventTypes = [
  'stock.changed',
  'part_request.created',
  'part_request.updated',
  'part_return.created',
  'part_return.updated',
] as const satisfies readonly EventType[];

/**
 * Sent in place of a replay when events after the client's `Last-Event-ID` were pruned
 * (`EVENT_RETENTION`), or are more than a replay holds (`SSE_MAX_REPLAY_EVENTS`): the
 * client loads everything again; live events follow.
 */
export const reloadEventType = 'reload';
export interface ReloadEventData {
  reason: 'events_pruned' | 'too_far_behind';
}

export const eventsQuerySchema = z.object({
  /** For clients that cannot send the `Last-Event-ID` header: resume after this event. */
  lastEventId: z.coerce.number().int().min(0).optional(),
});
