import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serializerCompiler } from './serializer';

const compile = (schema: z.ZodType) => serializerCompiler({ schema, method: 'GET', url: '/x', httpStatus: '200' });

describe('response serialization', () => {
  it('writes only the properties the contract names', () => {
    const serialize = compile(z.object({ id: z.string(), name: z.string(), email: z.string().nullable() }));
    const output = serialize({ id: 'u1', name: 'Rina', email: null, passwordHash: 'secret', role: 'admin' });
    expect(JSON.parse(output)).toEqual({ id: 'u1', name: 'Rina', email: null });
  });

  it('does so inside lists and nested objects too', () => {
    const serialize = compile(
      z.object({
        items: z.array(z.object({ id: z.string(), customer: z.object({ name: z.string() }) })),
        nextCursor: z.string().nullable(),
      }),
    );
    const output = serialize({
      items: [{ id: 'w1', internalCost: 5, customer: { name: 'Sari', phone: '+62812' } }],
      nextCursor: null,
    });
    expect(JSON.parse(output)).toEqual({ items: [{ id: 'w1', customer: { name: 'Sari' } }], nextCursor: null });
  });

  it('refuses to answer without a required property', () => {
    const serialize = compile(z.object({ id: z.string(), status: z.enum(['new', 'closed']) }));
    expect(() => serialize({ id: 'w1' })).toThrow(/status/);
  });
});
