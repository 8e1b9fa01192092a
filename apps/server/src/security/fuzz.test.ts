import { randomInt } from 'node:crypto';
import { problemSchema } from '@purnajual/contract';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { bearer, buildTestApp, createManualClock, signIn } from '../../test/app';
import { createSnapshotter, differences, type Snapshot } from '../../test/fuzz/database-snapshot';
import { describeRequest, type FuzzRequest, fuzzRequests } from '../../test/fuzz/requests';
import { createFuzzWorld, type FuzzSession } from '../../test/fuzz/world';
import { listOperations } from '../../test/openapi-operations';

/*
 * Every operation of the OpenAPI document, sent generated requests that are valid but for
 * one or more hostile parts (see test/fuzz/). For each answer: no 5xx and no hang; every
 * 4xx is an RFC 9457 problem; and a refused change leaves the database as it was.
 *
 * FUZZ_RUNS sets the requests per operation (short in `npm test`, long in `npm run fuzz`);
 * FUZZ_SEED replays a run (a failure names its seed); FUZZ_OPERATION limits the run to the
 * operations whose `METHOD path` contains it.
 */

const runs = Number(process.env.FUZZ_RUNS ?? 40);
const seed = process.env.FUZZ_SEED === undefined ? randomInt(2 ** 31) : Number(process.env.FUZZ_SEED);
const only = process.env.FUZZ_OPERATION;
/** A request still unanswered after this long is a hang. */
const hangMs = 15_000;

// A clock that stands still: sessions are never "touched" (their lastSeenAt would otherwise
// change on a refused request by design), and no work order passes its SLA mid-run.
const t = await buildTestApp({ clock: createManualClock() });
const { app, database } = t;
const world = await createFuzzWorld(t);
const snapshot = await createSnapshotter(database);
const operations = (await listOperations(app)).filter((operation) => !only || operation.key.includes(only));

let requestCount = 0;

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${hangMs} ms (a hang): ${what}`)), hangMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Sends the request as its actor, the way its `auth` says; an event stream is closed once it opens. */
async function send(request: FuzzRequest): Promise<Answer> {
  const session = world[request.actor];
  const headers: Record<string, string> = { ...request.headers };
  const { auth } = request;
  if (auth.kind === 'bearer') Object.assign(headers, bearer(session.token));
  else if (auth.kind === 'cookie') {
    headers.cookie = [headers.cookie, `pj_session=${session.token}`].filter(Boolean).join('; ');
    Object.assign(
      headers,
      auth.crossSite
        ? { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }
        : { 'sec-fetch-site': 'same-origin' },
    );
  } else if (auth.authorization !== null) headers.authorization = auth.authorization;
  requestCount += 1;
  const controller = new AbortController();
  const exchange = async (): Promise<Answer> => {
    const response = await app.inject({
      method: request.method,
      url: request.url,
      headers,
      ...(request.payload === undefined ? {} : { payload: request.payload }),
      // Sign-in failures are counted per address: spread them, so the harness's own address stays usable.
      remoteAddress: `203.0.113.${1 + (requestCount % 250)}`,
      payloadAsStream: true,
      signal: controller.signal,
    });
    const contentType = String(response.headers['content-type'] ?? '');
    if (contentType.startsWith('text/event-stream')) {
      controller.abort();
      return { status: response.statusCode, contentType, body: '' };
    }
    const chunks: Buffer[] = [];
    for await (const chunk of response.stream()) chunks.push(Buffer.from(chunk));
    return { status: response.statusCode, contentType, body: Buffer.concat(chunks).toString('utf8') };
  };
  return withTimeout(exchange(), describeRequest(request));
}

function problemFault(answer: Answer, method: string): string | null {
  if (!answer.contentType.startsWith('application/problem+json')) return `content-type ${answer.contentType}`;
  // An answer to HEAD has the headers of the GET answer and never a body.
  if (method === 'HEAD') return answer.body === '' ? null : 'a body in the answer to HEAD';
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return 'a body that is not JSON';
  }
  const problem = problemSchema.safeParse(body);
  if (!problem.success) return `not a problem: ${problem.error.message}`;
  if (problem.data.status !== answer.status) return `problem status ${problem.data.status}`;
  if (!problem.data.type || !problem.data.title) return 'a problem without type or title';
  return null;
}

/**
 * A snapshot without what a refused request may write by design: the stored answer under
 * its own Idempotency-Key (checked on its own below), and on sign-in the failure count that
 * throttles guessing.
 */
function comparable(state: Snapshot, request: FuzzRequest, operationKey: string): Snapshot {
  const key = request.headers['idempotency-key'];
  const copy = new Map(state);
  copy.set(
    'idempotency_record',
    (state.get('idempotency_record') ?? []).filter((row) => (JSON.parse(row) as { key: string }).key !== key),
  );
  if (operationKey === 'POST /api/v1/auth/login') copy.delete('login_throttle');
  return copy;
}

/**
 * A refused request's own idempotency record, if it wrote one, may only be its stored,
 * finished answer (a record the key already had is left as it was, or the diff shows it).
 */
function idempotencyFault(before: Snapshot, after: Snapshot, request: FuzzRequest, answer: Answer): string | null {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return null;
  const earlier = new Set(before.get('idempotency_record'));
  const written = (after.get('idempotency_record') ?? [])
    .filter((row) => !earlier.has(row))
    .map((row) => JSON.parse(row) as { key: string; userId: string; state: string; responseStatus: number | null })
    .filter((record) => record.key === key);
  const wrong = written.find(
    (record) =>
      record.userId !== world[request.actor].id || record.state !== 'done' || record.responseStatus !== answer.status,
  );
  return wrong ? `idempotency record left ${wrong.state} with ${wrong.responseStatus}` : null;
}

/** After a valid change, signs the fuzzer's users in again if the change ended their session (a logout). */
async function keepSessions() {
  for (const session of [world.admin, world.technician] satisfies FuzzSession[]) {
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(session.token) });
    if (me.statusCode === 401) session.token = await signIn(app, session.employeeNo, session.password);
  }
}

async function check(operationKey: string, request: FuzzRequest) {
  const mutating = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
  const before = mutating ? await snapshot() : undefined;
  const answer = await send(request);
  const faults: string[] = [];
  if (answer.status >= 500) faults.push(`answered ${answer.status}`);
  if (answer.status >= 400) {
    const fault = problemFault(answer, request.method);
    if (fault) faults.push(`a ${answer.status} without a problem body: ${fault}`);
  }
  const accepted = answer.status >= 200 && answer.status < 300;
  const after = before && !accepted ? await snapshot() : undefined;
  // The same snapshot object: nothing was written since the one before the request.
  if (before && after && after !== before) {
    const changed = differences(comparable(before, request, operationKey), comparable(after, request, operationKey));
    if (changed.length > 0) faults.push(`the refused request changed the database:\n${changed.join('\n')}`);
    const fault = idempotencyFault(before, after, request, answer);
    if (fault) faults.push(fault);
  }
  if (mutating && accepted) await keepSessions();
  if (faults.length > 0) {
    throw new Error(
      `${faults.join('\n')}\nrequest: ${describeRequest(request)}\nanswer: ${answer.status} ${answer.contentType} ${answer.body.slice(0, 500)}`,
    );
  }
}

/** Each operation gets its own stream of requests from the one seed, stable when operations are added. */
const seedOf = (key: string) => [...key].reduce((hash, c) => (Math.imul(hash, 31) + c.charCodeAt(0)) | 0, seed);

describe('every operation of the OpenAPI document, fuzzed with hostile requests', () => {
  for (const operation of operations) {
    it(
      operation.key,
      async () => {
        await world.refresh();
        try {
          await fc.assert(
            fc.asyncProperty(fuzzRequests(operation, world), (request) => check(operation.key, request)),
            { numRuns: runs, seed: seedOf(operation.key), endOnFailure: true, includeErrorInReport: true },
          );
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          throw new Error(`FUZZ_SEED=${seed} FUZZ_OPERATION='${operation.key}' replays this.\n${message}`);
        }
      },
      30_000 + runs * 1000,
    );
  }
});
