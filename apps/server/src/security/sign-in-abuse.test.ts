import type { FastifyInstance } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { buildTestApp, createBranch, createUser, problemOf, type TestApp, testPassword } from '../../test/app';
import { hashSessionToken } from '../modules/auth/session-token';

/*
 * Sign-in under attack: parallel guessing, forged X-Forwarded-For, addresses picked from
 * an IPv6 /64, and a stranger trying to lock a technician out. The password checks are
 * counted where they happen, in the password module.
 */

const passwordChecks = vi.hoisted(() => ({ count: 0 }));

vi.mock('../modules/auth/password', async (importOriginal) => {
  const original = await importOriginal<typeof import('../modules/auth/password')>();
  return {
    ...original,
    verifyPassword: (hash: string, password: string) => {
      passwordChecks.count += 1;
      return original.verifyPassword(hash, password);
    },
    burnPasswordCheck: (password: string) => {
      passwordChecks.count += 1;
      return original.burnPasswordCheck(password);
    },
  };
});

const limits = {
  LOGIN_MAX_FAILURES_PER_ACCOUNT: '12',
  LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: '4',
  LOGIN_MAX_FAILURES_PER_ADDRESS: '8',
};
const direct = await buildTestApp({ withAreas: false, env: limits });
const behindOneProxy = await buildTestApp({ withAreas: false, env: { ...limits, TRUST_PROXY: '1' } });
const behindProxyNetwork = await buildTestApp({ withAreas: false, env: { ...limits, TRUST_PROXY: '10.20.0.0/16' } });

const login = (
  app: FastifyInstance,
  username: string,
  password: string,
  remoteAddress: string,
  headers: Record<string, string> = {},
) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress, headers });

const statusCounts = (responses: { statusCode: number }[]) =>
  responses.reduce<Record<number, number>>((counts, { statusCode }) => {
    counts[statusCode] = (counts[statusCode] ?? 0) + 1;
    return counts;
  }, {});

/** NIKs are sequential and technicians' are easy to learn: the accounts worth locking out. */
async function createTechnician(t: TestApp) {
  const branch = await createBranch(t, []);
  return createUser(t, 'technician', { branchId: branch.id });
}

async function sessionAddressOf(t: TestApp, token: string) {
  const row = await t.database.db
    .selectFrom('session')
    .select('ipAddress')
    .where('tokenHash', '=', hashSessionToken(token))
    .executeTakeFirstOrThrow();
  return row.ipAddress;
}

describe('parallel guessing', () => {
  it('100 wrong passwords at once for one NIK from one address cost at most its limit in password checks', async () => {
    const technician = await createTechnician(direct);
    passwordChecks.count = 0;
    const attempts = Array.from({ length: 100 }, () =>
      login(direct.app, technician.employeeNo, 'tebak-tebakan', '198.51.100.10'),
    );
    const responses = await Promise.all(attempts);
    expect(passwordChecks.count).toBeLessThanOrEqual(4);
    expect(statusCounts(responses)).toEqual({ 401: passwordChecks.count, 429: 100 - passwordChecks.count });
    for (const refused of responses.filter((r) => r.statusCode === 429)) {
      expect(problemOf(refused).code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('100 wrong passwords at once for one NIK from 100 networks cost at most the account limit', async () => {
    const technician = await createTechnician(direct);
    passwordChecks.count = 0;
    const attempts = Array.from({ length: 100 }, (_, n) =>
      login(direct.app, technician.employeeNo, 'tebak-tebakan', `203.0.${113 + Math.floor(n / 50)}.${n % 50}`),
    );
    const responses = await Promise.all(attempts);
    expect(passwordChecks.count).toBeLessThanOrEqual(12);
    expect(statusCounts(responses)[401]).toBe(passwordChecks.count);
  });

  it('a NIK nobody has costs the same: the unknown-NIK check is limited too', async () => {
    passwordChecks.count = 0;
    const attempts = Array.from({ length: 50 }, () => login(direct.app, 'NIK-TIDAK-ADA', 'tebakan', '198.51.100.11'));
    await Promise.all(attempts);
    expect(passwordChecks.count).toBeLessThanOrEqual(4);
  });
});

describe('a stranger cannot lock a technician out', () => {
  it('failing many times from another network leaves the technician signing in from their own', async () => {
    const technician = await createTechnician(direct);
    const stranger = await Promise.all(
      Array.from({ length: 20 }, () => login(direct.app, technician.employeeNo, 'tebak-tebakan', '192.0.2.66')),
    );
    expect(statusCounts(stranger)[429]).toBeGreaterThan(0);

    const own = await login(direct.app, technician.employeeNo, testPassword, '198.51.100.200');
    expect(own.statusCode).toBe(200);
    // The stranger's network stays locked, even once it has the password.
    expect((await login(direct.app, technician.employeeNo, testPassword, '192.0.2.66')).statusCode).toBe(429);
  });
});

describe('per-address limits key the network', () => {
  it('counts every address of one IPv6 /64 together, and the next /64 apart', async () => {
    for (let n = 1; n <= 8; n += 1) {
      const response = await login(direct.app, `TEBAK-${n}`, 'tebakan', `2001:db8:5:6::${n.toString(16)}`);
      expect(response.statusCode).toBe(401);
    }
    expect((await login(direct.app, 'TEBAK-9', 'tebakan', '2001:db8:5:6:ffff:ffff:ffff:fffe')).statusCode).toBe(429);
    expect((await login(direct.app, 'TEBAK-9', 'tebakan', '2001:db8:5:7::1')).statusCode).toBe(401);
  });

  it('counts an IPv4 client on a dual-stack socket as the IPv4 address it is', async () => {
    for (let n = 1; n <= 8; n += 1) {
      const address = n % 2 === 0 ? '::ffff:192.0.2.77' : '192.0.2.77';
      expect((await login(direct.app, `COBA-${n}`, 'tebakan', address)).statusCode).toBe(401);
    }
    expect((await login(direct.app, 'COBA-9', 'tebakan', '192.0.2.77')).statusCode).toBe(429);
  });
});

describe('X-Forwarded-For', () => {
  it('with one trusted hop, forged addresses in front of the real one do not escape the per-address limit', async () => {
    const proxy = '10.0.0.2';
    const responses = [];
    for (let n = 0; n < 12; n += 1) {
      const headers = { 'x-forwarded-for': `100.64.${n}.1, 203.0.113.50` };
      responses.push(await login(behindOneProxy.app, `PALSU-${n}`, 'tebakan', proxy, headers));
    }
    expect(responses.map((r) => r.statusCode)).toEqual([...Array(8).fill(401), ...Array(4).fill(429)]);
    // Another client behind the same proxy is not affected.
    const other = await login(behindOneProxy.app, 'PALSU-X', 'tebakan', proxy, { 'x-forwarded-for': '203.0.113.51' });
    expect(other.statusCode).toBe(401);
  });

  it('with one trusted hop, the session stores the address the proxy saw, not the forged one', async () => {
    const agent = await createUser(behindOneProxy, 'agent');
    const headers = { 'x-forwarded-for': '1.2.3.4, 203.0.113.60' };
    const response = await login(behindOneProxy.app, agent.employeeNo, testPassword, '10.0.0.2', headers);
    expect(response.statusCode).toBe(200);
    expect(await sessionAddressOf(behindOneProxy, response.json<{ token: string }>().token)).toBe('203.0.113.60');
  });

  it('with trusted proxy networks, a client outside them cannot claim another address', async () => {
    const agent = await createUser(behindProxyNetwork, 'agent');
    const throughProxy = await login(behindProxyNetwork.app, agent.employeeNo, testPassword, '10.20.1.1', {
      'x-forwarded-for': '1.2.3.4, 203.0.113.70, 10.20.9.9',
    });
    expect(await sessionAddressOf(behindProxyNetwork, throughProxy.json<{ token: string }>().token)).toBe(
      '203.0.113.70',
    );
    const bypassing = await login(behindProxyNetwork.app, agent.employeeNo, testPassword, '198.51.100.80', {
      'x-forwarded-for': '203.0.113.70',
    });
    expect(await sessionAddressOf(behindProxyNetwork, bypassing.json<{ token: string }>().token)).toBe('198.51.100.80');
  });
});
