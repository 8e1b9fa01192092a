/* Plain data, free of schema code: the apps format times with it on their first screen. */
export const ianaTimeZones = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type TimeZone = (typeof ianaTimeZones)[number];

/** The head office's zone: where a work order no branch serves is numbered, dated and reported. */
export const headOfficeTimeZone: TimeZone = 'Asia/Jakarta';

/** The label Indonesians read on a clock for each zone. */
export const timeZoneLabels: Record<TimeZone, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** Hours ahead of UTC; Indonesia keeps no daylight saving, so these never change. */
export const timeZoneOffsetHours: Record<TimeZone, number> = {
  'Asia/Jakarta': 7,
  'Asia/Makassar': 8,
  'Asia/Jayapura': 9,
};

/**
 * The instant (ISO, UTC) a wall-clock `day` (`YYYY-MM-DD`) and `time` (`HH:MM`) happen in a
 * zone. The offset is fixed, so plain arithmetic is exact. The off-by-one trap it avoids:
 * midnight WITA is 16:00 UTC of the day before.
 */
export function zonedInstant(day: string, timeZone: TimeZone, time = '00:00'): string {
  return new Date(Date.parse(`${day}T${time}:00.000Z`) - timeZoneOffsetHours[timeZone] * 3_600_000).toISOString();
}

/** `2026-11-28`: the calendar day an instant falls on in a zone, whatever the device's own zone. */
export function zonedDay(instant: string | Date, timeZone: TimeZone): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + timeZoneOffsetHours[timeZone] * 3_600_000).toISOString().slice(0, 10);
}
