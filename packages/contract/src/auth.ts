import { z } from 'zod';
import { areaCodeSchema, idSchema, timestampSchema } from './common';
import { roleSchema } from './role-schema';
import { secondFactorChallengeSchema } from './sign-in';

/** Employee number (NIK) — the sign-in name. */
export const employeeNoSchema = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[A-Za-z0-9._-]+$/, 'may contain letters, digits, dot, dash and underscore');

/** The rules of the password policy that server and screens check alike. */
export type PasswordRule = 'one_character' | 'company_name';

/** Legal forms in a company's name, which are no part of what makes the name guessable. */
const legalForms = new Set(['pt', 'cv', 'ud', 'tbk', 'persero', 'koperasi']);

/** The words of a company name a password may not contain: "PT Purnajual Servis" → purnajual, servis. */
export function companyNameWords(companyName: string): string[] {
  return companyName
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 4 && !legalForms.has(word));
}

/**
 * The shared rule a password breaks, or null: one character over and over ("aaaaaaaa"),
 * or a word of the company's name, the first guesses against a company's accounts. The
 * server also refuses common passwords and the user's own NIK or name.
 */
export function brokenPasswordRule(password: string, companyName?: string): PasswordRule | null {
  if (new Set(password).size === 1) return 'one_character';
  const lowered = password.toLowerCase();
  if (companyName && companyNameWords(companyName).some((word) => lowered.includes(word))) return 'company_name';
  return null;
}

/**
 * A password as the user chooses it. The length cap keeps hashing cheap for an attacker
 * who sends megabytes; composition rules are left out on purpose (NIST SP 800-63B).
 */
export const passwordSchema = z
  .string()
  .min(8)
  .max(128, { abort: true })
  .refine((password) => brokenPasswordRule(password) === null, 'may not be one character repeated');

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
  /** The user's role must have a second factor and has none: the session may only enrol one. */
  totpEnrolmentRequired: z.boolean(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** What a password sign-in answers: the session, or a challenge for the second factor. */
export const loginAnswerSchema = z.union([loginResponseSchema, secondFactorChallengeSchema]);
export type LoginAnswer = z.infer<typeof loginAnswerSchema>;
