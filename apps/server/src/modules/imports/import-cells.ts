import { normalizeIndonesianPhone } from '@purnajual/contract';

/** A calendar date as spreadsheets hold it: `2026-11-28`, `28/11/2026` or `28-11-2026`; null if it is none. */
export function readDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const local = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : local ? [local[3], local[2], local[1]] : [];
  if (year === undefined || month === undefined || day === undefined) return null;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date ? date : null;
}

/**
 * The numbers of a phone cell, `|` between them, each in E.164; a number given twice counts
 * once. A spreadsheet that took a number for a quantity dropped its leading 0 (`81234567890`):
 * a mobile number is read back from it.
 */
export function readPhones(text: string): { numbers: string[]; unreadable: string[] } {
  const numbers: string[] = [];
  const unreadable: string[] = [];
  for (const part of text.split('|')) {
    const given = part.trim();
    if (given === '') continue;
    const normalized = normalizeIndonesianPhone(/^8\d{8,11}$/.test(given) ? `0${given}` : given);
    if (normalized === null) unreadable.push(given);
    else if (!numbers.includes(normalized)) numbers.push(normalized);
  }
  return { numbers, unreadable };
}
