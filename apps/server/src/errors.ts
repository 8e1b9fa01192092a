import { type ErrorCode, errorStatus, type ProblemFieldError } from '@purnajual/contract';

export interface AppErrorOptions {
  errors?: ProblemFieldError[];
  /** Extra response headers, e.g. `Retry-After` for rate limiting. */
  headers?: Record<string, string>;
}

/** The one error type services throw; the error handler turns it into a problem response. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: ProblemFieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = errorStatus[code];
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
