import { describe, expect, it } from 'vitest';
import { resolveDeviceTime } from './device-time';

const now = new Date(Date.UTC(2031, 4, 14, 9, 0, 0));
const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
const window = { now, previousAt: hours(-30), windowSeconds: 72 * 3600 };

describe('the time of an action queued on a phone', () => {
  it.each([
    ['sent live, without a phone time', {}, { at: now, receivedAt: null, adjusted: false }],
    ['sent live, the phone a little off', { occurredAt: hours(-0.01).toISOString() }, { at: now, receivedAt: null }],
    [
      'done offline five hours ago',
      { occurredAt: hours(-5).toISOString() },
      { at: hours(-5), receivedAt: now, adjusted: false },
    ],
    [
      'done offline, the phone an hour slow by the last sync',
      { occurredAt: hours(-6).toISOString(), clockOffsetMs: 3_600_000 },
      { at: hours(-5), receivedAt: now, adjusted: false },
    ],
    ['claiming the future', { occurredAt: hours(3).toISOString() }, { at: now, receivedAt: now, adjusted: true }],
    [
      'before the previous step',
      { occurredAt: hours(-40).toISOString() },
      { at: hours(-30), receivedAt: now, adjusted: true },
    ],
  ])('%s', (_case, device, expected) => {
    expect(resolveDeviceTime(device, window)).toMatchObject(expected);
  });

  it('clamps a time older than the window to its start, when no step came later', () => {
    const recorded = resolveDeviceTime(
      { occurredAt: hours(-24 * 9).toISOString() },
      { now, previousAt: hours(-24 * 10), windowSeconds: 72 * 3600 },
    );
    expect(recorded).toEqual({ at: hours(-72), receivedAt: now, adjusted: true });
  });
});
