import { z } from 'zod';

/**
 * Normalizes an Indonesian phone number to E.164 (`+62…`), so that `0812-3456-789`,
 * `+62 812 3456 789` and `628123456789` are one and the same number. Returns null when
 * the input cannot be an Indonesian number.
 */
export function normalizeIndonesianPhone(input: string): string | null {
  const compact = input.replace(/[\s\-().]/g, '');
  let national: string;
  if (compact.startsWith('+62')) national = compact.slice(3);
  else if (compact.startsWith('62')) national = compact.slice(2);
  else if (compact.startsWith('0')) national = compact.slice(1);
  else return null;
  // National significant numbers: mobile 8xx (9–12 digits), landlines with area code (7–11).
  if (!/^[1-9]\d{6,11}$/.test(national)) return null;
  return `+62${national}`;
}

export const phoneSchema = z
  .string()
  .max(32)
  .transform((value, ctx) => {
    const normalized = normalizeIndonesianPhone(value);
    if (normalized === null) {
      ctx.addIssue({ code: 'custom', message: 'must be an Indonesian phone number, e.g. 0812 3456 7890' });
      return z.NEVER;
    }
    return normalized;
  });
