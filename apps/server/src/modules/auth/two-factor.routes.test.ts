import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createManualClock,
  createUser,
  problemOf,
  testPassword,
} from '../../../test/app';
import { totpCodeAt } from './totp';

const clock = createManualClock();
const logLines: string[] = [];
const t = await buildTestApp({
  clock,
  withAreas: false,
  logStream: { write: (line) => logLines.push(line) },
  env: {
    LOG_LEVEL: 'warn',
    TOTP_REQUIRED_ROLES: 'admin,supervisor,warehouse',
    LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: '4',
    LOGIN_FAILURE_DELAY: '1s',
    LOGIN_FAILURE_WINDOW: '15m',
  },
});
const { app } = t;

let address = 0;
/** Each test signs in from an address of its own, so the limits of one do not reach another. */
const nextAddress = () => {
  address += 1;
  return `10.20.${Math.floor(address / 250)}.${address % 250}`;
};

const post = (url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}, from = '10.9.9.9') =>
  app.inject({ method: 'POST', url, payload, headers, remoteAddress: from });
const get = (url: string, token: string) => app.inject({ method: 'GET', url, headers: bearer(token) });

const login = (username: string, password: string, from: string) =>
  post('/api/v1/auth/login', { username, password }, {}, from);
const loginTotp = (challenge: string, code: string, from: string) =>
  post('/api/v1/auth/login/totp', { challenge, code }, {}, from);

/** An office user with TOTP confirmed: its secret, recovery codes and the session that enrolled. */
async function enrolledUser(role: 'admin' | 'agent' = 'admin') {
  const user = await createUser(t, role);
  const enrolment = (await post('/api/v1/auth/totp/enrolment', {}, bearer(user.token))).json<{ secret: string }>();
  const confirm = await post(
    '/api/v1/auth/totp/enrolment/confirm',
    { code: totpCodeAt(enrolment.secret, clock.now()) },
    bearer(user.token),
  );
  expect(confirm.statusCode, confirm.body).toBe(200);
  const { recoveryCodes } = confirm.json<{ recoveryCodes: string[] }>();
  // The confirming code used the current time step.
  clock.advanceSeconds(30);
  return { ...user, secret: enrolment.secret, recoveryCodes };
}

async function challengeOf(employeeNo: string, from: string) {
  const response = await login(employeeNo, testPassword, from);
  expect(response.statusCode).toBe(200);
  const body = response.json<{ secondFactor: string; challenge: string }>();
  expect(body.secondFactor).toBe('totp');
  return body.challenge;
}

describe('enrolment', () => {
  it('makes a role that must have TOTP enrol before anything else, then lets the session do its work', async () => {
    const admin = await createUser(t, 'admin');
    const refused = await get('/api/v1/users', admin.token);
    expect(refused.statusCode).toBe(403);
    expect(problemOf(refused).code).toBe('totp_enrolment_required');
    expect((await get('/api/v1/me', admin.token)).statusCode).toBe(200);
    expect((await get('/api/v1/auth/totp', admin.token)).json()).toEqual({
      enrolled: false,
      required: true,
      enrolmentPending: true,
      recoveryCodesLeft: 0,
    });

    const enrolment = await post('/api/v1/auth/totp/enrolment', {}, bearer(admin.token));
    const { secret, uri } = enrolment.json<{ secret: string; uri: string }>();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(new RegExp(`^otpauth://totp/Purnajual:${admin.employeeNo}\\?`));
    expect(uri).toContain(`secret=${secret}`);

    const wrong = await post('/api/v1/auth/totp/enrolment/confirm', { code: '000000' }, bearer(admin.token));
    expect(wrong.statusCode).toBe(401);
    expect(problemOf(wrong)).toMatchObject({ code: 'invalid_second_factor', errors: [{ path: 'body.code' }] });

    const code = totpCodeAt(secret, clock.now());
    const confirmed = await post('/api/v1/auth/totp/enrolment/confirm', { code }, bearer(admin.token));
    const { recoveryCodes } = confirmed.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await get('/api/v1/users', admin.token)).statusCode).toBe(200);
    expect((await get('/api/v1/auth/totp', admin.token)).json()).toMatchObject({
      enrolled: true,
      enrolmentPending: false,
      recoveryCodesLeft: 10,
    });
    const stored = await t.database.db.selectFrom('totp_recovery_code').select('codeHash').execute();
    expect(stored.map((row) => row.codeHash)).not.toContain(recoveryCodes[0]);
  });

  it('ends the other sessions of the user, opened without the factor', async () => {
    const agent = await createUser(t, 'agent');
    const other = await login(agent.employeeNo, testPassword, nextAddress());
    const otherToken = other.json<{ token: string }>().token;
    const { secret } = (await post('/api/v1/auth/totp/enrolment', {}, bearer(agent.token))).json<{ secret: string }>();
    await post('/api/v1/auth/totp/enrolment/confirm', { code: totpCodeAt(secret, clock.now()) }, bearer(agent.token));
    expect((await get('/api/v1/me', otherToken)).statusCode).toBe(401);
    expect((await get('/api/v1/me', agent.token)).statusCode).toBe(200);
  });

  it('leaves technicians alone: no challenge, no enrolment, and the TOTP routes are not theirs', async () => {
    const branch = await createBranch(t, []);
    const technician = await createUser(t, 'technician', { branchId: branch.id });
    const signedIn = await login(technician.employeeNo, testPassword, nextAddress());
    expect(signedIn.json()).toMatchObject({ totpEnrolmentRequired: false, user: { id: technician.id } });
    expect((await get('/api/v1/me', technician.token)).statusCode).toBe(200);
    expect((await post('/api/v1/auth/totp/enrolment', {}, bearer(technician.token))).statusCode).toBe(403);
  });

  it('lets a role that need not have it go without, switch it on, and off again with the password', async () => {
    const agent = await createUser(t, 'agent');
    const first = await login(agent.employeeNo, testPassword, nextAddress());
    expect(first.json()).toMatchObject({ totpEnrolmentRequired: false });
    expect((await get('/api/v1/customers', agent.token)).statusCode).toBe(200);

    const enrolled = await enrolledUser('agent');
    const wrong = await post('/api/v1/auth/totp/disable', { password: 'not-the-password' }, bearer(enrolled.token));
    expect(problemOf(wrong)).toMatchObject({ code: 'invalid_credentials', errors: [{ path: 'body.password' }] });
    const off = await post('/api/v1/auth/totp/disable', { password: testPassword }, bearer(enrolled.token));
    expect(off.statusCode).toBe(204);
    const again = await login(enrolled.employeeNo, testPassword, nextAddress());
    expect(again.json()).toMatchObject({ token: expect.any(String) });
  });

  it('refuses to switch it off for a role that must have it', async () => {
    const admin = await enrolledUser('admin');
    const code = totpCodeAt(admin.secret, clock.now());
    const refused = await post('/api/v1/auth/totp/disable', { code }, bearer(admin.token));
    expect(refused.statusCode).toBe(403);
    expect((await get('/api/v1/auth/totp', admin.token)).json()).toMatchObject({ enrolled: true });
  });
});

describe('sign-in with a second factor', () => {
  it('answers a challenge instead of a session, and the session for the code', async () => {
    const admin = await enrolledUser();
    const from = nextAddress();
    const first = await login(admin.employeeNo, testPassword, from);
    expect(first.json()).toEqual({
      secondFactor: 'totp',
      challenge: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(first.headers['set-cookie']).toBeUndefined();
    const { challenge } = first.json<{ challenge: string }>();

    const signedIn = await loginTotp(challenge, totpCodeAt(admin.secret, clock.now()), from);
    expect(signedIn.statusCode).toBe(200);
    const body = signedIn.json<{ token: string; totpEnrolmentRequired: boolean }>();
    expect(body.totpEnrolmentRequired).toBe(false);
    expect(String(signedIn.headers['set-cookie'])).toContain(`pj_session=${body.token}`);
    expect((await get('/api/v1/users', body.token)).statusCode).toBe(200);
  });

  it('takes a code once: the same code again, even with a new challenge, is refused and logged', async () => {
    const admin = await enrolledUser();
    const from = nextAddress();
    const code = totpCodeAt(admin.secret, clock.now());
    const challenge = await challengeOf(admin.employeeNo, from);
    expect((await loginTotp(challenge, code, from)).statusCode).toBe(200);

    const reused = await loginTotp(challenge, code, from);
    expect(problemOf(reused).code).toBe('sign_in_expired');
    const replayed = await loginTotp(await challengeOf(admin.employeeNo, from), code, from);
    expect(replayed.statusCode).toBe(401);
    expect(problemOf(replayed).code).toBe('invalid_second_factor');
    expect(
      logLines.some((line) => line.includes('second factor refused') && line.includes('invalid_second_factor')),
    ).toBe(true);

    clock.advanceSeconds(30);
    const next = totpCodeAt(admin.secret, clock.now());
    expect((await loginTotp(await challengeOf(admin.employeeNo, from), next, from)).statusCode).toBe(200);
  });

  it('lets the challenge live five minutes', async () => {
    const admin = await enrolledUser();
    const from = nextAddress();
    const challenge = await challengeOf(admin.employeeNo, from);
    clock.advanceSeconds(5 * 60 + 1);
    const late = await loginTotp(challenge, totpCodeAt(admin.secret, clock.now()), from);
    expect(late.statusCode).toBe(401);
    expect(problemOf(late).code).toBe('sign_in_expired');
    expect(problemOf(await loginTotp('no-such-challenge', '123456', from)).code).toBe('sign_in_expired');
  });

  it('counts wrong codes as failed sign-ins: delayed, then locked, the password too', async () => {
    const admin = await enrolledUser();
    const from = nextAddress();
    const challenge = await challengeOf(admin.employeeNo, from);
    expect((await loginTotp(challenge, '000000', from)).statusCode).toBe(401);
    expect((await loginTotp(challenge, '000001', from)).statusCode).toBe(401);
    const early = await loginTotp(challenge, totpCodeAt(admin.secret, clock.now()), from);
    expect(early.statusCode).toBe(429);
    expect(problemOf(early).code).toBe('rate_limited');
    expect((await login(admin.employeeNo, testPassword, from)).statusCode).toBe(429);

    // A right password in between does not wipe the wrong codes out.
    for (const wait of [1, 2]) {
      clock.advanceSeconds(wait);
      const again = await challengeOf(admin.employeeNo, from);
      expect((await loginTotp(again, '000002', from)).statusCode).toBe(401);
    }
    clock.advanceSeconds(60);
    const locked = await login(admin.employeeNo, testPassword, from);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
  });

  it('takes a recovery code once, in any case and without the dash', async () => {
    const admin = await enrolledUser();
    const from = nextAddress();
    const [recovery = ''] = admin.recoveryCodes;
    const typed = recovery.replace('-', '').toLowerCase();
    expect((await loginTotp(await challengeOf(admin.employeeNo, from), typed, from)).statusCode).toBe(200);
    const again = await loginTotp(await challengeOf(admin.employeeNo, from), recovery, from);
    expect(problemOf(again).code).toBe('invalid_second_factor');
    const session = (
      await loginTotp(await challengeOf(admin.employeeNo, nextAddress()), admin.recoveryCodes[1] ?? '', from)
    ).json<{
      token: string;
    }>();
    expect((await get('/api/v1/auth/totp', session.token)).json()).toMatchObject({ recoveryCodesLeft: 8 });
  });

  it('is removed for a lost phone (the command line): sessions end, and the role enrols again', async () => {
    const admin = await enrolledUser();
    expect(await t.services.auth.twoFactor.resetByEmployeeNo(admin.employeeNo.toLowerCase())).toBe('reset');
    expect((await get('/api/v1/me', admin.token)).statusCode).toBe(401);
    const again = await login(admin.employeeNo, testPassword, nextAddress());
    expect(again.json()).toMatchObject({ totpEnrolmentRequired: true });
    expect(await t.services.auth.twoFactor.resetByEmployeeNo(admin.employeeNo)).toBe('none');
    expect(await t.services.auth.twoFactor.resetByEmployeeNo('NO-SUCH-NIK')).toBe('unknown');
  });

  it('speaks the caller’s language when it refuses a code', async () => {
    const admin = await enrolledUser();
    const from = nextAddress();
    const challenge = await challengeOf(admin.employeeNo, from);
    const id = problemOf(await loginTotp(challenge, '000000', from));
    expect(id.detail).toBe('Kode salah atau sudah pernah dipakai');
    clock.advanceSeconds(1);
    const en = await post('/api/v1/auth/login/totp', { challenge, code: '000000' }, { 'accept-language': 'en' }, from);
    expect(problemOf(en).detail).toBe('The code is wrong or was used already');
  });
});
