import { describe, expect, it } from 'vitest';
import { warrantyStatusOn } from './intake';
import { repairSecondsAt } from './work-order-summary';

describe('warranty status at intake', () => {
  it.each([
    ['2026-11-28', '2027-01-31', 'in_warranty'],
    ['2026-11-28', '2026-11-28', 'in_warranty'],
    ['2026-11-28', '2026-11-27', 'out_of_warranty'],
    ['2026-11-28', null, 'unknown'],
    ['2026-11-28', undefined, 'unknown'],
  ] as const)('on %s with warranty until %s → %s', (today, until, expected) => {
    expect(warrantyStatusOn(today, until)).toBe(expected);
  });
});

describe('repair timer', () => {
  const now = new Date('2026-11-28T10:00:00.000Z');
  it.each([
    [0, null, 0],
    [600, null, 600],
    [600, '2026-11-28T09:50:00.000Z', 1200],
    [0, '2026-11-28T09:59:59.500Z', 0],
    // A phone clock ahead of the server never makes the timer run backwards.
    [300, '2026-11-28T10:05:00.000Z', 300],
  ] as const)('%i s finished, running since %s → %i s', (finished, since, expected) => {
    expect(repairSecondsAt({ repairSeconds: finished, inProgressSince: since }, now)).toBe(expected);
  });
});
