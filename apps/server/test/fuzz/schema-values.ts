import fc from 'fast-check';
import type { JsonSchema } from '../openapi-operations';

/**
 * Values of the seeded world for a field of this name: ids of existing records, real area
 * codes, and numbers the world's state makes valid (a bill's current total).
 */
export type KnownValues = (name: string) => readonly (string | number)[];

/** How far below the top a generated object nests before it stops adding optional members. */
const maxDepth = 6;

const validDate = fc.date({
  min: new Date('2024-01-01T00:00:00Z'),
  max: new Date('2028-12-31T00:00:00Z'),
  noInvalidDate: true,
});

/** Instants a date-time schema accepts that a database or a calendar may still choke on. */
const edgeInstants = [
  '0000-01-01T00:00:00.000Z',
  '0001-01-01T00:00:00Z',
  '1000-01-01T00:00:00.000Z',
  '1969-12-31T23:59:59.999Z',
  '2024-02-29T23:59:59.999999Z',
  '2038-01-19T03:14:08.000Z',
  '9999-12-31T23:59:59.999Z',
];

/**
 * Text a plain string field accepts that is hostile all the same: payloads a query or a
 * page might execute, characters a driver or a PDF might choke on, and the longest string
 * allowed in characters a column may count differently (2-byte `é`, 4-byte emoji).
 */
function edgeTexts(minLength: number, maxLength: number): string[] {
  const payloads = [
    "' OR 1=1 --",
    "'; DROP TABLE work_order; --",
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    'nul\u0000inside',
    '\u202Egnp.exe',
    '\uD800',
    'a\uDFFFb',
    '🔧🧯👩🏽‍🔧',
    'مرحبا',
    '\r\n\t',
    '%_!\\',
    '__proto__',
  ];
  const longest = [
    'é'.repeat(maxLength),
    '😀'.repeat(Math.floor(maxLength / 2)),
    `${'x'.repeat(maxLength - 1)}\u0000`,
    '\u0000'.repeat(Math.max(minLength, 1)),
    ' '.repeat(Math.max(minLength, 1)),
  ];
  return [...payloads, ...longest].filter((text) => text.length >= minLength && text.length <= maxLength);
}

function stringValue(schema: JsonSchema, name: string, known: KnownValues): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? minLength + 40;
  const fits = (value: string) => value.length >= minLength && value.length <= maxLength;
  let generated: fc.Arbitrary<string>;
  if (schema.format === 'uuid') generated = fc.uuid({ version: 7 });
  else if (schema.format === 'date-time') {
    generated = fc.oneof(
      { arbitrary: validDate.map((date) => date.toISOString()), weight: 4 },
      { arbitrary: fc.constantFrom(...edgeInstants), weight: 1 },
    );
  } else if (schema.format === 'date') {
    generated = fc.oneof(
      { arbitrary: validDate.map((date) => date.toISOString().slice(0, 10)), weight: 4 },
      { arbitrary: fc.constantFrom(...edgeInstants.map((instant) => instant.slice(0, 10))), weight: 1 },
    );
  } else if (schema.format === 'email') generated = fc.constantFrom('rina@purnajual.id', 'agus.setiawan@contoh.co.id');
  else if (schema.pattern !== undefined) {
    generated = fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  } else {
    const plain = fc.string({ unit: 'grapheme-ascii', minLength, maxLength: Math.min(maxLength, minLength + 40) });
    const edges = edgeTexts(minLength, maxLength);
    generated =
      edges.length === 0
        ? plain
        : fc.oneof({ arbitrary: plain, weight: 3 }, { arbitrary: fc.constantFrom(...edges), weight: 1 });
  }
  const pattern = schema.pattern === undefined ? undefined : new RegExp(schema.pattern);
  const values = known(name).filter(
    (value): value is string =>
      typeof value === 'string' && fits(value) && (pattern === undefined || pattern.test(value)),
  );
  if (values.length === 0) return generated;
  return fc.oneof({ arbitrary: fc.constantFrom(...values), weight: 4 }, { arbitrary: generated, weight: 1 });
}

function numberValue(
  schema: JsonSchema & { exclusiveMinimum?: number },
  integer: boolean,
  name: string,
  known: KnownValues,
): fc.Arbitrary<number> {
  const floor = schema.minimum ?? (schema.exclusiveMinimum === undefined ? 0 : schema.exclusiveMinimum + 1);
  const top = schema.maximum ?? Number.MAX_SAFE_INTEGER;
  const values = known(name).filter(
    (value): value is number => typeof value === 'number' && value >= floor && value <= top,
  );
  const generated = generatedNumber(floor, top, integer);
  if (values.length === 0) return generated;
  return fc.oneof({ arbitrary: fc.constantFrom(...values), weight: 2 }, { arbitrary: generated, weight: 1 });
}

function generatedNumber(floor: number, top: number, integer: boolean): fc.Arbitrary<number> {
  const ceiling = Math.min(top, floor + 1_000_000);
  // The bounds themselves: the largest value the schema lets through must fit its column.
  const bounds = fc.constantFrom(floor, top);
  if (integer) {
    // Small values make valid requests (quantities, versions, limits) far more often.
    return fc.oneof(
      { arbitrary: fc.integer({ min: floor, max: Math.min(ceiling, floor + 5) }), weight: 6 },
      { arbitrary: fc.integer({ min: floor, max: ceiling }), weight: 2 },
      { arbitrary: bounds, weight: 1 },
    );
  }
  return fc.oneof(
    { arbitrary: fc.double({ min: floor, max: ceiling, noNaN: true, noDefaultInfinity: true }), weight: 4 },
    { arbitrary: bounds, weight: 1 },
  );
}

/**
 * Values that the schema accepts (mostly: patterns with length limits, and fields whose
 * validity depends on the database, are best effort). Fields named like a world value get
 * that value most of the time, so that requests reach the services, not just validation.
 */
export function validValue(schema: JsonSchema, name: string, known: KnownValues, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined && alternatives.length > 0) {
    return fc.oneof(...alternatives.map((alternative) => validValue(alternative, name, known, depth)));
  }
  const [first] = schema.allOf ?? [];
  if (first !== undefined) return validValue(first, name, known, depth);
  if (Array.isArray(schema.type)) {
    return fc.oneof(...schema.type.map((type) => validValue({ ...schema, type }, name, known, depth)));
  }
  switch (schema.type) {
    case 'string':
      return stringValue(schema, name, known);
    case 'integer':
      return numberValue(schema, true, name, known);
    case 'number':
      return numberValue(schema, false, name, known);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? minLength + 3, minLength + 3);
      const singular = name.endsWith('s') ? name.slice(0, -1) : name;
      return fc.array(validValue(schema.items ?? {}, singular, known, depth + 1), { minLength, maxLength });
    }
    default:
      return objectValue(schema, known, depth);
  }
}

function objectValue(schema: JsonSchema, known: KnownValues, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const model = Object.fromEntries(
    Object.entries(properties)
      .filter(([key]) => depth < maxDepth || required.includes(key))
      .map(([key, property]) => [key, validValue(property, key, known, depth + 1)]),
  );
  return fc.record(model, { requiredKeys: required.filter((key) => key in model) });
}
