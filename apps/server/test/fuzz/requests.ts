import fc from 'fast-check';
import type { ApiOperation, JsonSchema, OperationParameter } from '../openapi-operations';
import {
  badCursor,
  headerValue,
  hostileAcceptLanguage,
  hostileIfMatch,
  hostileJson,
  hostileKey,
  hostileLastEventId,
  hostileNumber,
  hostileText,
  hostileValue,
  malformedJson,
  RawJson,
  setOwn,
  toJsonText,
  wrongContentType,
} from './hostile-values';
import { type KnownValues, validValue } from './schema-values';

/** What the fuzzer knows of the seeded world, so that most requests reach real records. */
export interface FuzzTargets {
  /** Values that name existing records for `{parameter}` of this path template. */
  pathValues(path: string, parameter: string): readonly string[];
  /** Values of existing records (ids, area codes, model codes) for a field of this name. */
  fieldValues: KnownValues;
}

/**
 * How the request is signed in: as the actor with a bearer token or the session cookie
 * (with a cross-site origin, or not), or not at all with some Authorization header.
 */
export type FuzzAuth =
  | { kind: 'bearer' }
  | { kind: 'cookie'; crossSite: boolean }
  | { kind: 'anonymous'; authorization: string | null };

export type FuzzActor = 'admin' | 'technician';

const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type FuzzMethod = (typeof methods)[number];

/** One generated request, sent by the test with the actor's real session. */
export interface FuzzRequest {
  actor: FuzzActor;
  auth: FuzzAuth;
  method: FuzzMethod;
  url: string;
  headers: Record<string, string>;
  payload: string | Buffer | undefined;
  /** What was done to the request, in words, for the report of a failure. */
  hostility: string[];
}

interface Part<T> {
  value: T;
  hostility: string[];
}

type Focus = 'method' | 'path' | 'query' | 'body' | 'contentType' | 'headers' | 'auth';

const valid = <T>(value: T): Part<T> => ({ value, hostility: [] });
const hostile = <T>(value: T, what: string): Part<T> => ({ value, hostility: [what] });

const show = (value: unknown) => {
  const text = value instanceof RawJson ? value.text : typeof value === 'string' ? value : toJsonText(value);
  return text.length > 80 ? `${JSON.stringify(text.slice(0, 80))}… (${text.length} chars)` : JSON.stringify(text);
};

/** Percent-encodes like encodeURIComponent, but sends a lone surrogate as the bytes of U+FFFD. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  }
}

/** URL pieces sent exactly as written: broken percent-encodings, traversal, separators. */
const rawUrlPieces = fc.constantFrom(
  '%',
  '%zz',
  '%E0%A4%A',
  '%ED%A0%80',
  '%C0%AE%C0%AE',
  '%00',
  '..',
  '.',
  '%2e%2e%2f%2e%2e',
  '%2F',
  '%20',
  '%u0041',
  ';',
  '%3B',
  '%23',
);

/** A path or query value, percent-encoded unless it is one of the raw pieces. */
const hostileUrlValue: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: hostileText.map(encode), weight: 4 },
  { arbitrary: rawUrlPieces, weight: 1 },
  { arbitrary: hostileNumber.map((n) => encode(n instanceof RawJson ? n.text : String(n))), weight: 1 },
);

function pathPart(operation: ApiOperation, targets: FuzzTargets, isHostile: boolean): fc.Arbitrary<Part<string>> {
  const parameters = operation.parameters.filter((p) => p.in === 'path');
  const validOne = (parameter: OperationParameter) => {
    const known = targets.pathValues(operation.path, parameter.name);
    const generated = validValue(parameter.schema, parameter.name, () => known).map((v) => String(v));
    return known.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 9 }, generated) : generated;
  };
  const fill = (values: Record<string, string>) =>
    operation.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
  const validValues = fc.record(Object.fromEntries(parameters.map((p) => [p.name, validOne(p).map(encode)])));
  if (!isHostile || parameters.length === 0) return validValues.map((values) => valid(fill(values)));
  return fc
    .tuple(validValues, fc.constantFrom(...parameters.map((p) => p.name)), hostileUrlValue)
    .map(([values, name, bad]) => hostile(fill({ ...values, [name]: bad }), `path ${name} = ${show(bad)}`));
}

function queryValue(parameter: OperationParameter, targets: FuzzTargets): fc.Arbitrary<string> {
  return validValue(parameter.schema, parameter.name, targets.fieldValues).map((value) =>
    typeof value === 'string' ? value : JSON.stringify(value),
  );
}

const hostileQueryValue = (name: string): fc.Arbitrary<string> =>
  name === 'cursor' ? fc.oneof(badCursor.map(encode), hostileUrlValue) : hostileUrlValue;

function queryPart(operation: ApiOperation, targets: FuzzTargets, isHostile: boolean): fc.Arbitrary<Part<string>> {
  const parameters = operation.parameters.filter((p) => p.in === 'query');
  const validPairs = fc
    .tuple(
      ...parameters.map((parameter) => {
        const pair = queryValue(parameter, targets).map((value) => `${encode(parameter.name)}=${encode(value)}`);
        return parameter.required ? pair : fc.option(pair, { nil: undefined, freq: 2 });
      }),
    )
    .map((pairs) => pairs.filter((pair): pair is string => pair !== undefined));
  const join = (pairs: string[]) => (pairs.length > 0 ? `?${pairs.join('&')}` : '');
  if (!isHostile) return validPairs.map((pairs) => valid(join(pairs)));
  const names = parameters.map((p) => p.name);
  const mutation: fc.Arbitrary<Part<string[]>> = fc.oneof(
    ...(names.length > 0
      ? [
          fc
            .constantFrom(...names)
            .chain((name) => hostileQueryValue(name).map((value) => hostile([`${name}=${value}`], `query ${name}`))),
          fc
            .constantFrom(...names)
            .map((name) => hostile([`${name}=1`, `${name}=2`, `${name}[]=3`], `query ${name} repeated`)),
          fc.constantFrom(...names).map((name) => hostile([`${name}[a][b]=1`, `${name}.x=1`], `query ${name} nested`)),
        ]
      : []),
    fc
      .tuple(hostileKey, hostileUrlValue)
      .map(([key, value]) => hostile([`${encode(key)}=${value}`], `query extra ${show(key)}`)),
    rawUrlPieces.map((piece) => hostile([piece, `${piece}=${piece}`, '&', '='], `query raw ${piece}`)),
    fc.integer({ min: 100, max: 3000 }).map((count) =>
      hostile(
        Array.from({ length: count }, (_, i) => `p${i}=${i}`),
        `${count} query parameters`,
      ),
    ),
  );
  return fc.tuple(validPairs, mutation).map(([pairs, extra]) => ({
    value: join([...pairs, ...extra.value]),
    hostility: extra.hostility,
  }));
}

/** Every path to a value inside `value`, as keys and indexes from the top. */
function pathsIn(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => pathsIn(item, [...prefix, index]))];
  if (typeof value === 'object' && value !== null && !(value instanceof RawJson)) {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsIn(item, [...prefix, key]))];
  }
  return here;
}

function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (typeof value === 'object' && value !== null && !(value instanceof RawJson)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) setOwn(copy, key, clone(item));
    return copy;
  }
  return value;
}

interface Mutation {
  at: number;
  kind: 'replace' | 'delete' | 'add';
  key: string;
  value: unknown;
}

/** The valid body with one change: a value replaced, a member dropped, or a member added. */
function applyMutation(body: unknown, { at, kind, key, value }: Mutation): Part<unknown> {
  const paths = pathsIn(body);
  const path = paths[at % paths.length] ?? [];
  if (path.length === 0 && kind !== 'add') return hostile(value, `body = ${show(value)}`);
  const copy = clone(body);
  const parentPath = kind === 'add' ? path : path.slice(0, -1);
  let parent: unknown = copy;
  for (const step of parentPath) parent = (parent as Record<string | number, unknown>)[step];
  const where = ['body', ...parentPath].join('.');
  if (typeof parent !== 'object' || parent === null || parent instanceof RawJson) {
    return hostile(value, `body = ${show(value)}`);
  }
  if (kind === 'add') {
    if (Array.isArray(parent)) parent.push(value);
    else setOwn(parent as Record<string, unknown>, key, value);
    return hostile(copy, `${where} + ${show(key)}: ${show(value)}`);
  }
  const last = path.at(-1) ?? '';
  if (kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete (parent as Record<string, unknown>)[last];
    return hostile(copy, `${where} - ${String(last)}`);
  }
  if (Array.isArray(parent)) parent[Number(last)] = value;
  else setOwn(parent as Record<string, unknown>, String(last), value);
  return hostile(copy, `${where}.${String(last)} = ${show(value)}`);
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'replace', 'replace', 'delete', 'add'),
  key: hostileKey,
  value: hostileValue,
});

function jsonBody(schema: JsonSchema, targets: FuzzTargets, isHostile: boolean): fc.Arbitrary<Part<string>> {
  const validBody = validValue(schema, 'body', targets.fieldValues);
  if (!isHostile) return validBody.map((body) => valid(toJsonText(body)));
  return fc.oneof(
    {
      arbitrary: fc.tuple(validBody, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([body, mutations]) => {
        let current: Part<unknown> = valid(body);
        for (const change of mutations) {
          const next = applyMutation(current.value, change);
          current = { value: next.value, hostility: [...current.hostility, ...next.hostility] };
        }
        return { value: toJsonText(current.value), hostility: current.hostility };
      }),
      weight: 6,
    },
    { arbitrary: hostileJson.map((body) => hostile(toJsonText(body), `body = ${show(body)}`)), weight: 1 },
    { arbitrary: malformedJson.map((text) => hostile(text, `malformed JSON ${show(text)}`)), weight: 2 },
  );
}

// A real 1×1 PNG: the upload route accepts it.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface FormPart {
  headers: string[];
  content: Buffer;
}

const field = (name: string, value: string): FormPart => ({
  headers: [`Content-Disposition: form-data; name="${name}"`],
  content: Buffer.from(value),
});
const file = (content: Buffer, filename = 'foto.png', type = 'image/png'): FormPart => ({
  headers: [`Content-Disposition: form-data; name="file"; filename="${filename}"`, `Content-Type: ${type}`],
  content,
});

const boundary = '----purnajual-fuzz-7d0e';

function formBody(parts: FormPart[], separator = boundary): Buffer {
  const chunks = parts.flatMap((part) => [
    Buffer.from(`--${separator}\r\n${part.headers.join('\r\n')}\r\n\r\n`),
    part.content,
    Buffer.from('\r\n'),
  ]);
  return Buffer.concat([...chunks, Buffer.from(`--${separator}--\r\n`)]);
}

interface Body {
  contentType: string | undefined;
  payload: string | Buffer | undefined;
}

const formContentType = `multipart/form-data; boundary=${boundary}`;

function multipartBody(schema: JsonSchema, isHostile: boolean): fc.Arbitrary<Part<Body>> {
  const kinds = fc.constantFrom(...(schema.properties?.kind?.enum ?? ['before']).map(String));
  const validForm = kinds.map((kind) => formBody([field('kind', kind), file(png)]));
  if (!isHostile) return validForm.map((payload) => valid({ contentType: formContentType, payload }));
  const form = (parts: FormPart[], what: string) =>
    hostile<Body>({ contentType: formContentType, payload: formBody(parts) }, what);
  return fc.oneof(
    kinds.map((kind) => form([field('kind', kind)], 'multipart without a file')),
    fc.constant(form([file(png)], 'multipart without kind')),
    kinds.map((kind) => form([field('kind', kind), file(Buffer.alloc(0))], 'multipart with an empty file')),
    kinds.map((kind) => form([field('kind', kind), file(png), file(png)], 'multipart with two files')),
    kinds.map((kind) => form([field('kind', kind), field('kind', kind), file(png)], 'multipart with kind twice')),
    kinds.map((kind) => form([file(png), field('kind', kind)], 'multipart with the file first')),
    hostileText.map((kind) => form([field('kind', kind), file(png)], `multipart kind = ${show(kind)}`)),
    fc
      .tuple(kinds, fc.uint8Array({ maxLength: 4000 }))
      .map(([kind, bytes]) => form([field('kind', kind), file(Buffer.from(bytes))], 'multipart with random bytes')),
    kinds.map((kind) => form([field('kind', kind), file(png.subarray(0, 40))], 'multipart with a cut-off PNG')),
    fc
      .tuple(kinds, fc.constantFrom('../../etc/passwd', 'a\u0000.png', 'x'.repeat(5000), '', 'foto.php', '"'))
      .map(([kind, name]) => form([field('kind', kind), file(png, name, 'image/png')], `filename ${show(name)}`)),
    kinds.map((kind) => form([field('kind', kind), file(png, 'a.svg', 'image/svg+xml')], 'file typed as SVG')),
    fc
      .tuple(kinds, hostileKey)
      .map(([kind, key]) => form([field('kind', kind), field(key, 'x'), file(png)], `multipart field ${show(key)}`)),
    kinds.map((kind) => form([field('kind', kind), field('note', 'x'.repeat(20_000)), file(png)], 'oversize field')),
    kinds.map((kind) =>
      form(
        [field('kind', kind), ...Array.from({ length: 40 }, (_, i) => field(`f${i}`, 'x')), file(png)],
        'many fields',
      ),
    ),
    kinds.map((kind) => form([{ headers: [], content: Buffer.from(kind) }, file(png)], 'part without a disposition')),
    fc
      .tuple(validForm, fc.nat())
      .map(([payload, cut]) =>
        hostile<Body>(
          { contentType: formContentType, payload: payload.subarray(0, cut % payload.length) },
          `multipart cut at ${cut % payload.length}`,
        ),
      ),
    validForm.map((payload) =>
      hostile<Body>({ contentType: 'multipart/form-data; boundary=other', payload }, 'multipart, wrong boundary'),
    ),
    validForm.map((payload) =>
      hostile<Body>({ contentType: 'multipart/form-data', payload }, 'multipart, no boundary'),
    ),
    kinds.map((kind) =>
      hostile<Body>(
        { contentType: formContentType, payload: formBody([field('kind', kind), file(png)]).subarray(0, -4) },
        'multipart without the closing boundary',
      ),
    ),
  );
}

function bodyPart(operation: ApiOperation, targets: FuzzTargets, isHostile: boolean): fc.Arbitrary<Part<Body>> {
  const body = operation.body;
  if (body === undefined) {
    if (!isHostile) return fc.constant(valid<Body>({ contentType: undefined, payload: undefined }));
    return fc.oneof(
      hostileJson.map((value) =>
        hostile<Body>({ contentType: 'application/json', payload: toJsonText(value) }, 'a body where none is taken'),
      ),
      malformedJson.map((text) =>
        hostile<Body>({ contentType: 'application/json', payload: text }, `a malformed body ${show(text)}`),
      ),
    );
  }
  if (body.contentType.startsWith('multipart/')) return multipartBody(body.schema, isHostile);
  return jsonBody(body.schema, targets, isHostile).map((part) => ({
    value: { contentType: body.contentType, payload: part.value },
    hostility: part.hostility,
  }));
}

/** The body sent with a wrong content type, or none at all. */
function withWrongContentType(body: Part<Body>): fc.Arbitrary<Part<Body>> {
  const payload = body.value.payload ?? '{}';
  const sentAs = (contentType: string | undefined, what: string): Part<Body> => ({
    value: { contentType, payload },
    hostility: [...body.hostility, what],
  });
  return fc.oneof(
    wrongContentType.map((type) => sentAs(type, `content-type ${type}`)),
    fc.constant(sentAs(undefined, 'no content-type')),
  );
}

const idempotencyKey = fc.stringMatching(/^[A-Za-z0-9_.:-]{8,40}$/);

function headersPart(operation: ApiOperation, isHostile: boolean): fc.Arbitrary<Part<Record<string, string>>> {
  const mutating = operation.method !== 'GET';
  const validHeaders = fc
    .record(
      {
        'idempotency-key': mutating ? idempotencyKey : fc.constant(''),
        'accept-language': fc.constantFrom('id', 'en', 'id-ID,id;q=0.9,en;q=0.8'),
      },
      { requiredKeys: [] },
    )
    .map((headers) => Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== '')));
  if (!isHostile) return validHeaders.map(valid);
  const one: fc.Arbitrary<Part<Record<string, string>>> = fc.oneof(
    headerValue.map((v) => hostile({ 'idempotency-key': v }, `Idempotency-Key ${show(v)}`)),
    hostileIfMatch.map((v) => hostile({ 'if-match': v }, `If-Match ${show(v)}`)),
    hostileLastEventId.map((v) => hostile({ 'last-event-id': v }, `Last-Event-ID ${show(v)}`)),
    hostileAcceptLanguage.map((v) => hostile({ 'accept-language': v }, `Accept-Language ${show(v)}`)),
    headerValue.map((v) => hostile({ cookie: v }, `Cookie ${show(v)}`)),
    headerValue.map((v) => hostile({ cookie: `pj_session=${v}; pj_session=x` }, `Cookie pj_session=${show(v)}`)),
    headerValue.map((v) => hostile({ accept: v }, `Accept ${show(v)}`)),
    headerValue.map((v) => hostile({ 'user-agent': v }, `User-Agent ${show(v)}`)),
    headerValue.map((v) => hostile({ 'if-none-match': v }, `If-None-Match ${show(v)}`)),
    headerValue.map((v) => hostile({ 'x-forwarded-for': v }, `X-Forwarded-For ${show(v)}`)),
    headerValue.map((v) => hostile({ origin: v, 'sec-fetch-site': 'cross-site' }, `Origin ${show(v)}`)),
    fc
      .constantFrom('gzip', 'br', 'deflate', 'identity', 'x-unknown', 'gzip, gzip, gzip')
      .map((v) => hostile({ 'content-encoding': v }, `Content-Encoding ${v}`)),
    headerValue.map((v) => hostile({ host: v }, `Host ${show(v)}`)),
  );
  return fc.tuple(validHeaders, fc.array(one, { minLength: 1, maxLength: 3 })).map(([base, changes]) => ({
    value: Object.assign({}, base, ...changes.map((c) => c.value)),
    hostility: changes.flatMap((c) => c.hostility),
  }));
}

function authPart(isHostile: boolean): fc.Arbitrary<Part<FuzzAuth>> {
  if (!isHostile) return fc.constant(valid<FuzzAuth>({ kind: 'bearer' }));
  return fc.oneof(
    fc.constant(hostile<FuzzAuth>({ kind: 'cookie', crossSite: true }, 'session cookie from another site')),
    fc.constant(hostile<FuzzAuth>({ kind: 'cookie', crossSite: false }, 'session cookie')),
    fc.constant(hostile<FuzzAuth>({ kind: 'anonymous', authorization: null }, 'not signed in')),
    fc
      .oneof(
        fc.constantFrom(
          'Bearer',
          'Bearer ',
          'Basic YWRtaW46YWRtaW4=',
          'bearer  x',
          'Bearer a b',
          'Token x',
          'Bearer null',
        ),
        headerValue.map((v) => `Bearer ${v}`),
        headerValue,
      )
      .map((authorization) =>
        hostile<FuzzAuth>({ kind: 'anonymous', authorization }, `Authorization ${show(authorization)}`),
      ),
  );
}

/** The operation's method, or another one its path does not document. */
function methodPart(operation: ApiOperation, isHostile: boolean): fc.Arbitrary<Part<FuzzMethod>> {
  if (!isHostile) return fc.constant(valid<FuzzMethod>(operation.method));
  return fc
    .constantFrom(...methods.filter((method) => method !== operation.method))
    .map((method) => hostile(method, `method ${method}`));
}

/** Which parts of a request this operation lets the fuzzer spoil. */
function fociOf(operation: ApiOperation): Focus[] {
  const foci: Focus[] = ['method', 'query', 'headers', 'auth', 'body', 'contentType'];
  if (operation.parameters.some((p) => p.in === 'path')) foci.push('path', 'path');
  if (operation.parameters.some((p) => p.in === 'query')) foci.push('query');
  if (operation.body !== undefined) foci.push('body', 'body', 'body');
  return foci;
}

/** Mostly the valid part; one time in ten a hostile one, so that spoilt parts also meet. */
const partOf = <T>(make: (isHostile: boolean) => fc.Arbitrary<Part<T>>, focused: boolean): fc.Arbitrary<Part<T>> =>
  focused ? make(true) : fc.oneof({ arbitrary: make(false), weight: 9 }, { arbitrary: make(true), weight: 1 });

/**
 * Requests for `operation` that are valid by its schema except for at least one spoilt
 * part: a body member, a query parameter, a path parameter, a header, the content type,
 * the credentials, or the body's very syntax.
 */
export function fuzzRequests(operation: ApiOperation, targets: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...fociOf(operation)).chain((focus) =>
    fc
      .record({
        actor: fc.constantFrom<FuzzActor>('admin', 'technician'),
        method: partOf((h) => methodPart(operation, h), focus === 'method'),
        path: partOf((h) => pathPart(operation, targets, h), focus === 'path'),
        query: partOf((h) => queryPart(operation, targets, h), focus === 'query'),
        body: partOf((h) => bodyPart(operation, targets, h), focus === 'body').chain((body) =>
          focus === 'contentType' ? withWrongContentType(body) : fc.constant(body),
        ),
        headers: partOf((h) => headersPart(operation, h), focus === 'headers'),
        auth: partOf(authPart, focus === 'auth'),
      })
      .map(({ actor, method, path, query, body, headers, auth }) => {
        const request: FuzzRequest = {
          actor,
          auth: auth.value,
          method: method.value,
          url: `${path.value}${query.value}`,
          headers: {
            ...headers.value,
            ...(body.value.contentType === undefined ? {} : { 'content-type': body.value.contentType }),
          },
          payload: body.value.payload,
          hostility: [
            ...method.hostility,
            ...path.hostility,
            ...query.hostility,
            ...body.hostility,
            ...headers.hostility,
            ...auth.hostility,
          ],
        };
        return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
      }),
  );
}

/** A request in a few lines, long values cut short: how a failure names it. */
export function describeRequest(request: FuzzRequest): string {
  const payload = request.payload === undefined ? '' : String(request.payload);
  return [
    `${request.method} ${request.url.length > 300 ? `${request.url.slice(0, 300)}…` : request.url} as ${request.actor}`,
    `hostility: ${request.hostility.join('; ') || 'none'}`,
    `headers: ${show(request.headers)}`,
    `body: ${show(payload)}`,
  ].join('\n  ');
}
