import { describe, expect, it } from 'vitest';
import { zonedDay, zonedInstant } from './time-zones';

describe('days and instants in a branch zone', () => {
  it('puts midnight of a day at the UTC instant it happens in each zone', () => {
    expect(zonedInstant('2026-12-01', 'Asia/Jakarta')).toBe('2026-11-30T17:00:00.000Z');
    expect(zonedInstant('2026-12-01', 'Asia/Makassar')).toBe('2026-11-30T16:00:00.000Z');
    expect(zonedInstant('2026-12-01', 'Asia/Jayapura')).toBe('2026-11-30T15:00:00.000Z');
    expect(zonedInstant('2026-12-01', 'Asia/Makassar', '14:30')).toBe('2026-12-01T06:30:00.000Z');
  });

  it("files an instant under the zone's calendar day, across a month's end", () => {
    // 15:30 UTC on 30 November: still November in Jakarta and Makassar, December in Jayapura.
    const instant = '2026-11-30T15:30:00.000Z';
    expect(zonedDay(instant, 'Asia/Jakarta')).toBe('2026-11-30');
    expect(zonedDay(instant, 'Asia/Makassar')).toBe('2026-11-30');
    expect(zonedDay(new Date(instant), 'Asia/Jayapura')).toBe('2026-12-01');
    // 23:30 WITA is still that day; half an hour later it is the next.
    expect(zonedDay('2026-11-28T15:30:00.000Z', 'Asia/Makassar')).toBe('2026-11-28');
    expect(zonedDay('2026-11-28T16:00:00.000Z', 'Asia/Makassar')).toBe('2026-11-29');
  });

  it('turns a day back into the instant of its midnight', () => {
    for (const timeZone of ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const) {
      expect(zonedDay(zonedInstant('2026-01-01', timeZone), timeZone)).toBe('2026-01-01');
    }
  });
});
