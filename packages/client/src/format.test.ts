import metadata from 'libphonenumber-js/metadata.min.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDayWithWeekday,
  formatDuration,
  formatPhone,
  formatRupiah,
  formatTimeRange,
  formatTimeWindow,
} from './format';
import { indonesianPhoneMetadata } from './phone-metadata';

describe('formatting for Indonesian users', () => {
  it('writes rupiah with the thousands separator of the language, glued to Rp by a non-breaking space', () => {
    expect(formatRupiah(1_250_000)).toBe('Rp\u00a01.250.000');
    expect(formatRupiah(1_250_000, 'en')).toBe('Rp\u00a01,250,000');
    expect(formatRupiah(-10_000)).toBe('-Rp\u00a010.000');
    expect(formatRupiah(0)).toBe('Rp\u00a00');
    expect(formatRupiah(25_000)).not.toMatch(/\s(?<!\u00a0)/);
  });

  it('writes a calendar day as d MMM yyyy in both languages', () => {
    expect(formatDate('2026-11-20')).toBe('20 Nov 2026');
    expect(formatDate('2026-11-20', 'en')).toBe('20 Nov 2026');
    expect(formatDate('2027-12-01')).toBe('1 Des 2027');
    expect(formatDate('2027-05-31', 'en')).toBe('31 May 2027');
    expect(formatDate(null)).toBe('—');
    expect(formatDayWithWeekday('2026-11-20')).toBe('Jumat, 20 Nov 2026');
    expect(formatDayWithWeekday('2026-11-20', 'en')).toBe('Friday, 20 Nov 2026');
  });

  it("shows an instant in the branch's zone with its label, across a date line", () => {
    // 16:30 UTC is 23:30 WIB on the 30th, 00:30 WITA and 01:30 WIT on the 1st.
    expect(formatDateTime('2026-11-30T16:30:00.000Z', 'Asia/Jakarta')).toMatch(/^30 Nov 2026.*23\.30 WIB$/);
    expect(formatDateTime('2026-11-30T16:30:00.000Z', 'Asia/Makassar')).toMatch(/^1 Des 2026.*00\.30 WITA$/);
    expect(formatDateTime('2026-11-30T16:30:00.000Z', 'Asia/Jayapura', 'en')).toMatch(/^1 Dec 2026.*01:30 WIT$/);
    expect(formatDateTime(null, 'Asia/Jakarta')).toBe('—');
  });

  it('writes an appointment window with its day once, in the branch zone', () => {
    const start = '2026-12-01T02:00:00.000Z';
    expect(formatTimeWindow(start, '2026-12-01T04:00:00.000Z', 'Asia/Jakarta')).toMatch(
      /^1 Des 2026,? 09\.00\s?–\s?11\.00 WIB$/,
    );
    expect(formatTimeWindow(start, '2026-12-01T04:00:00.000Z', 'Asia/Jayapura', 'en')).toMatch(
      /^1 Dec 2026,? 11:00\s?–\s?13:00 WIT$/,
    );
    // Across midnight both days are written.
    expect(formatTimeWindow(start, '2026-12-01T17:30:00.000Z', 'Asia/Jakarta')).toMatch(
      /1 Des 2026.*2 Des 2026.*00\.30 WIB$/,
    );
    expect(formatTimeWindow(null, start, 'Asia/Jakarta')).toBe('—');
  });

  it("writes a schedule's hours with the label of each zone", () => {
    const start = '2026-12-01T02:00:00.000Z';
    const end = '2026-12-01T04:00:00.000Z';
    expect(formatTimeRange(start, end, 'Asia/Jakarta')).toBe('09.00–11.00 WIB');
    expect(formatTimeRange(start, end, 'Asia/Makassar')).toBe('10.00–12.00 WITA');
    expect(formatTimeRange(start, end, 'Asia/Jayapura', 'en')).toBe('11:00–13:00 WIT');
    expect(formatTimeRange(start, null, 'Asia/Jakarta')).toBe('—');
  });

  it('writes repair time in hours and minutes', () => {
    expect(formatDuration(5400)).toBe('1 j 30 m');
    expect(formatDuration(5400, 'en')).toBe('1 h 30 m');
    expect(formatDuration(600)).toBe('10 m');
  });
});

describe('formatPhone', () => {
  it.each([
    ['Telkomsel', '+6281355552468', '+62 813-5555-2468'],
    ['Telkomsel, 11 digits', '+628111234567', '+62 811-1234-567'],
    ['Indosat', '+6285712345678', '+62 857-1234-5678'],
    ['XL', '+6281912345678', '+62 819-1234-5678'],
    ['Smartfren', '+6288112345678', '+62 881-1234-5678'],
    ['Tri', '+6289912345678', '+62 899-1234-5678'],
    ['Jakarta landline', '+62215550123', '+62 21 5550123'],
    ['Jakarta landline, 8 digits', '+622155501234', '+62 21 55501234'],
    ['Makassar landline', '+62411452123', '+62 411 452123'],
    ['Denpasar landline', '+62361234567', '+62 361 234567'],
    ['toll-free', '+628001234567', '+62 800 1234567'],
  ])('%s: %s → %s', (_operator, e164, expected) => {
    expect(formatPhone(e164)).toBe(expected);
  });

  it('groups a number typed the national way too, and leaves text that is no Indonesian number alone', () => {
    expect(formatPhone('(021) 5150 8888')).toBe('+62 21 51508888');
    expect(formatPhone('0812 3456 7890')).toBe('+62 812-3456-7890');
    expect(formatPhone('+1 415 555 0100')).toBe('+1 415 555 0100');
    expect(formatPhone('12')).toBe('12');
    expect(formatPhone('—')).toBe('—');
  });

  it("reads Indonesia's numbering plan as the installed libphonenumber-js has it", () => {
    // Fails after an upgrade that changed the plan: copy countries.ID into phone-metadata.ts.
    expect(indonesianPhoneMetadata.countries.ID).toEqual(metadata.countries.ID);
    expect(indonesianPhoneMetadata.version).toBe(metadata.version);
  });
});
