import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createManualClock,
  createUser,
  problemOf,
  signIn,
  testPassword,
} from '../../../test/app';

const clock = createManualClock();
const t = await buildTestApp({
  clock,
  withAreas: false,
  env: {
    SESSION_TTL: '30d',
    SESSION_IDLE_TTL: '1d',
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '6',
    LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: '4',
    LOGIN_MAX_FAILURES_PER_ADDRESS: '8',
    LOGIN_FAILURE_DELAY: '1s',
    LOGIN_FAILURE_WINDOW: '15m',
  },
});
const { app } = t;

const login = (username: string, password: string, remoteAddress = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });

const me = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/v1/me', headers });

describe('sign-in', () => {
  it('signs in by NIK, returns a token and the user, and sets an httpOnly SameSite cookie', async () => {
    const agent = await createUser(t, 'agent', { employeeNo: 'ag-7001' });
    const response = await login('ag-7001', testPassword, '10.0.1.1');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.user).toMatchObject({ id: agent.id, employeeNo: 'AG-7001', role: 'agent', active: true });
    expect(body.user).not.toHaveProperty('passwordHash');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toContain(`pj_session=${body.token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect((await me(bearer(body.token))).json()).toMatchObject({ id: agent.id });
  });

  it('gives a new token at every sign-in', async () => {
    await createUser(t, 'agent', { employeeNo: 'ag-7002' });
    const first = await login('ag-7002', testPassword, '10.0.1.2');
    const second = await login('ag-7002', testPassword, '10.0.1.2');
    expect(first.json().token).not.toBe(second.json().token);
  });

  it('answers an unknown NIK and a wrong password the same way', async () => {
    await createUser(t, 'agent', { employeeNo: 'ag-7003' });
    const unknown = await login('no-such-nik', testPassword, '10.0.2.1');
    const wrong = await login('ag-7003', 'not-the-password', '10.0.2.2');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const { requestId: _a, ...unknownBody } = problemOf(unknown);
    const { requestId: _b, ...wrongBody } = problemOf(wrong);
    expect(unknownBody).toEqual(wrongBody);
    expect(unknownBody.code).toBe('invalid_credentials');
  });

  it('refuses a deactivated user with the same invalid_credentials answer', async () => {
    const admin = await createUser(t, 'admin');
    const agent = await createUser(t, 'agent', { employeeNo: 'ag-7004' });
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${agent.id}`,
      headers: bearer(admin.token),
      payload: { active: false },
    });
    expect(problemOf(await login('ag-7004', testPassword, '10.0.2.3')).code).toBe('invalid_credentials');
  });

  it('validates the body with field paths', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 42 } });
    expect(response.statusCode).toBe(400);
    const problem = problemOf(response);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['body.password', 'body.username']);
  });
});

describe('sessions', () => {
  it('answers 401 without a session, with a garbage token and with a malformed header', async () => {
    expect(problemOf(await me({})).code).toBe('unauthenticated');
    expect((await me(bearer('garbage'))).statusCode).toBe(401);
    expect((await me({ authorization: 'Basic abc' })).statusCode).toBe(401);
  });

  it('accepts the session cookie as well as the bearer token', async () => {
    const agent = await createUser(t, 'agent');
    expect((await me({ cookie: `pj_session=${agent.token}` })).statusCode).toBe(200);
  });

  it('logout revokes the token for good', async () => {
    const agent = await createUser(t, 'agent');
    const logout = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(agent.token) });
    expect(logout.statusCode).toBe(204);
    expect(String(logout.headers['set-cookie'])).toMatch(/pj_session=;/);
    expect((await me(bearer(agent.token))).statusCode).toBe(401);
  });

  it('deactivating a user or changing their password ends all their sessions', async () => {
    const admin = await createUser(t, 'admin');
    const agent = await createUser(t, 'agent');
    const secondToken = await signIn(app, agent.employeeNo, testPassword);
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${agent.id}`,
      headers: bearer(admin.token),
      payload: { password: 'rendang-padang-enak' },
    });
    expect((await me(bearer(agent.token))).statusCode).toBe(401);
    expect((await me(bearer(secondToken))).statusCode).toBe(401);

    const fresh = await signIn(app, agent.employeeNo, 'rendang-padang-enak');
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${agent.id}`,
      headers: bearer(admin.token),
      payload: { active: false },
    });
    expect((await me(bearer(fresh))).statusCode).toBe(401);
  });

  it('expires after the idle time without use, and at the absolute lifetime despite use', async () => {
    const agent = await createUser(t, 'agent');
    clock.advanceSeconds(23 * 3600);
    expect((await me(bearer(agent.token))).statusCode).toBe(200);
    clock.advanceSeconds(23 * 3600);
    expect((await me(bearer(agent.token))).statusCode).toBe(200);
    clock.advanceSeconds(24 * 3600 + 1);
    expect((await me(bearer(agent.token))).statusCode).toBe(401);

    const busy = await createUser(t, 'agent');
    for (let day = 0; day < 29; day += 1) {
      clock.advanceSeconds(86400 - 60);
      expect((await me(bearer(busy.token))).statusCode).toBe(200);
    }
    clock.advanceSeconds(86400);
    expect((await me(bearer(busy.token))).statusCode).toBe(401);
  });

  it('refuses cookie-authenticated changes from another site, but not bearer ones', async () => {
    const agent = await createUser(t, 'agent');
    const crossSite = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: `pj_session=${agent.token}`, origin: 'https://evil.example', host: 'purnajual.test' },
    });
    expect(crossSite.statusCode).toBe(403);
    const fetchMetadata = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: `pj_session=${agent.token}`, 'sec-fetch-site': 'cross-site' },
    });
    expect(fetchMetadata.statusCode).toBe(403);
    expect((await me(bearer(agent.token))).statusCode).toBe(200);
    const sameOrigin = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: `pj_session=${agent.token}`, origin: 'http://purnajual.test', host: 'purnajual.test' },
    });
    expect(sameOrigin.statusCode).toBe(204);
  });
});

describe('sign-in rate limiting', () => {
  it('locks an account failed from many addresses, even for the right password, and reopens after the window', async () => {
    await createUser(t, 'agent', { employeeNo: 'ag-7100' });
    for (let attempt = 0; attempt < 6; attempt += 1) {
      expect((await login('ag-7100', 'wrong-password', `10.1.0.${attempt}`)).statusCode).toBe(401);
    }
    const locked = await login('ag-7100', testPassword, '10.1.0.9');
    expect(locked.statusCode).toBe(429);
    expect(problemOf(locked).code).toBe('rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

    clock.advanceSeconds(15 * 60 + 1);
    expect((await login('ag-7100', testPassword, '10.1.0.9')).statusCode).toBe(200);
  });

  it('limits one address trying many accounts', async () => {
    for (let attempt = 0; attempt < 8; attempt += 1) {
      expect((await login(`guess-${attempt}`, 'wrong-password', '10.2.0.1')).statusCode).toBe(401);
    }
    expect((await login('guess-x', 'wrong-password', '10.2.0.1')).statusCode).toBe(429);
    expect((await login('guess-x', 'wrong-password', '10.2.0.2')).statusCode).toBe(401);
  });

  it('makes a NIK failing from one address wait longer after each failure, and forgets it at the right password', async () => {
    await createUser(t, 'agent', { employeeNo: 'ag-7200' });
    const from = '10.3.0.1';
    expect((await login('ag-7200', 'wrong-password', from)).statusCode).toBe(401);
    expect((await login('ag-7200', 'wrong-password', from)).statusCode).toBe(401);
    const early = await login('ag-7200', testPassword, from);
    expect(early.statusCode).toBe(429);
    expect(early.headers['retry-after']).toBe('1');
    expect((await login('ag-7200', testPassword, '10.3.0.2')).statusCode).toBe(200);

    clock.advanceSeconds(1);
    expect((await login('ag-7200', 'wrong-password', from)).statusCode).toBe(401);
    expect((await login('ag-7200', 'wrong-password', from)).headers['retry-after']).toBe('2');
    clock.advanceSeconds(2);
    expect((await login('ag-7200', testPassword, from)).statusCode).toBe(200);
    expect((await login('ag-7200', 'wrong-password', from)).statusCode).toBe(401);
    expect((await login('ag-7200', 'wrong-password', from)).statusCode).toBe(401);
  });

  it('locks a NIK from an address at its limit for the window, while the NIK still signs in elsewhere', async () => {
    await createUser(t, 'agent', { employeeNo: 'ag-7300' });
    for (const wait of [0, 0, 1, 2]) {
      clock.advanceSeconds(wait);
      expect((await login('ag-7300', 'wrong-password', '10.4.0.1')).statusCode).toBe(401);
    }
    clock.advanceSeconds(60);
    const locked = await login('ag-7300', testPassword, '10.4.0.1');
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60 - 10);
    expect((await login('ag-7300', testPassword, '10.4.0.2')).statusCode).toBe(200);
    clock.advanceSeconds(15 * 60);
    expect((await login('ag-7300', testPassword, '10.4.0.1')).statusCode).toBe(200);
  });
});
