import { describe, expect, it } from 'vitest';
import { addDays, localDay, localTime, toInstant, weekStart } from './local-time';

describe('branch-local days and times', () => {
  it('puts an instant on the branch’s calendar day, not UTC’s', () => {
    // 23:30 UTC on the 27th is already the morning of the 28th in all three zones.
    expect(localDay('2026-11-27T23:30:00.000Z', 'Asia/Jakarta')).toBe('2026-11-28');
    expect(localTime('2026-11-27T23:30:00.000Z', 'Asia/Jakarta')).toBe('06:30');
    expect(localTime('2026-11-27T23:30:00.000Z', 'Asia/Makassar')).toBe('07:30');
    expect(localTime('2026-11-27T23:30:00.000Z', 'Asia/Jayapura')).toBe('08:30');
    expect(localDay('2026-11-27T16:59:59.000Z', 'Asia/Jakarta')).toBe('2026-11-27');
  });

  it('turns a day and clock time in a zone back into the same instant', () => {
    expect(toInstant('2026-11-28', '09:00', 'Asia/Jayapura')).toBe('2026-11-28T00:00:00.000Z');
    expect(toInstant('2026-11-28', '06:00', 'Asia/Jakarta')).toBe('2026-11-27T23:00:00.000Z');
    const instant = toInstant('2026-12-31', '23:45', 'Asia/Makassar');
    expect([localDay(instant, 'Asia/Makassar'), localTime(instant, 'Asia/Makassar')]).toEqual(['2026-12-31', '23:45']);
  });

  it('counts days across month and year ends and starts weeks on Monday', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekStart('2026-11-28')).toBe('2026-11-23'); // a Saturday
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(weekStart('2026-11-29')).toBe('2026-11-23'); // Sunday ends the week
  });
});
