import Fastify from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerProblemHandlers } from './problem';

/** A route validating its body as the server's routes do, answered by the problem handlers. */
async function refusal(body: unknown, acceptLanguage?: string) {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  registerProblemHandlers(app);
  const schema = z.strictObject({
    name: z.string().min(1).max(5),
    email: z.email().optional(),
    count: z.number().int().min(2).optional(),
    kind: z.enum(['ac', 'tv']).optional(),
    note: z
      .string()
      .refine((value) => value !== 'x', 'must not be x')
      .optional(),
  });
  app.post('/check', { schema: { body: schema } }, async () => ({ ok: true }));
  const response = await app.inject({
    method: 'POST',
    url: '/check',
    payload: body as Record<string, unknown>,
    headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {},
  });
  await app.close();
  const problem = response.json() as { detail: string; errors: { path: string; message: string }[] };
  return { status: response.statusCode, ...problem };
}

describe('field messages in the caller’s language', () => {
  it.each([
    [{}, 'body.name', 'wajib diisi', 'is required'],
    [{ name: 42 }, 'body.name', 'harus berupa teks', 'must be text'],
    [{ name: '' }, 'body.name', 'tidak boleh kosong', 'must not be empty'],
    [{ name: 'abcdefg' }, 'body.name', 'paling banyak 5 karakter', 'must be at most 5 characters'],
    [{ name: 'a', count: 1 }, 'body.count', 'paling kecil 2', 'must be at least 2'],
    [{ name: 'a', email: 'no' }, 'body.email', 'bukan alamat e-mail yang sah', 'is not a valid e-mail address'],
    [{ name: 'a', kind: 'fridge' }, 'body.kind', 'harus salah satu dari: ac, tv', 'must be one of: ac, tv'],
    [{ name: 'a', owner: 'me' }, 'body.owner', 'bukan kolom yang boleh Anda isi', 'is not a field you may set'],
  ])('%j: %s', async (body, path, indonesian, english) => {
    const inIndonesian = await refusal(body);
    expect(inIndonesian.status).toBe(400);
    expect(inIndonesian.errors).toContainEqual({ path, message: indonesian });
    expect(inIndonesian.detail).toBe(`Permintaan tidak sah: ${path}`);
    const inEnglish = await refusal(body, 'en-US,en;q=0.9');
    expect(inEnglish.errors).toContainEqual({ path, message: english });
    expect(inEnglish.detail).toBe(`The request is invalid: ${path}`);
  });

  it('keeps a message the schema gives itself as it is written', async () => {
    expect((await refusal({ name: 'a', note: 'x' })).errors).toEqual([{ path: 'body.note', message: 'must not be x' }]);
  });
});
