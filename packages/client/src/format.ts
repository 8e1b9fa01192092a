import { type TimeZone, timeZoneLabels } from '@purnajual/contract';
import { parsePhoneNumberFromString } from 'libphonenumber-js/core';
import { indonesianPhoneMetadata } from './phone-metadata';

/*
 * How both apps, the CSV downloads and the PDF service report write money, days, times and
 * phone numbers: each rule once, here.
 */

export type Locale = 'id' | 'en';

const intlLocales: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };
const none = '—';

// Building an Intl format costs far more than using one; a board shows a thousand dates.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached(key: string, build: () => Intl.DateTimeFormat) {
  let format = dateFormats.get(key);
  if (!format) {
    format = build();
    dateFormats.set(key, format);
  }
  return format;
}

const wholeNumbers: Record<Locale, Intl.NumberFormat> = {
  id: new Intl.NumberFormat(intlLocales.id, { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat(intlLocales.en, { maximumFractionDigits: 0 }),
};

/**
 * `Rp 1.250.000` (`Rp 1,250,000` in English), whole rupiah. The space after `Rp` does not
 * break: on a narrow phone screen the amount wraps as one word, never `Rp` above the digits.
 */
export function formatRupiah(amount: number, locale: Locale = 'id') {
  return `${amount < 0 ? '-' : ''}Rp\u00a0${wholeNumbers[locale].format(Math.abs(amount))}`;
}

const dayMonthYear = { day: 'numeric', month: 'short', year: 'numeric' } as const;

const calendarDay = (locale: Locale, weekday: boolean) =>
  cached(
    `day ${locale} ${weekday}`,
    () =>
      new Intl.DateTimeFormat(intlLocales[locale], {
        ...dayMonthYear,
        ...(weekday ? { weekday: 'long' } : {}),
        timeZone: 'UTC',
      }),
  );

/**
 * `20 Nov 2026`: a calendar day (`2026-11-20`, as warranty ends and purchase dates are
 * kept). It names no instant, so no zone shifts it to the day before.
 */
export function formatDate(day: string | null | undefined, locale: Locale = 'id') {
  return day ? calendarDay(locale, false).format(new Date(`${day}T00:00:00.000Z`)) : none;
}

/** `Jumat, 20 Nov 2026`: a calendar day with its weekday, as a schedule heads a day. */
export function formatDayWithWeekday(day: string, locale: Locale = 'id') {
  return calendarDay(locale, true).format(new Date(`${day}T00:00:00.000Z`));
}

const dateTimeFormat = (locale: Locale, timeZone: TimeZone) =>
  cached(
    `dateTime ${locale} ${timeZone}`,
    () =>
      new Intl.DateTimeFormat(intlLocales[locale], { ...dayMonthYear, hour: '2-digit', minute: '2-digit', timeZone }),
  );

const timeFormat = (locale: Locale, timeZone: TimeZone) =>
  cached(
    `time ${locale} ${timeZone}`,
    () => new Intl.DateTimeFormat(intlLocales[locale], { hour: '2-digit', minute: '2-digit', timeZone }),
  );

/** `28 Nov 2026 10.15 WITA`: a UTC instant shown in a branch's zone, with the zone's name. */
export function formatDateTime(iso: string | Date | null | undefined, timeZone: TimeZone, locale: Locale = 'id') {
  if (!iso) return none;
  return `${dateTimeFormat(locale, timeZone).format(new Date(iso))} ${timeZoneLabels[timeZone]}`;
}

/** `1 Des 2026, 09.00–11.00 WIB`: an appointment window, the day written once when it is one day. */
export function formatTimeWindow(
  startIso: string | null | undefined,
  endIso: string | null | undefined,
  timeZone: TimeZone,
  locale: Locale = 'id',
) {
  if (!startIso || !endIso) return none;
  const range = dateTimeFormat(locale, timeZone).formatRange(new Date(startIso), new Date(endIso));
  return `${range} ${timeZoneLabels[timeZone]}`;
}

/** `09.00–11.00 WIB`: the hours of an appointment, where its day is already said (a schedule's day). */
export function formatTimeRange(
  startIso: string | null | undefined,
  endIso: string | null | undefined,
  timeZone: TimeZone,
  locale: Locale = 'id',
) {
  if (!startIso || !endIso) return none;
  const time = timeFormat(locale, timeZone);
  return `${time.format(new Date(startIso))}–${time.format(new Date(endIso))} ${timeZoneLabels[timeZone]}`;
}

/** `1 j 25 m` / `1 h 25 m` from seconds. */
export function formatDuration(seconds: number, locale: Locale = 'id') {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const h = locale === 'id' ? 'j' : 'h';
  return hours > 0 ? `${hours} ${h} ${minutes} m` : `${minutes} m`;
}

const phones = new Map<string, string>();

/**
 * `+62 813-5555-2468`, `+62 21 5550123`: the country code, then the number grouped as
 * Indonesians write it at home (`0813-5555-2468`, `(021) 5550123`) without the leading 0
 * or the brackets around the area code. Text that is no Indonesian number is left as it is.
 */
export function formatPhone(phone: string) {
  let formatted = phones.get(phone);
  if (formatted === undefined) {
    const parsed = parsePhoneNumberFromString(phone, 'ID', indonesianPhoneMetadata);
    formatted =
      parsed?.countryCallingCode === '62' && parsed.isPossible()
        ? `+62 ${parsed.formatNational().replace(/^\(?0(\d+)\)?/, '$1')}`
        : phone;
    // Parsing is the slow part on a board of 500 work orders, and customers call again.
    if (phones.size >= 10_000) phones.clear();
    phones.set(phone, formatted);
  }
  return formatted;
}
