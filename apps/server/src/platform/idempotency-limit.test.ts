import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createUser, problemOf } from '../../test/app';

/*
 * A caller that mints a new Idempotency-Key for every request (a broken client, or one
 * doing it on purpose) must not grow the table of stored answers without end until the
 * retention job catches up.
 */
const t = await buildTestApp({ env: { IDEMPOTENCY_KEYS_PER_USER: '3' } });
const { app } = t;
const agent = await createUser(t, 'agent');
const other = await createUser(t, 'agent');

const customer = (n: number) => ({
  name: `Ibu Sari Wulandari ${String.fromCharCode(65 + n)}`,
  phone: `0812-7788-99${String(10 + n)}`,
  address: 'Jl. Kemang Raya No. 21',
  areaCode: '31.74.07',
});
const create = (token: string, key: string | null, n: number, language = 'id') =>
  app.inject({
    method: 'POST',
    url: '/api/v1/customers',
    headers: { ...bearer(token), ...(key ? { 'idempotency-key': key } : {}), 'accept-language': language },
    payload: customer(n),
  });

describe('stored answers to Idempotency-Key requests', () => {
  it('are kept up to the limit per user; a new key past it is 429, while repeats, unkeyed requests and other users go on', async () => {
    for (const n of [1, 2, 3]) expect((await create(agent.token, `key-${n}`, n)).statusCode).toBe(201);

    const refused = await create(agent.token, 'key-4', 4);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('3600');
    expect(problemOf(refused)).toMatchObject({ code: 'rate_limited', title: 'Terlalu banyak permintaan' });
    expect(problemOf(refused).detail).toContain('Paling banyak 3');
    expect(problemOf(await create(agent.token, 'key-4', 4, 'en')).detail).toContain('At most 3');

    // The phone's queue sending a change again still gets the answer it had.
    const repeat = await create(agent.token, 'key-2', 2);
    expect(repeat.statusCode).toBe(201);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect((await create(agent.token, null, 5)).statusCode).toBe(201);
    expect((await create(other.token, 'key-1', 6)).statusCode).toBe(201);

    const stored = await t.database.db
      .selectFrom('idempotency_record')
      .select('key')
      .where('userId', '=', agent.id)
      .execute();
    expect(stored.map((row) => row.key).sort()).toEqual(['key-1', 'key-2', 'key-3']);
  });
});
