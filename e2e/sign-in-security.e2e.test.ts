import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../apps/server/src/modules/auth/totp';
import { startOidcProvider, testClient } from '../apps/server/test/oidc-provider';
import {
  apiSignIn,
  demoPassword,
  desktopContext,
  freePort,
  launchBrowser,
  screenshot,
  seriousAccessibilityViolations,
  signIn,
  startServer,
  type TestServer,
  testFetch,
} from './fixtures';

/*
 * The console's sign-in as it is configured in an office that asks more than a password:
 * TOTP required of supervisors (the default roles), and single sign-on with a real OpenID
 * Provider on a loopback port whose login page signs in the account the test chose.
 */
const provider = await startOidcProvider();
let server: TestServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  provider.configure(`${baseUrl}/api/v1/auth/oidc/callback`);
  server = await startServer({
    PORT: String(port),
    PUBLIC_BASE_URL: baseUrl,
    TOTP_REQUIRED_ROLES: undefined,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: testClient.clientId,
    OIDC_CLIENT_SECRET: testClient.clientSecret,
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const started = () => {
  if (!server || !browser) throw new Error('not started');
  return { server, browser };
};

async function newPage(): Promise<Page> {
  const { server, browser } = started();
  return (await desktopContext(browser, server.baseUrl)).newPage();
}

/** The secret the enrolment page shows, grouped for typing, as one string. */
async function shownSecret(page: Page) {
  const text = (await page.getByLabel('Kunci rahasia').textContent()) ?? '';
  return text.replace(/\s+/g, '');
}

describe('two-step verification in the console', () => {
  it('makes a supervisor enrol at the first sign-in, then asks the code at every sign-in', async () => {
    const page = await newPage();
    await signIn(page, '30001');
    await page.getByText('Peran Anda wajib memakai verifikasi dua langkah').waitFor();
    expect(new URL(page.url()).pathname).toBe('/two-factor');
    await page.getByRole('button', { name: 'Atur verifikasi dua langkah' }).click();
    const secret = await shownSecret(page);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByLabel('Kode autentikator').fill(totpCodeAt(secret, new Date()));
    await page.getByRole('button', { name: 'Aktifkan' }).click();
    const codes =
      ((await page.getByLabel('Simpan kode pemulihan Anda').textContent()) ?? '').match(/\w{5}-\w{5}/g) ?? [];
    expect(codes).toHaveLength(10);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-two-factor-recovery-codes');
    await page.getByRole('button', { name: 'Sudah saya simpan' }).click();
    await page.getByRole('heading', { name: 'Papan order kerja' }).waitFor();

    await page.getByRole('button', { name: 'Keluar' }).click();
    await signIn(page, '30001');
    await page.getByLabel('Kode autentikator').waitFor();
    await page.getByLabel('Kode autentikator').fill('000000');
    await page.getByRole('button', { name: 'Verifikasi' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Kode salah');
    // The code of the next time step is taken now (a phone's clock a little ahead).
    await page.getByLabel('Kode autentikator').fill(totpCodeAt(secret, new Date(Date.now() + 30_000)));
    await page.getByRole('button', { name: 'Verifikasi' }).click();
    await page.getByRole('heading', { name: 'Papan order kerja' }).waitFor();

    await page.getByRole('button', { name: 'Keluar' }).click();
    await signIn(page, '30001');
    await page.getByRole('button', { name: 'Gunakan kode pemulihan' }).click();
    await page.getByLabel('Kode pemulihan').fill(codes[0] ?? '');
    await screenshot(page, 'console-sign-in-recovery-code');
    await page.getByRole('button', { name: 'Verifikasi' }).click();
    await page.getByRole('heading', { name: 'Papan order kerja' }).waitFor();
    await page.context().close();
  });
});

describe('single sign-on in the console', () => {
  it('signs in an agent by the provider, matched by e-mail, from the button on the sign-in page', async () => {
    const { server } = started();
    const admin = await apiSignIn(server.baseUrl, '10001', demoPassword);
    const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    const enrolment = (await (
      await testFetch(`${server.baseUrl}/api/v1/auth/totp/enrolment`, {
        method: 'POST',
        headers: { authorization: headers.authorization },
      })
    ).json()) as { secret: string };
    await testFetch(`${server.baseUrl}/api/v1/auth/totp/enrolment/confirm`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ code: totpCodeAt(enrolment.secret, new Date()) }),
    });
    const agents = (await (await testFetch(`${server.baseUrl}/api/v1/users?q=20001`, { headers })).json()) as {
      items: { id: string; employeeNo: string }[];
    };
    const agent = agents.items.find((user) => user.employeeNo === '20001');
    const patched = await testFetch(`${server.baseUrl}/api/v1/users/${agent?.id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ email: 'dewi.lestari@purnajual.example' }),
    });
    expect(patched.status).toBe(200);
    provider.addAccount('dewi', { email: 'dewi.lestari@purnajual.example' });
    provider.signInAs('dewi');

    const page = await newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Masuk dengan SSO' }).click();
    await page.getByRole('heading', { name: 'Papan order kerja' }).waitFor();
    await page.getByRole('banner').getByText('Dewi Lestari').waitFor();
    await page.context().close();
  });

  it('brings a stranger back to the sign-in page with the reason', async () => {
    provider.addAccount('tamu', { email: 'tamu@contoh.example' });
    provider.signInAs('tamu');
    const page = await newPage();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Masuk dengan SSO' }).click();
    await page.getByText('tidak terdaftar sebagai pengguna konsol').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-sso-refused');
    await page.context().close();
  });
});
