import { z } from 'zod';

/**
 * Stable machine-readable error codes and the HTTP status each one maps to.
 * Clients branch on `code`, never on `title` or `detail`.
 */
export const errorStatus = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  /** A wrong, reused or spent TOTP or recovery code. */
  invalid_second_factor: 401,
  /** The second-factor challenge is unknown, used or past its five minutes: sign in again. */
  sign_in_expired: 401,
  /** A single sign-on whose state, nonce or code does not hold (replayed, forged, expired). */
  sso_refused: 401,
  /** An API key that is malformed, unknown, revoked or past its expiry. */
  invalid_api_key: 401,
  /** The provider's user is no active console user here (matched by verified e-mail; never created). */
  sso_unknown_user: 403,
  /** The session's role must have a second factor: it may only enrol one until it has. */
  totp_enrolment_required: 403,
  forbidden: 403,
  /** An API key without the scope the route needs; `detail` names it. */
  insufficient_scope: 403,
  not_found: 404,
  /** The server has no VAPID keys: it sends no push notifications, and the apps do not offer them. */
  push_disabled: 404,
  method_not_allowed: 405,
  /** The request came in too slowly (a body below the minimum upload rate); the connection is closed. */
  request_timeout: 408,
  conflict: 409,
  invalid_transition: 409,
  version_conflict: 409,
  insufficient_stock: 409,
  part_limit_exceeded: 409,
  /** Closing with an unpaid customer balance, without a supervisor's override. */
  unpaid_balance: 409,
  /** The total the customer approved is not the current total. */
  total_changed: 409,
  /** A payment larger than the balance (overpayment is not taken). */
  payment_exceeds_balance: 409,
  /** A payment with no approval of the current bill: the customer signs first. */
  approval_required: 409,
  /**
   * An appointment over another of the same technician's; `conflictingWorkOrder` names it.
   * A supervisor or an admin may book it anyway with `overrideReason`.
   */
  appointment_conflict: 409,
  /**
   * Completing or closing while the customer would pay more than the bill they approved: the
   * customer approves again (or, to close, a supervisor overrides with `overrideReason`).
   */
  approval_outdated: 409,
  /** Closing while the customer has paid more than the bill, before the refund or credit note is recorded. */
  overpaid_balance: 409,
  /** A refund or credit note larger than what the customer paid beyond the bill. */
  refund_exceeds_overpayment: 409,
  survey_already_answered: 409,
  /** An import of the same kind is queued or running: one at a time, so their rows cannot interleave. */
  import_running: 409,
  /** The same `Idempotency-Key` is still being answered (a resend after a reload, another tab): retry after `Retry-After`. */
  request_in_progress: 409,
  payload_too_large: 413,
  /** A photo beyond the photos or bytes a work order, or the bytes a user per day, may take; `limit` names which. */
  quota_exceeded: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

export const problemFieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
});

/** RFC 9457 problem details, as every error response carries them. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.enum(errorCodes as [ErrorCode, ...ErrorCode[]]),
  requestId: z.string().optional(),
  errors: z.array(problemFieldErrorSchema).optional(),
  /** Of `quota_exceeded`: the limit that was reached. */
  limit: z.enum(['photosPerWorkOrder', 'bytesPerWorkOrder', 'bytesPerUserPerDay']).optional(),
  /** Of `not_found` for a customer merged into another: the customer they live on as. */
  mergedIntoId: z.string().optional(),
  /** Of `conflict` for a serial number already registered: that unit and its owner, to offer its transfer. */
  existingProduct: z.object({ id: z.string(), customerId: z.string(), customerName: z.string() }).optional(),
  /** Of `appointment_conflict`: the technician's other work order at that time. */
  conflictingWorkOrder: z
    .object({ id: z.string(), number: z.string(), appointmentStart: z.string(), appointmentEnd: z.string() })
    .optional(),
});

export type Problem = z.infer<typeof problemSchema>;
export type QuotaLimit = NonNullable<Problem['limit']>;
export type ExistingProduct = NonNullable<Problem['existingProduct']>;
export type ConflictingWorkOrder = NonNullable<Problem['conflictingWorkOrder']>;
export type ProblemFieldError = z.infer<typeof problemFieldErrorSchema>;
