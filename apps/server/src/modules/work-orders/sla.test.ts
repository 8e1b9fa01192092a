import { ianaTimeZones, priorities, zonedInstant } from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../test/app';
import { workOrderRow } from '../../../test/work-order-row';
import { addSeconds, localDate, toIso } from '../../platform/clock';
import { slaDueAt, slaOnPriorityChange, slaOnReopen } from './sla';

const slaHours = { urgent: 4, high: 24, normal: 48, low: 72 };
const clock = createManualClock();
const hoursAfter = (start: Date, hours: number) => addSeconds(start, hours * 3600);

describe('the SLA due time', () => {
  it.each(priorities)('of a %s work order is its hours after the cycle began', (priority) => {
    const start = clock.now();
    expect(slaDueAt(slaHours, priority, start)).toEqual(hoursAfter(start, slaHours[priority]));
  });

  it.each(ianaTimeZones)('counts clock hours across local midnight in %s, not calendar days', (timeZone) => {
    // Taken at 22:00 local time: an urgent one is due at 02:00 on the next local day.
    const start = new Date(zonedInstant(localDate(clock.now(), timeZone), timeZone, '22:00'));
    const due = slaDueAt(slaHours, 'urgent', start);
    expect(due).toEqual(hoursAfter(start, 4));
    expect(localDate(due, timeZone)).not.toBe(localDate(start, timeZone));
  });
});

describe('a changed priority', () => {
  const createdAt = clock.now();

  it('counts from intake, and clears the flag when the new due time is still ahead', () => {
    const row = workOrderRow(createdAt);
    expect(slaOnPriorityChange(slaHours, row, 'low', hoursAfter(createdAt, 50))).toEqual({
      slaDueAt: toIso(hoursAfter(createdAt, 72)),
      slaBreachedAt: null,
    });
  });

  it('keeps the flag when the new due time has passed as well', () => {
    const row = workOrderRow(createdAt, { slaBreachedAt: toIso(hoursAfter(createdAt, 49)) });
    const change = slaOnPriorityChange(slaHours, row, 'high', hoursAfter(createdAt, 50));
    expect(change).toEqual({ slaDueAt: toIso(hoursAfter(createdAt, 24)) });
  });

  it('counts from the latest reopening once there is one', () => {
    const reopenedAt = hoursAfter(createdAt, 100);
    const row = workOrderRow(createdAt, { reopenedAt: toIso(reopenedAt) });
    expect(slaOnPriorityChange(slaHours, row, 'urgent', hoursAfter(reopenedAt, 1)).slaDueAt).toBe(
      toIso(hoursAfter(reopenedAt, 4)),
    );
  });
});

describe('a reopening', () => {
  const createdAt = clock.now();
  const dueAt = hoursAfter(createdAt, 48);
  const reopenedAt = hoursAfter(createdAt, 96);

  it.each([
    ['completed on time', toIso(hoursAfter(createdAt, 47)), 0],
    ['completed late', toIso(hoursAfter(createdAt, 49)), 1],
  ])('starts a new cycle without the flag, after a cycle %s (misses + %i)', (_, completedAt, misses) => {
    const row = workOrderRow(createdAt, {
      status: 'closed',
      slaDueAt: toIso(dueAt),
      slaBreachedAt: toIso(hoursAfter(createdAt, 48.5)),
      slaMissCount: 1,
      completedAt,
    });
    expect(slaOnReopen(slaHours, row, reopenedAt)).toEqual({
      slaDueAt: toIso(hoursAfter(reopenedAt, 48)),
      slaBreachedAt: null,
      slaMissCount: 1 + misses,
    });
  });
});
