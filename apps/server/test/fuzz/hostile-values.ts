import fc from 'fast-check';

/*
 * Values an attacker, a broken client or a confused integration sends: each arbitrary
 * below is one family of them. The request builders (requests.ts) put them where the API
 * expects something well-formed.
 */

/**
 * A JSON token written out as is: numbers JSON.stringify cannot produce (`1e400`, `-0`,
 * 30-digit integers), so that the server's parser meets them exactly as sent.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text for a value that may hold `RawJson` tokens and own `__proto__` keys. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.keys(value).map(
      (key) => `${JSON.stringify(key)}:${toJsonText((value as Record<string, unknown>)[key])}`,
    );
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Sets an own, enumerable property even when the key is `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export const sqlPayloads = [
  "' OR 1=1 --",
  "'; DROP TABLE work_order; --",
  '; DROP TABLE work_order',
  '" OR ""="',
  "1' UNION SELECT passwordHash FROM user --",
  "admin'--",
  '1; SELECT SLEEP(5)',
  "') OR ('1'='1",
  '%',
  '_',
  '!%',
  '\\',
  "\\'",
  '`',
  '*/ OR /*',
  '1 AND (SELECT 1 FROM (SELECT COUNT(*), CONCAT(version(), FLOOR(RAND(0)*2)) x FROM user GROUP BY x) a)',
];

export const scriptPayloads = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  '<svg/onload=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, meant literally
  '${7*7}',
  '<%= 7*7 %>',
  '</script><script>alert(document.cookie)</script>',
];

export const unicodePayloads = [
  '\u202Egnp.exe',
  'مرحبا بالعالم',
  'שלום\u200F',
  '🔧🧯👩🏽‍🔧',
  '\uD800',
  '\uDFFF',
  'a\uD83Dz',
  '\uFEFFbom',
  'e\u0301\u0301\u0301',
  '\u0000',
  'nul\u0000inside',
  '\u0007\u001b[31mred',
  '\r\nSet-Cookie: x=1',
  ' ',
  '\u00A0\u2003\u3000',
  'Ｆｕｌｌｗｉｄｔｈ',
  'İı',
  'ß',
];

export const prototypeKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

export const badUuids = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '550e8400-e29b-41d4-a716-446655440000',
  '0190d1e2-7c3a-7abc-8def-0123456789a',
  '0190d1e2-7c3a-7abc-8def-0123456789abc',
  '0190D1E2-7C3A-7ABC-8DEF-0123456789AB',
  '0190d1e2-7c3a-7abc-8def-0123456789ab\n',
  '{0190d1e2-7c3a-7abc-8def-0123456789ab}',
  '0190d1e27c3a7abc8def0123456789ab',
  '0190d1e2-7c3a-7abc-8def-0123456789ab; DROP TABLE work_order',
  '../../etc/passwd',
  '-1',
  '0',
];

export const badDates = [
  '2026-02-30T10:00:00.000Z',
  '2026-13-01T00:00:00.000Z',
  '2026-11-28T24:00:00.000Z',
  '0000-00-00T00:00:00.000Z',
  '0000-01-01T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00.000Z',
  '1970-01-01T00:00:00.000Z',
  '2026-11-28',
  '2026-11-28T10:00:00+07:00',
  '2026-11-28 10:00:00',
  '28/11/2026',
  'yesterday',
  'Invalid Date',
  '2026-11-28T10:00:00.000000000000000000001Z',
  '1e12',
  '',
];

const dateOnly = ['2026-02-29', '2024-02-29', '0000-01-01', '9999-12-31', '2026-00-10', '1900-01-01', '2026-1-1'];

/** Cursors this server never issued: not base64url, base64url of the wrong JSON, too long. */
export const badCursor: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', '!!!', '====', 'eyJ', 'null', 'W10', 'e30', '%00', 'AAAA'),
  fc
    .oneof(
      fc.constantFrom('[]', '{}', 'null', '[null]', '[[1]]', '[{"__proto__":{}}]', '["a",1,true]', '[1e400]'),
      fc.constantFrom(
        '["2026-11-28T03:00:00.000Z","\' OR 1=1 --"]',
        '[9007199254740993, "x"]',
        '[-1]',
        '["\\u0000"]',
        `["${'x'.repeat(300)}"]`,
        '[1,2,3,4,5]',
        '["x"]',
        '[1]',
        '[""]',
        '[1,"x"]',
        '["x",1]',
        '["x","y","z","w"]',
        '[1e308,-1e308]',
        '["9999-99-99T99:99:99.999Z","zz"]',
        '["2026-02-30T00:00:00.000Z","0190d1e2-7c3a-7abc-8def-0123456789ab"]',
      ),
      fc.json({ maxDepth: 3 }),
    )
    .map((json) => Buffer.from(json).toString('base64url')),
  fc.base64String({ maxLength: 240 }),
);

/** Strings of any kind, from the ordinary to the hostile, at most a few thousand characters. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...sqlPayloads), weight: 3 },
  { arbitrary: fc.constantFrom(...scriptPayloads), weight: 2 },
  { arbitrary: fc.constantFrom(...unicodePayloads), weight: 3 },
  { arbitrary: fc.constantFrom(...prototypeKeys), weight: 1 },
  { arbitrary: fc.constantFrom(...badUuids, ...badDates, ...dateOnly), weight: 2 },
  { arbitrary: badCursor, weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.nat({ max: 3000 }).map((n) => 'x'.repeat(n)), weight: 1 },
);

/** `hostileText`, and now and then a string of up to a megabyte (the body limit). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: hostileText, weight: 30 },
  { arbitrary: fc.integer({ min: 64 * 1024, max: 1280 * 1024 }).map((bytes) => 'é'.repeat(bytes / 2)), weight: 1 },
);

/** Numbers that overflow columns, are not integers, or are not numbers at all. */
export const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1.5,
    -1e-9,
    2 ** 31 - 1,
    2 ** 31,
    2 ** 32,
    -(2 ** 31) - 1,
    2 ** 53,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
  ),
  fc.constantFrom('1e400', '-1e400', '-0', '123456789012345678901234567890', '1E2', '0.1e1').map((t) => new RawJson(t)),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1', '1e3', '0x10', ' 1', '1 ', '', '١٢٣'),
  fc.integer(),
  fc.double(),
);

/** A JSON value of any type: a wrong type, a small random document, deep nesting or a prototype key. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { '': '' }), weight: 3 },
  { arbitrary: fc.json({ maxDepth: 3 }).map((text) => JSON.parse(text) as unknown), weight: 2 },
  {
    arbitrary: fc.nat({ max: 400 }).map((depth) => {
      let value: unknown = 'bottom';
      for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { a: value };
      return value;
    }),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(...prototypeKeys).map((key) => {
      const value: Record<string, unknown> = {};
      setOwn(value, key, { isAdmin: true, polluted: 'yes' });
      return value;
    }),
    weight: 1,
  },
);

/** Any hostile value for a JSON field: wrong types, hostile strings and numbers. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: hostileNumber, weight: 2 },
  { arbitrary: hostileJson, weight: 2 },
);

/** A property name an object should never be trusted to have. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...prototypeKeys), weight: 3 },
  { arbitrary: fc.constantFrom('id', 'createdAt', 'version', 'role', 'branchId', 'passwordHash', 'status'), weight: 2 },
  { arbitrary: fc.constantFrom('', ' ', '\u0000', 'a.b', 'a[0]', '$where', "x' OR 1=1 --"), weight: 1 },
);

/**
 * A header value HTTP can carry (tab, visible ASCII, and obs-text bytes read as latin1);
 * Node's parser refuses control characters before any application code runs, so they
 * are not sent here. Long ones stay under Node's 16 KiB limit for all headers.
 */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...sqlPayloads, ...scriptPayloads, ...badUuids.filter((u) => !u.includes('\n')), ...badDates),
  fc.string({
    unit: fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)),
      fc.constant('\t'),
    ),
    maxLength: 60,
  }),
  fc.nat({ max: 8000 }).map((n) => 'A'.repeat(n)),
  fc.constantFrom('', ' ', '"', 'W/', '*', ',', ';', '=', '%00', 'null', 'undefined', '[object Object]'),
);

/** What goes into an If-Match header besides a real version. */
export const hostileIfMatch: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('*', '"1"', 'W/"1"', '0', '-1', '1.5', '999999999', '9999999999', '1e3', '"1", "2"', '""', 'W/'),
  headerValue,
);

/** What goes into a Last-Event-ID header besides an event id. */
export const hostileLastEventId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('-1', '0', '1.5', '9007199254740993', '999999999999999', '1e3', 'abc', ' 1 ', ''),
  headerValue,
);

export const hostileAcceptLanguage: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('id', 'en', 'en-US,en;q=0.9', 'xx', '*', 'id;q=2', 'zh-Hant-TW;q=0.1,,,', 'en;q=abc'),
  headerValue,
);

/** Content types a JSON route may be sent instead of `application/json`. */
export const wrongContentType: fc.Arbitrary<string> = fc.constantFrom(
  'text/plain',
  'text/html',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=----x',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json;;;',
  'application/vnd.api+json',
  'application/jsonp',
  'application/octet-stream',
  'image/png',
  'APPLICATION/JSON',
  '*/*',
  ';',
  'application/json, text/plain',
);

/** JSON text that is not valid JSON, or is valid JSON a careful parser still refuses. */
export const malformedJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '{',
    '}',
    '{"a":',
    '{"a":1,}',
    "{'a':1}",
    '{a:1}',
    '[1,2',
    'undefined',
    'NaN',
    '{"a":NaN}',
    '{"a":Infinity}',
    '\uFEFF{}',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{"isAdmin":true}}}',
    '{"a":1}{"b":2}',
    '{"a":"\\ud800"}',
    '{"a":"\\u0000"}',
    '{"a":"\u0000"}',
    '"just a string"',
    '12',
    'null',
    'true',
    '[]',
    '{"a":1e999999}',
    '{"a":-}',
  ),
  fc.nat({ max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.nat({ max: 20_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  fc.nat({ max: 20_000 }).map((depth) => '['.repeat(depth)),
  fc.json().chain((text) => fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => text.slice(0, cut))),
);
