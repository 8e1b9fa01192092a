import { type TimeZone, timeZoneLabels } from '@purnajual/contract';

const rupiah = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 });

/** `Rp 1.250.000` — rupiah have no minor unit in everyday use. */
export const formatRupiah = (amount: number) => rupiah.format(amount).replace(/\u00a0/g, ' ');

// Building an Intl.DateTimeFormat costs far more than using one; a board shows a thousand dates.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: 'id' | 'en', timeZone: TimeZone) {
  const key = `${locale} ${timeZone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** `28 Nov 2026 10.15 WITA`: a UTC instant shown in a branch's zone, with the zone's name. */
export function formatDateTime(iso: string | null | undefined, timeZone: TimeZone, locale: 'id' | 'en' = 'id') {
  if (!iso) return '—';
  return `${dateTimeFormat(locale, timeZone).format(new Date(iso))} ${timeZoneLabels[timeZone]}`;
}

/** `1 Des 2026, 09.00–11.00 WIB`: an appointment window, the day written once when it is one day. */
export function formatTimeWindow(
  startIso: string | null | undefined,
  endIso: string | null | undefined,
  timeZone: TimeZone,
  locale: 'id' | 'en' = 'id',
) {
  if (!startIso || !endIso) return '—';
  const range = dateTimeFormat(locale, timeZone).formatRange(new Date(startIso), new Date(endIso));
  return `${range} ${timeZoneLabels[timeZone]}`;
}

/** `1 j 25 m` / `1 h 25 m` from seconds. */
export function formatDuration(seconds: number, locale: 'id' | 'en' = 'id') {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const h = locale === 'id' ? 'j' : 'h';
  return hours > 0 ? `${hours} ${h} ${minutes} m` : `${minutes} m`;
}
