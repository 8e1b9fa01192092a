import { z } from 'zod';
import { areaCodeSchema, idSchema, timestampSchema } from './common';
import { roleSchema } from './role-schema';

/** Employee number (NIK) — the sign-in name. */
export const employeeNoSchema = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[A-Za-z0-9._-]+$/, 'may contain letters, digits, dot, dash and underscore');

/**
 * A password as the user chooses it. The length cap keeps hashing cheap for an attacker
 * who sends megabytes; composition rules are left out on purpose (NIST SP 800-63B).
 */
export const passwordSchema = z.string().min(8).max(128);

export const loginBodySchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const userSchema = z.object({
  id: idSchema,
  employeeNo: z.string(),
  name: z.string(),
  role: roleSchema,
  branchId: idSchema.nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  areaCodes: z.array(areaCodeSchema).optional(),
  version: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type User = z.infer<typeof userSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: timestampSchema,
  user: userSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;
