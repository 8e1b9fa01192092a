import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createUser,
  problemOf,
  type TestApp,
  testPassword,
} from '../../../test/app';
import { followToCallback, startOidcProvider, testClient } from '../../../test/oidc-provider';
import { totpCodeAt } from './totp';

const provider = await startOidcProvider();
const logLines: string[] = [];
const t: TestApp = await buildTestApp({
  withAreas: false,
  logStream: { write: (line) => logLines.push(line) },
  env: {
    LOG_LEVEL: 'warn',
    PUBLIC_BASE_URL: 'http://purnajual.test',
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: testClient.clientId,
    OIDC_CLIENT_SECRET: testClient.clientSecret,
  },
});
const { app } = t;
const redirectUrl = 'http://purnajual.test/api/v1/auth/oidc/callback';
provider.configure(redirectUrl);

const browser = { accept: 'text/html,application/xhtml+xml' };
const stateCookieOf = (response: LightMyRequestResponse) =>
  /pj_oidc_state=([^;]+)/.exec(String(response.headers['set-cookie']))?.[1] ?? '';

/** The browser's way in: the app's start, the provider's pages, and the callback URL it comes back with. */
async function signInAtProvider(accountId: string) {
  provider.signInAs(accountId);
  const start = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start', headers: browser });
  expect(start.statusCode).toBe(303);
  const callback = await followToCallback(String(start.headers.location), redirectUrl);
  return { callback: `${callback.pathname}${callback.search}`, state: stateCookieOf(start) };
}

const callBack = (url: string, state: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers: { cookie: `pj_oidc_state=${state}`, ...headers } });

let accounts = 0;
/** A console user whose e-mail the provider vouches for, under an account id of its own. */
async function providerUser(role: 'admin' | 'agent' | 'technician', emailVerified = true) {
  accounts += 1;
  const branch = role === 'technician' ? (await createBranch(t, [])).id : null;
  const user = await createUser(t, role, { branchId: branch });
  const email = `pengguna${accounts}@purnajual.example`;
  await t.services.users.updateUser({ ...user, sessionId: '' }, user.id, { email: email.toUpperCase() });
  const accountId = `akun-${accounts}`;
  provider.addAccount(accountId, { email, emailVerified });
  return { ...user, accountId, email };
}

describe('single sign-on with OpenID Connect', () => {
  it('tells the sign-in page that it is configured', async () => {
    const methods = await app.inject({ method: 'GET', url: '/api/v1/auth/methods' });
    expect(methods.json()).toEqual({ password: true, oidc: true });
  });

  it('sends the browser to the provider with state, nonce and a PKCE challenge', async () => {
    const start = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start', headers: browser });
    const location = new URL(String(start.headers.location));
    expect(location.origin).toBe(provider.issuer);
    for (const name of ['state', 'nonce', 'code_challenge']) expect(location.searchParams.get(name)).toBeTruthy();
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('redirect_uri')).toBe(redirectUrl);
    expect(String(start.headers['set-cookie'])).toMatch(/pj_oidc_state=.+HttpOnly.*SameSite=Lax/i);
  });

  it('signs in the active console user with the verified e-mail, with the cookie of a password sign-in', async () => {
    const agent = await providerUser('agent');
    const { callback, state } = await signInAtProvider(agent.accountId);
    const response = await callBack(callback, state, browser);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
    const token = /pj_session=([^;]+)/.exec(String(response.headers['set-cookie']))?.[1] ?? '';
    expect(String(response.headers['set-cookie'])).toMatch(/pj_session=[^;]+;.*HttpOnly.*SameSite=Strict/i);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `pj_session=${token}` } });
    expect(me.json()).toMatchObject({ id: agent.id });
  });

  it('answers an API client with the session itself', async () => {
    const admin = await providerUser('admin');
    provider.signInAs(admin.accountId);
    const start = await app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
    const { authorizationUrl } = start.json<{ authorizationUrl: string }>();
    const callback = await followToCallback(authorizationUrl, redirectUrl);
    const response = await callBack(`${callback.pathname}${callback.search}`, stateCookieOf(start));
    expect(response.statusCode).toBe(200);
    const session = response.json<{ token: string; user: { id: string } }>();
    expect(session.user.id).toBe(admin.id);
    expect((await app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(session.token) })).statusCode).toBe(
      200,
    );
  });

  it('trusts the provider’s own factors: a user with TOTP is not asked for a code', async () => {
    const agent = await providerUser('agent');
    const { secret } = (
      await app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrolment', headers: bearer(agent.token) })
    ).json<{ secret: string }>();
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enrolment/confirm',
      headers: bearer(agent.token),
      payload: { code: totpCodeAt(secret, new Date()) },
    });
    const { callback, state } = await signInAtProvider(agent.accountId);
    expect((await callBack(callback, state)).json()).toMatchObject({ user: { id: agent.id } });
  });

  it('refuses a replayed callback, and logs it', async () => {
    const agent = await providerUser('agent');
    const { callback, state } = await signInAtProvider(agent.accountId);
    expect((await callBack(callback, state)).statusCode).toBe(200);
    const replayed = await callBack(callback, state);
    expect(replayed.statusCode).toBe(401);
    expect(problemOf(replayed).code).toBe('sso_refused');
    expect(logLines.some((line) => line.includes('single sign-on refused') && line.includes('used or expired'))).toBe(
      true,
    );
  });

  it('refuses a callback in a browser that did not start the sign-in', async () => {
    const agent = await providerUser('agent');
    const { callback } = await signInAtProvider(agent.accountId);
    const elsewhere = await app.inject({ method: 'GET', url: callback });
    expect(problemOf(elsewhere).code).toBe('sso_refused');
  });

  it('refuses an ID token whose nonce is not the one sent', async () => {
    const agent = await providerUser('agent');
    const { callback, state } = await signInAtProvider(agent.accountId);
    await t.database.db.updateTable('oidc_sign_in').set({ nonce: 'not-the-nonce-that-was-sent' }).execute();
    const refused = await callBack(callback, state);
    expect(refused.statusCode).toBe(401);
    expect(problemOf(refused).code).toBe('sso_refused');
  });

  it('never creates a user: an unknown e-mail, an unverified one, a technician and a deactivated user are refused', async () => {
    provider.addAccount('orang-asing', { email: 'orang.asing@contoh.example' });
    const unverified = await providerUser('agent', false);
    const technician = await providerUser('technician');
    const gone = await providerUser('agent');
    const admin = await createUser(t, 'admin');
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${gone.id}`,
      headers: bearer(admin.token),
      payload: { active: false },
    });
    const users = await t.database.db.selectFrom('user').select('id').execute();
    for (const accountId of ['orang-asing', unverified.accountId, technician.accountId, gone.accountId]) {
      const { callback, state } = await signInAtProvider(accountId);
      const refused = await callBack(callback, state);
      expect(refused.statusCode, accountId).toBe(403);
      expect(problemOf(refused).code).toBe('sso_unknown_user');
    }
    expect(await t.database.db.selectFrom('user').select('id').execute()).toHaveLength(users.length);
  });

  it('sends a refused browser back to the sign-in page, which says why', async () => {
    provider.addAccount('tamu', { email: 'tamu@contoh.example' });
    const { callback, state } = await signInAtProvider('tamu');
    const refused = await callBack(callback, state, browser);
    expect(refused.statusCode).toBe(303);
    expect(refused.headers.location).toBe('/login?sso=sso_unknown_user');
    expect(String(refused.headers['set-cookie'])).not.toContain('pj_session');
  });

  it('keeps the password sign-in working beside it', async () => {
    const agent = await providerUser('agent');
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: agent.employeeNo, password: testPassword },
    });
    expect(login.statusCode).toBe(200);
  });
});
