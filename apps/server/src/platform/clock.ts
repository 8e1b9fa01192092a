/** The source of "now" for everything that stores or compares time; tests move it by hand. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Timestamps are stored as fixed-width ISO 8601 UTC strings, so text order is time order. */
export const toIso = (date: Date): string => date.toISOString();

export const addSeconds = (date: Date, seconds: number): Date => new Date(date.getTime() + seconds * 1000);

/**
 * The calendar date (`YYYY-MM-DD`) at this instant in an IANA zone. Dates are per zone:
 * 23:30 WIB on the 30th is 16:30 UTC on the 30th but already 01:30 WIT on the 31st in
 * Jayapura, so taking the UTC date would file evening work under the wrong day.
 */
export function localDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
