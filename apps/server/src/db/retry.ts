import { Kysely, type KyselyConfig, type TransactionBuilder } from 'kysely';

/**
 * MySQL/MariaDB errors after which the same transaction, run again, may well succeed:
 * 1213 is a deadlock InnoDB broke by rolling this transaction back, and also how Galera
 * reports a certification failure (another node's write set won); 1205 is a lock wait that
 * ran out. Both are normal under concurrency, not faults, so callers should never see them.
 */
const retryableErrnos = new Set([1213, 1205]);

export function isRetryableTransactionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  return 'errno' in error && typeof error.errno === 'number' && retryableErrnos.has(error.errno);
}

export interface RetryPolicy {
  /** Runs in all, the first included. */
  attempts: number;
  /** The backoff before run n+1 is a random wait up to `baseDelayMs × 2^n`, capped at `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Five runs within about a second: a lock cycle is broken in milliseconds, a hot row frees soon. */
export const transactionRetryPolicy: RetryPolicy = { attempts: 5, baseDelayMs: 10, maxDelayMs: 400 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` until it succeeds, fails with an error `shouldRetry` refuses, or the runs are
 * spent (then the last error goes on). Full jitter keeps the losers of one lock cycle from
 * meeting again in the next.
 */
export async function withRetries<T>(
  work: () => Promise<T>,
  shouldRetry: (error: unknown) => boolean,
  policy: RetryPolicy = transactionRetryPolicy,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= policy.attempts || !shouldRetry(error)) throw error;
      await sleep(Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
    }
  }
}

/** A transaction builder whose `execute` retries; builders it derives (isolation level…) too. */
function retryingBuilder<B extends object>(builder: B, retryable: (error: unknown) => boolean): B {
  return new Proxy(builder, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property === 'execute') {
        return (callback: unknown) => withRetries(() => value.call(target, callback), retryable);
      }
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        return result !== null && typeof result === 'object' && result !== target
          ? retryingBuilder(result, retryable)
          : result;
      };
    },
  });
}

/**
 * Kysely whose `db.transaction().execute(…)` is retried on a deadlock or a lock wait
 * timeout: the services' transactions are database work only (files are written before and
 * removed after), so running one again is safe. Inside a request transaction it is a
 * savepoint, and a deadlock has rolled back the whole request: there the request is run
 * again instead (platform/idempotency.ts), so `isInRequest` turns this retry off.
 */
export class RetryingKysely<DB> extends Kysely<DB> {
  readonly #retryable: (error: unknown) => boolean;

  constructor(config: KyselyConfig, isInRequest: () => boolean) {
    super(config);
    this.#retryable = (error) => !isInRequest() && isRetryableTransactionError(error);
  }

  override transaction(): TransactionBuilder<DB> {
    return retryingBuilder(super.transaction(), this.#retryable);
  }
}
