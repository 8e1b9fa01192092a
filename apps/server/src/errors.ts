import {
  type ConflictingWorkOrder,
  type ErrorCode,
  type ExistingProduct,
  errorStatus,
  type ProblemFieldError,
  type QuotaLimit,
} from '@purnajual/contract';
import type { LocalizedText } from './platform/problem-language';

export interface AppErrorOptions {
  errors?: ProblemFieldError[];
  /** Extra response headers, e.g. `Retry-After` for rate limiting. */
  headers?: Record<string, string>;
  /** Of `quota_exceeded`: which limit was reached. */
  limit?: QuotaLimit;
  /** Of `not_found` for a merged customer: the customer they were merged into. */
  mergedIntoId?: string;
  /** Of `conflict` for a serial number already registered: that unit and its owner. */
  existingProduct?: ExistingProduct;
  /** Of `appointment_conflict`: the technician's other work order at that time. */
  conflictingWorkOrder?: ConflictingWorkOrder;
}

/** The one error type services throw; the error handler turns it into a problem response. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: ProblemFieldError[] | undefined;
  readonly headers: Record<string, string>;
  readonly limit: QuotaLimit | undefined;
  readonly mergedIntoId: string | undefined;
  readonly existingProduct: ExistingProduct | undefined;
  readonly conflictingWorkOrder: ConflictingWorkOrder | undefined;
  /** The detail in each language the problem response may speak; undefined: `message`, in English. */
  readonly localized: LocalizedText | undefined;

  constructor(code: ErrorCode, message: string | LocalizedText, options: AppErrorOptions = {}) {
    super(typeof message === 'string' ? message : message.en);
    this.name = 'AppError';
    this.code = code;
    this.status = errorStatus[code];
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.limit = options.limit;
    this.mergedIntoId = options.mergedIntoId;
    this.existingProduct = options.existingProduct;
    this.conflictingWorkOrder = options.conflictingWorkOrder;
    this.localized = typeof message === 'string' ? undefined : message;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);

/** A 400 naming the one request field that is wrong; `detail` is the sentence the problem says. */
export const fieldError = (path: string, message: string, detail = message) =>
  new AppError('validation_failed', detail, { errors: [{ path, message }] });
