import { type TimeZone, timeZoneOffsetHours, zonedDay, zonedInstant } from '@purnajual/contract';

/*
 * Days and clock times in the branch's zone. Indonesia keeps no daylight saving, so a
 * zone is a fixed offset from UTC and plain arithmetic is exact; the phone's own zone
 * plays no part (a technician from Makassar visiting Jakarta still sees Jakarta times).
 */
const hourMs = 3_600_000;
const shifted = (iso: string, timeZone: TimeZone) => new Date(Date.parse(iso) + timeZoneOffsetHours[timeZone] * hourMs);

/** `2026-11-28`: the branch's calendar day of an instant. */
export const localDay = (iso: string, timeZone: TimeZone) => zonedDay(iso, timeZone);

/** `14:30`: the branch's clock time of an instant. */
export const localTime = (iso: string, timeZone: TimeZone) => shifted(iso, timeZone).toISOString().slice(11, 16);

/** The instant (ISO, UTC) of a day and clock time in the branch's zone. */
export const toInstant = (day: string, time: string, timeZone: TimeZone) => zonedInstant(day, timeZone, time);

export function addDays(day: string, days: number) {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Monday of the week a day falls in. */
export function weekStart(day: string) {
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}
