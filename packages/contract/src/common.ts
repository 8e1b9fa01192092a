import { z } from 'zod';
import { ianaTimeZones } from './time-zones';

/** Ids are UUIDv7 strings; anything else is refused before it reaches a query. */
export const idSchema = z.uuid({ version: 'v7' });

export const idParamsSchema = z.object({ id: idSchema });

/**
 * An object with one `value` under each of `keys`: what `z.record(z.enum(keys), value)`
 * means, but documented with its properties (a record's JSON Schema requires keys it never
 * defines, which the OpenAPI linters refuse).
 */
export const keyedBy = <K extends string, V extends z.ZodType>(keys: readonly K[], value: V) =>
  z.object(Object.fromEntries(keys.map((key) => [key, value])) as Record<K, V>);

/** Timestamps travel as ISO 8601 UTC strings with milliseconds. */
export const timestampSchema = z.iso.datetime();

/** A phone's clock may be off by a day at the most; anything more is a broken clock. */
export const maxClockOffsetMs = 86_400_000;

/**
 * When an action queued on a phone really happened: `occurredAt` by the phone's clock, and
 * `clockOffsetMs`, the server's time minus the phone's as measured at its last sync. The
 * server records the action at that time when it is plausible (see the README).
 */
export const deviceTimeFields = {
  occurredAt: timestampSchema.optional(),
  clockOffsetMs: z.number().int().min(-maxClockOffsetMs).max(maxClockOffsetMs).optional(),
};
export interface DeviceTime {
  occurredAt?: string | undefined;
  clockOffsetMs?: number | undefined;
}

export const paginationQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Indonesian administrative area code: province `31`, regency `31.74`, district `31.74.01`. */
export const areaCodeSchema = z
  .string()
  .regex(/^\d{2}(\.\d{2}(\.\d{2})?)?$/, 'must be an area code such as 31, 31.74 or 31.74.01');

export const timeZoneSchema = z.enum(ianaTimeZones);
