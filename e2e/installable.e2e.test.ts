import { describe, expect, it } from 'vitest';
import { mobileContext, mobileProfile, screenshot, seriousAccessibilityViolations, setUpJourneys } from './fixtures';

const journey = setUpJourneys();

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

interface Manifest {
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: ManifestIcon[];
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, which always follows the signature. */
function pngSize(bytes: Buffer) {
  expect(bytes.subarray(0, 8).equals(pngSignature), 'PNG signature').toBe(true);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

describe('the technician app on a phone', () => {
  it('is installable: a full manifest, every icon a PNG of its declared size, and no objection from Chrome', async () => {
    const profile = await mobileProfile(journey.server.baseUrl);
    const { context } = profile;
    const page = await context.newPage();
    await page.goto('/m/login');
    await page.getByLabel('NIK').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

    const manifestUrl = new URL('/m/manifest.webmanifest', journey.server.baseUrl);
    const manifest = (await (await fetch(manifestUrl)).json()) as Manifest;
    expect(manifest).toMatchObject({
      name: 'Purnajual Teknisi',
      short_name: 'Teknisi',
      start_url: '/m/',
      scope: '/m/',
      display: 'standalone',
    });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    const declared = manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`);
    expect(declared).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));

    for (const icon of manifest.icons) {
      const response = await fetch(new URL(icon.src, manifestUrl));
      expect(response.status, icon.src).toBe(200);
      expect(icon.type, icon.src).toBe('image/png');
      expect(response.headers.get('content-type'), icon.src).toBe('image/png');
      expect(pngSize(Buffer.from(await response.arrayBuffer())), icon.src).toBe(icon.sizes);
    }
    const appleIcon = await fetch(new URL('/m/apple-touch-icon.png', journey.server.baseUrl));
    expect(pngSize(Buffer.from(await appleIcon.arrayBuffer()))).toBe('180x180');

    // Chrome's own verdict, the one behind its install prompt.
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    await profile.close();
  });

  it('offline, shows its own page for a navigation it cannot answer instead of the browser error', async () => {
    const context = await mobileContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await page.goto('/m/login');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await context.setOffline(true);
    // A screen of the app still opens from the phone…
    await page.goto('/m/login');
    await page.getByLabel('NIK').waitFor();
    // …and a file the phone does not keep gets the offline page.
    await page.goto('/m/laporan-servis.pdf');
    await page.getByRole('heading', { name: 'Tidak ada koneksi' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'technician-offline-fallback');
    await page.getByRole('link', { name: 'Buka aplikasi Teknisi' }).click();
    await page.getByLabel('NIK').waitFor();
    await context.close();
  });
});
