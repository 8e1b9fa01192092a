import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration, formatRupiah, formatTimeWindow } from './format';

describe('formatting for Indonesian users', () => {
  it('writes rupiah with dots for thousands and no decimals', () => {
    expect(formatRupiah(1_250_000)).toBe('Rp 1.250.000');
    expect(formatRupiah(0)).toBe('Rp 0');
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

  it('writes repair time in hours and minutes', () => {
    expect(formatDuration(5400)).toBe('1 j 30 m');
    expect(formatDuration(5400, 'en')).toBe('1 h 30 m');
    expect(formatDuration(600)).toBe('10 m');
  });
});
