import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFailed } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const demoPassword = 'servis-purnajual';
export const screenshotDir = join(root, 'e2e/screenshots');

/** The scripts an app's page (index.html, or a prerendered one) loads before its first screen: the entry, what it preloads, the starter. */
export function initialScripts(app: 'console' | 'technician', page = 'index.html') {
  const html = readFileSync(join(root, 'apps', app, 'dist', page), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href|data-entry|data-preload)="([^"]+\.js)"/g)].flatMap((match) =>
    (match[1] ?? '').split(' '),
  );
  if (scripts.length === 0) throw new Error(`${app}: index.html loads no script`);
  return scripts;
}

/** What those scripts weigh gzipped. `prefix` is where the server serves the app. */
export function initialJavaScriptBytes(app: 'console' | 'technician', prefix: '/' | '/m/') {
  const dist = join(root, 'apps', app, 'dist');
  return initialScripts(app).reduce(
    (total, script) => total + gzipSync(readFileSync(join(dist, script.slice(prefix.length)))).length,
    0,
  );
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}

export interface TestServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/** Waits until `url` answers `/readyz` with 200 (a server starting, or a balancer finding its backends). */
export async function waitUntilReady(url: string) {
  const started = Date.now();
  for (;;) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // still starting
    }
    if (Date.now() - started > 60_000) throw new Error(`${url} did not become ready`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/**
 * The built server (`apps/server/dist/main.js`) on a free port with a fresh SQLite
 * database loaded with the demo company; stopped and deleted afterwards. `env` adds to
 * or overrides the server's environment (undefined removes a variable).
 */
export async function startServer(env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const folder = mkdtempSync(join(tmpdir(), 'purnajual-e2e-'));
  // A test that must know the address before the server starts (a provider's callback) names the port.
  const port = env.PORT === undefined ? await freePort() : Number(env.PORT);
  // A variable set to undefined in `env` is left out, not passed on as the text "undefined".
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !(name in env)));
  const child: ChildProcess = spawn(process.execPath, [join(root, 'apps/server/dist/main.js')], {
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(folder, 'e2e.db')}`,
      SEED_DEMO_DATA: 'true',
      STORAGE_DIR: join(folder, 'files'),
      // The journeys sign office roles in by password; the two-factor journey removes this.
      ...('TOTP_REQUIRED_ROLES' in env ? {} : { TOTP_REQUIRED_ROLES: 'none' }),
      LOG_LEVEL: 'warn',
      ...Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(baseUrl);
  return {
    baseUrl,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

const chromiumOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** Debian's Chromium, headless, never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumOptions);
}

/** An office desktop; `timezoneId` puts the browser's clock in a zone other than the machine's. */
export async function desktopContext(
  browser: Browser,
  baseUrl: string,
  { timezoneId }: { timezoneId?: string } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1440, height: 900 },
    locale: 'id-ID',
    ...(timezoneId === undefined ? {} : { timezoneId }),
  });
}

/** An Android phone of the size most technicians carry: 412×915, touch. */
const phone = {
  viewport: { width: 412, height: 915 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'id-ID',
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
};

/** The narrowest Android phones in use, for `page.setViewportSize`: what a screen must still fit. */
export const narrowPhoneViewport = { width: 360, height: 780 };

export async function mobileContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl, ...phone });
}

/**
 * The phone with a browser profile of its own, in a fresh folder removed on close: Chrome
 * will not install an app from an incognito window, and every `newContext` is one.
 */
export async function mobileProfile(baseUrl: string) {
  const folder = mkdtempSync(join(tmpdir(), 'purnajual-profile-'));
  const context = await chromium.launchPersistentContext(folder, { ...chromiumOptions, baseURL: baseUrl, ...phone });
  return {
    context,
    async close() {
      await context.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Picks Kebayoran Baru, Jakarta Selatan in the new-customer form's area fields, as an agent types them. */
export async function pickKebayoranBaru(page: Page) {
  for (const [label, text, option] of [
    ['Provinsi', 'DKI', 'DKI JAKARTA'],
    ['Kabupaten/Kota', 'SELATAN', 'KOTA ADMINISTRASI JAKARTA SELATAN'],
    ['Kecamatan', 'Kebayoran Baru', 'Kebayoran Baru'],
  ] as const) {
    await page.getByRole('combobox', { name: label }).click();
    await page.getByRole('combobox', { name: label }).fill(text);
    await page.getByRole('option', { name: option, exact: true }).click();
  }
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, employeeNo: string, password = demoPassword) {
  await page.goto('/login');
  await page.getByLabel('NIK').fill(employeeNo);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

const isConnectionReset = (error: unknown) =>
  error instanceof TypeError && (error.cause as { code?: string } | undefined)?.code === 'ECONNRESET';

/**
 * `fetch` from the test itself, sent again once when the connection it reused was reset: a
 * test that moves the server's clock ahead (libfaketime) has the server close its idle
 * keep-alive connections at once, and the next call may go out on one of them.
 */
export async function testFetch(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (!isConnectionReset(error)) throw error;
    return fetch(url, init);
  }
}

/** Signs in through the API (for the second party in a journey) and returns the token. */
export async function apiSignIn(baseUrl: string, employeeNo: string, password = demoPassword): Promise<string> {
  const response = await testFetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: employeeNo, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
}

/** Called inside a test: if it fails, what the page showed is kept next to the screenshots. */
export function screenshotOnFailure(page: Page, name: string) {
  onTestFailed(async () => {
    await screenshot(page, `failed-${name}`).catch(() => undefined);
  });
}

export type AccessibilityImpact = 'minor' | 'moderate' | 'serious' | 'critical';

/** Runs axe-core in the page and returns the violations of the given impacts, each with the elements it found. */
export async function accessibilityViolations(
  page: Page,
  impacts: readonly AccessibilityImpact[] = ['serious', 'critical'],
) {
  // Contrast is judged at rest: not under the pointer of the last click, nor while a dialog
  // is still fading in (its buttons half transparent), which a busy machine stretches out.
  await page.mouse.move(0, 0);
  await page.waitForFunction(() =>
    document
      .getAnimations()
      // A spinner turns for ever: only transitions that end are waited for.
      .every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity),
  );
  // Evaluated through the DevTools protocol: the app's CSP rightly refuses injected scripts.
  await page.evaluate(readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: () => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    return axe.run();
  });
  return result.violations
    .filter((violation) => impacts.some((impact) => impact === violation.impact))
    .map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`);
}

/** The serious and critical violations: what every journey checks on the pages it visits. */
export const seriousAccessibilityViolations = (page: Page) => accessibilityViolations(page);

export interface Journey {
  readonly server: TestServer;
  readonly browser: Browser;
  /** What another party does meanwhile, through the API: GET, or POST with a body. */
  api<T>(path: string, token: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/** One server and one browser for the journeys of a test file, started before and stopped after. */
export function setUpJourneys(): Journey {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the journey has not started');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    async api<T>(path: string, token: string, body?: unknown) {
      const response = await fetch(`${started(server).baseUrl}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json().catch(() => null)) as T };
    },
  };
}
