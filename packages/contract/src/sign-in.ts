import { z } from 'zod';
import { timestampSchema } from './common';

/*
 * The second factor of a password sign-in (TOTP, RFC 6238) and the ways the console may
 * sign in. A user with TOTP gets a challenge from `POST /api/v1/auth/login` instead of a
 * session, and trades it with a code for the session at `POST /api/v1/auth/login/totp`.
 */

/** The six digits an authenticator app shows. */
export const totpCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6 digits your authenticator app shows');

/** A code of the authenticator app, or one of the recovery codes (`ABCDE-FGHJK`, case and dash optional). */
export const secondFactorCodeSchema = z.string().trim().min(6).max(32);

export const secondFactorChallengeSchema = z.object({
  secondFactor: z.literal('totp'),
  /** Single-use, valid until `expiresAt`: sent back with the code. */
  challenge: z.string(),
  expiresAt: timestampSchema,
});
export type SecondFactorChallenge = z.infer<typeof secondFactorChallengeSchema>;

export const totpLoginBodySchema = z.object({
  challenge: z.string().min(1).max(128),
  code: secondFactorCodeSchema,
});
export type TotpLoginBody = z.infer<typeof totpLoginBodySchema>;

export const totpStatusSchema = z.object({
  enrolled: z.boolean(),
  /** The user's role must have it (`TOTP_REQUIRED_ROLES`): it cannot be switched off. */
  required: z.boolean(),
  /** This session may do nothing but enrol until the enrolment is confirmed. */
  enrolmentPending: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});
export type TotpStatus = z.infer<typeof totpStatusSchema>;

/** A new secret, not yet in force: the `otpauth://` URI an app scans, and the secret to type in instead. */
export const totpEnrolmentSchema = z.object({ secret: z.string(), uri: z.string() });
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

export const totpConfirmBodySchema = z.object({ code: totpCodeSchema });
export type TotpConfirmBody = z.infer<typeof totpConfirmBodySchema>;

/** Shown once: only their hashes are kept. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

/** Switching TOTP off takes a current code (or a recovery code) or the password. */
export const totpDisableBodySchema = z
  .object({ code: secondFactorCodeSchema.optional(), password: z.string().min(1).max(128).optional() })
  .refine((body) => body.code !== undefined || body.password !== undefined, {
    message: 'give a code or the password',
    path: ['code'],
  });
export type TotpDisableBody = z.infer<typeof totpDisableBodySchema>;

/** How the console may sign in: always by NIK and password; by single sign-on when it is configured. */
export const authMethodsSchema = z.object({ password: z.literal(true), oidc: z.boolean() });
export type AuthMethods = z.infer<typeof authMethodsSchema>;

/** What the provider sends back to the callback; openid-client checks the rest of it (RFC 9207 `iss` too). */
export const oidcCallbackQuerySchema = z.looseObject({
  state: z.string().max(512).optional(),
  code: z.string().max(2048).optional(),
  error: z.string().max(256).optional(),
});

/** Where a client that is no browser sends its user to sign in with the provider. */
export const oidcStartSchema = z.object({ authorizationUrl: z.string() });
