import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  buildTestInstances,
  createCustomer,
  createManualClock,
  createUser,
  createWorkOrder,
  problemOf,
} from '../../../test/app';
import { createApiKey } from '../../../test/integrations';
import { addSeconds, toIso } from '../../platform/clock';

const clock = createManualClock();
const logLines: string[] = [];
const t = await buildTestApp({
  clock,
  env: { LOG_LEVEL: 'warn' },
  logStream: { write: (line) => logLines.push(line) },
});
const { app } = t;
const admin = await createUser(t, 'admin');
const agent = await createUser(t, 'agent');
const customer = await createCustomer(t);
const order = await createWorkOrder(t, agent, { customerId: customer.id });
const en = { 'accept-language': 'en' };

describe('API keys', () => {
  it('shows the key once, in the format pj_<prefix>_<secret>, and lists keys without it', async () => {
    const created = await createApiKey(app, admin, ['work-orders:read']);
    expect(created.key).toMatch(new RegExp(`^pj_${created.prefix}_[A-Za-z0-9_-]{43}$`));
    const list = await app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: bearer(admin.token) });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.key);
    expect(list.body).not.toContain(created.key.slice(12));
    expect(list.json().items).toContainEqual(
      expect.objectContaining({ id: created.id, scopes: ['work-orders:read'], revokedAt: null, lastUsedAt: null }),
    );
    const stored = await t.database.db
      .selectFrom('api_key')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(created.key.slice(12));
  });

  it('reads work orders with work-orders:read, and is refused creating one or calling a route without a scope', async () => {
    const { key } = await createApiKey(app, admin, ['work-orders:read']);
    const list = await app.inject({ method: 'GET', url: '/api/v1/work-orders', headers: bearer(key) });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toContain(order.id);
    const detail = await app.inject({ method: 'GET', url: `/api/v1/work-orders/${order.id}`, headers: bearer(key) });
    expect(detail.json()).toMatchObject({ id: order.id, number: order.number });

    const create = await app.inject({
      method: 'POST',
      url: '/api/v1/work-orders',
      headers: { ...bearer(key), ...en },
      payload: { customerId: customer.id, complaint: 'Dari ERP', serviceType: 'home_visit' },
    });
    expect(create.statusCode).toBe(403);
    expect(problemOf(create)).toMatchObject({
      code: 'insufficient_scope',
      detail: expect.stringContaining('work-orders:write'),
    });

    const users = await app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(key) });
    expect(users.statusCode).toBe(403);
    expect(problemOf(users).code).toBe('forbidden');
    const keys = await app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: bearer(key) });
    expect(keys.statusCode).toBe(403);
  });

  it('creates a work order with work-orders:write', async () => {
    const { key } = await createApiKey(app, admin, ['work-orders:write']);
    const create = await app.inject({
      method: 'POST',
      url: '/api/v1/work-orders',
      headers: bearer(key),
      payload: { customerId: customer.id, complaint: 'Dilaporkan lewat portal pabrikan', serviceType: 'home_visit' },
    });
    expect(create.statusCode).toBe(201);
    expect(create.json()).toMatchObject({ status: 'new', customer: { id: customer.id } });
  });

  it('refuses a malformed or unknown key with 401 invalid_api_key, in Indonesian by default, logging only the prefix', async () => {
    const { key, prefix } = await createApiKey(app, admin, ['work-orders:read']);
    const forged = `${key.slice(0, -4)}AAAA`;
    for (const token of ['pj_nope', 'pj_0000000_short', forged]) {
      const response = await app.inject({ method: 'GET', url: '/api/v1/work-orders', headers: bearer(token) });
      expect(response.statusCode).toBe(401);
      expect(problemOf(response)).toMatchObject({ code: 'invalid_api_key', title: 'Kunci API tidak sah' });
    }
    const log = logLines.join('\n');
    expect(log).toContain(`"apiKeyPrefix":"${prefix}"`);
    expect(log).not.toContain(forged.slice(12));
  });

  it('refuses a revoked key; revoking again changes nothing', async () => {
    const { id, key } = await createApiKey(app, admin, ['customers:read']);
    const before = await app.inject({ method: 'GET', url: `/api/v1/customers/${customer.id}`, headers: bearer(key) });
    expect(before.statusCode).toBe(200);
    const revoke = () => app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${id}`, headers: bearer(admin.token) });
    expect((await revoke()).statusCode).toBe(204);
    const revokedAt = (
      await t.database.db.selectFrom('api_key').select('revokedAt').where('id', '=', id).executeTakeFirstOrThrow()
    ).revokedAt;
    clock.advanceSeconds(5);
    expect((await revoke()).statusCode).toBe(204);
    const after = await app.inject({
      method: 'GET',
      url: `/api/v1/customers/${customer.id}`,
      headers: { ...bearer(key), ...en },
    });
    expect(after.statusCode).toBe(401);
    expect(problemOf(after)).toMatchObject({ code: 'invalid_api_key', title: 'Invalid API key' });
    const list = await app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: bearer(admin.token) });
    expect(list.json().items).toContainEqual(expect.objectContaining({ id, revokedAt }));
  });

  it('refuses a key past its expiry', async () => {
    const { key } = await createApiKey(app, admin, ['parts:read'], toIso(addSeconds(clock.now(), 3600)));
    expect((await app.inject({ method: 'GET', url: '/api/v1/parts', headers: bearer(key) })).statusCode).toBe(200);
    clock.advanceSeconds(3601);
    const response = await app.inject({ method: 'GET', url: '/api/v1/parts', headers: bearer(key) });
    expect(problemOf(response).code).toBe('invalid_api_key');
  });

  it('lets only admins manage keys, and refuses bad input with 400', async () => {
    const asAgent = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(agent.token),
      payload: { name: 'Agen', scopes: ['customers:read'] },
    });
    expect(asAgent.statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: bearer(agent.token) })).statusCode,
    ).toBe(403);
    for (const payload of [
      { name: 'X', scopes: ['everything'] },
      { name: 'X', scopes: [] },
      { name: '', scopes: ['parts:read'] },
      { name: 'X', scopes: ['parts:read'], expiresAt: toIso(addSeconds(clock.now(), -60)) },
    ]) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: bearer(admin.token),
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).code).toBe('validation_failed');
    }
  });
});

describe('the rate limit of a key, on two instances', async () => {
  const limitClock = createManualClock();
  const pair = await buildTestInstances(2, { clock: limitClock, env: { API_KEY_RATE_LIMIT: '3' }, withAreas: false });
  const pairAdmin = await createUser(pair, 'admin');

  it('counts requests of one key across instances, answers 429 with Retry-After, and opens again next minute', async () => {
    const { key, id } = await createApiKey(pair.app, pairAdmin, ['parts:read']);
    const other = await createApiKey(pair.app, pairAdmin, ['parts:read']);
    const call = (n: number, token = key) =>
      pair.instances[n % 2]?.app.inject({ method: 'GET', url: '/api/v1/parts', headers: bearer(token) });
    const firstUse = toIso(limitClock.now());
    for (let n = 0; n < 3; n += 1) expect((await call(n))?.statusCode).toBe(200);
    const refused = await call(3);
    expect(refused?.statusCode).toBe(429);
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused?.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await call(0, other.key))?.statusCode).toBe(200);

    const stored = () =>
      pair.database.db.selectFrom('api_key').select('lastUsedAt').where('id', '=', id).executeTakeFirstOrThrow();
    expect((await stored()).lastUsedAt).toBe(firstUse);
    limitClock.advanceSeconds(60);
    expect((await call(1))?.statusCode).toBe(200);
    expect((await stored()).lastUsedAt).toBe(toIso(limitClock.now()));
  });
});
