/*
 * An API client that behaves like the technician app's offline queue: every mutation has
 * its own Idempotency-Key and is sent again — with backoff, to the other instance in turn —
 * until the answer is definitive: a 2xx, or a 4xx that is the stable answer for that key.
 */
import { randomUUID } from 'node:crypto';
import { sleep } from './private-services';

export interface ClientStats {
  /** HTTP requests sent, reads and every attempt of a mutation. */
  requests: number;
  reads: number;
  /** Distinct mutations (idempotency keys). */
  mutations: number;
  acknowledged: number;
  refused: number;
  /** Mutations that needed more than one attempt. */
  retried: number;
  /** Attempts that got no definitive answer: a network error, a 5xx, "still in progress". */
  failedAttempts: number;
  /** Mutations that never got a definitive answer before the client gave up. */
  unanswered: number;
  /** Answers replayed from the idempotency store. */
  replayed: number;
  /** Definitive answers the client threw away, as a dropped connection would, and asked again. */
  dropped: number;
  /** 5xx answers by status, for the report. */
  serverErrors: Map<number, number>;
}

export const newStats = (): ClientStats => ({
  requests: 0,
  reads: 0,
  mutations: 0,
  acknowledged: 0,
  refused: 0,
  retried: 0,
  failedAttempts: 0,
  unanswered: 0,
  replayed: 0,
  dropped: 0,
  serverErrors: new Map(),
});

export interface Answer<T> {
  key: string;
  status: number;
  /** The problem's `code` on a refusal. */
  code: string | undefined;
  body: T;
  attempts: number;
}

export class UnansweredError extends Error {}

interface Problem {
  code?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A 4xx that says "not now" rather than "no": the same request may succeed later. */
function isTransient(status: number, body: unknown, retryAfter: string | null): boolean {
  if (status >= 500 || status === 429 || status === 408) return true;
  // The same key is still being processed (by a request that may have died with its server).
  return status === 409 && retryAfter !== null && isObject(body) && (body as Problem).code === 'conflict';
}

export class RetryingClient {
  #next = 0;

  constructor(
    private readonly baseUrls: string[],
    private readonly token: string,
    readonly stats: ClientStats,
    /** The share of answers to lose on the way back (the retry must get the same answer). */
    private readonly dropRate = 0,
    private readonly giveUpAfterMs = 180_000,
  ) {
    this.#next = Math.floor(Math.random() * baseUrls.length);
  }

  /** The instances in turn: a retry goes to the other one. */
  #baseUrl(): string {
    const url = this.baseUrls[this.#next % this.baseUrls.length] ?? '';
    this.#next += 1;
    return url;
  }

  async #send(method: string, path: string, headers: Record<string, string>, body: unknown) {
    this.stats.requests += 1;
    const response = await fetch(`${this.#baseUrl()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { response, body: parsed };
  }

  #countServerError(status: number) {
    if (status >= 500) this.stats.serverErrors.set(status, (this.stats.serverErrors.get(status) ?? 0) + 1);
  }

  async #backoff(attempt: number, started: number, what: string) {
    if (Date.now() - started > this.giveUpAfterMs)
      throw new UnansweredError(`${what}: no answer after ${attempt} attempts`);
    await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
  }

  /** A GET, retried until it answers 2xx; a 4xx throws. */
  async read<T>(path: string): Promise<T> {
    this.stats.reads += 1;
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      try {
        const { response, body } = await this.#send('GET', path, {}, undefined);
        if (response.ok) return body as T;
        this.#countServerError(response.status);
        if (!isTransient(response.status, body, response.headers.get('retry-after'))) {
          throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(body)}`);
        }
      } catch (error) {
        if (!(error instanceof TypeError) && !(error instanceof DOMException)) throw error;
      }
      await this.#backoff(attempt, started, `GET ${path}`);
    }
  }

  /**
   * A mutation under one Idempotency-Key, sent until the answer is definitive. `body` gets
   * the key, so a record can carry it (a complaint, a note, a reference) and be counted.
   */
  async mutate<T>(
    method: 'POST' | 'PUT' | 'PATCH',
    path: string,
    body: (key: string) => unknown,
    ifMatch?: number,
  ): Promise<Answer<T>> {
    const key = randomUUID();
    const payload = body(key);
    const headers: Record<string, string> = { 'idempotency-key': key };
    if (ifMatch !== undefined) headers['if-match'] = String(ifMatch);
    this.stats.mutations += 1;
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      let lost = false;
      try {
        const { response, body: answer } = await this.#send(method, path, headers, payload);
        this.#countServerError(response.status);
        lost = attempt === 1 && Math.random() < this.dropRate;
        if (lost) this.stats.dropped += 1;
        if (!lost && !isTransient(response.status, answer, response.headers.get('retry-after'))) {
          if (attempt > 1) this.stats.retried += 1;
          if (response.headers.get('idempotent-replayed') === 'true') this.stats.replayed += 1;
          if (response.ok) this.stats.acknowledged += 1;
          else this.stats.refused += 1;
          const code = !response.ok && isObject(answer) ? (answer as Problem).code : undefined;
          return { key, status: response.status, code, body: answer as T, attempts: attempt };
        }
      } catch (error) {
        if (!(error instanceof TypeError) && !(error instanceof DOMException)) throw error;
      }
      if (!lost) this.stats.failedAttempts += 1;
      try {
        await this.#backoff(attempt, started, `${method} ${path}`);
      } catch (error) {
        this.stats.unanswered += 1;
        throw error;
      }
    }
  }
}

/** Signs in, retrying while the instances or the database are down. */
export async function signIn(baseUrls: string[], username: string, password: string): Promise<string> {
  const started = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    const url = baseUrls[attempt % baseUrls.length] ?? '';
    try {
      const response = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
        signal: AbortSignal.timeout(20_000),
      });
      if (response.ok) return ((await response.json()) as { token: string }).token;
      if (response.status < 500) throw new Error(`sign-in of ${username} refused: ${response.status}`);
    } catch (error) {
      if (!(error instanceof TypeError) && !(error instanceof DOMException)) throw error;
    }
    if (Date.now() - started > 60_000) throw new Error(`sign-in of ${username}: no answer`);
    await sleep(500);
  }
}
