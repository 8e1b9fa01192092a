import { describe, expect, it } from 'vitest';
import { normalizeIndonesianPhone } from './phone';

describe('normalizeIndonesianPhone', () => {
  it.each([
    ['081234567890', '+6281234567890'],
    ['+62 812-3456-7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['(021) 555-0123', '+62215550123'],
    ['0411 452 123', '+62411452123'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeIndonesianPhone(input)).toBe(expected);
  });

  it.each(['', '12345', '+1 415 555 0100', '0812', '08123456789012345', '0812abc4567', '+620812345678'])(
    'refuses %j',
    (input) => {
      expect(normalizeIndonesianPhone(input)).toBeNull();
    },
  );
});
