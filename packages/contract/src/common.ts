import { z } from 'zod';
import { ianaTimeZones } from './time-zones';

/** Ids are UUIDv7 strings; anything else is refused before it reaches a query. */
export const idSchema = z.uuid({ version: 'v7' });

export const idParamsSchema = z.object({ id: idSchema });

/** Timestamps travel as ISO 8601 UTC strings with milliseconds. */
export const timestampSchema = z.iso.datetime();

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
