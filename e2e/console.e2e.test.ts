import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSignIn,
  desktopContext,
  launchBrowser,
  screenshot,
  seriousAccessibilityViolations,
  signIn,
  startServer,
  type TestServer,
} from './fixtures';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('office console', () => {
  it('shows an error for a wrong password and stays on the sign-in page', async () => {
    const context = await desktopContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signIn(page, '20001', 'salah-sandi-nya');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('NIK atau kata sandi salah');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-sign-in');
    await context.close();
  });

  it('takes a call: a new customer by phone, a work order, on the board, updated live when the technician acts', async () => {
    const context = await desktopContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signIn(page, '20001');
    await page.getByRole('heading', { name: 'Papan order kerja' }).waitFor();

    await page.getByRole('link', { name: 'Order baru' }).click();
    await page.getByLabel('Cari pelanggan').fill('0812 9988 7766');
    await page.getByText('Tidak ada pelanggan yang cocok.').waitFor();
    await page.getByRole('button', { name: 'Pelanggan baru' }).click();
    await page.getByLabel('Nama').fill('Ibu Wulan Sari');
    expect(await page.getByLabel('Telepon').inputValue()).toBe('0812 9988 7766');
    await page.getByLabel('Alamat').fill('Jl. Senopati No. 45, Kebayoran Baru');
    for (const [label, text, option] of [
      ['Provinsi', 'DKI', 'DKI JAKARTA'],
      ['Kabupaten/Kota', 'SELATAN', 'KOTA ADMINISTRASI JAKARTA SELATAN'],
      ['Kecamatan', 'Kebayoran Baru', 'Kebayoran Baru'],
    ] as const) {
      await page.getByRole('combobox', { name: label }).click();
      await page.getByRole('combobox', { name: label }).fill(text);
      await page.getByRole('option', { name: option, exact: true }).click();
    }
    await page.getByRole('button', { name: 'Simpan pelanggan' }).click();
    await page.getByText('Pelanggan terpilih').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('Keluhan').fill('AC tidak dingin sejak kemarin, unit indoor menetes');
    await page.getByRole('combobox', { name: 'Prioritas' }).click();
    await page.getByRole('option', { name: 'Tinggi' }).click();
    await screenshot(page, 'console-intake');
    await page.getByRole('button', { name: 'Buat order kerja' }).click();
    const created = page.getByRole('status').filter({ hasText: 'dibuat' });
    await created.waitFor();
    const title = (await created.textContent()) ?? '';
    const number = /WO-\d{4}-\d{6}/.exec(title)?.[0] ?? '';
    expect(number).not.toBe('');
    expect(title).toContain('Diarahkan ke Cabang Jakarta');

    await page.getByRole('link', { name: 'Papan order' }).click();
    const row = page.getByTestId('work-order-row').filter({ hasText: number });
    await row.waitFor();
    expect(await row.textContent()).toContain('Baru');
    await page.getByText('Langsung').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-board');

    // The technician covering Kebayoran Baru claims it from their phone (here: the API).
    const technician = await apiSignIn(server.baseUrl, '50002');
    const list = (await (
      await fetch(`${server.baseUrl}/api/v1/work-orders?q=${number}`, {
        headers: { authorization: `Bearer ${technician}` },
      })
    ).json()) as { items: { id: string }[] };
    const id = list.items[0]?.id ?? '';
    const claim = await fetch(`${server.baseUrl}/api/v1/work-orders/${id}/transitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${technician}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'claim' }),
    });
    expect(claim.status).toBe(200);
    await row.filter({ hasText: 'Diterima' }).waitFor({ timeout: 5000 });
    expect(await row.textContent()).toContain('Budi Santoso');

    await row.getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: number }).waitFor();
    await page.getByText('Ibu Wulan Sari').first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-detail');
    await context.close();
  });

  it('sends a technician who signs in to the console to the phone app', async () => {
    const context = await desktopContext(browser, server.baseUrl);
    const page = await context.newPage();
    await signIn(page, '50001');
    await page.getByRole('link', { name: 'Buka aplikasi teknisi' }).waitFor();
    await page.goto('/board');
    await page.getByRole('link', { name: 'Buka aplikasi teknisi' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Papan order kerja' }).count()).toBe(0);
    await context.close();
  });
});
