import { describe, expect, it } from 'vitest';
import {
  apiSignIn,
  desktopContext,
  screenshot,
  seriousAccessibilityViolations,
  setUpJourneys,
  signIn,
} from './fixtures';

const journey = setUpJourneys();

describe('administration', () => {
  it("sets a technician's operating area in the console, and a new work order there reaches that technician", async () => {
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await signIn(page, '10001');
    await page.getByRole('link', { name: 'Pengguna' }).click();
    await page.getByLabel('Cari').fill('Kogoya');
    const row = page.getByTestId('user-row').filter({ hasText: 'Daniel Kogoya' });
    await row.waitFor();
    await row.getByRole('button', { name: 'Atur wilayah Daniel Kogoya' }).click();
    const dialog = page.getByRole('dialog');
    for (const [label, text, option] of [
      ['Provinsi', 'PAPUA', 'PAPUA'],
      ['Kabupaten/Kota', 'KEEROM', 'KABUPATEN KEEROM'],
      ['Kecamatan', 'Arso', 'Arso'],
    ] as const) {
      await dialog.getByRole('combobox', { name: label }).click();
      await dialog.getByRole('combobox', { name: label }).fill(text);
      await page.getByRole('option', { name: option, exact: true }).click();
    }
    await dialog.getByRole('button', { name: 'Tambahkan wilayah' }).click();
    await dialog.getByRole('listitem').filter({ hasText: 'Arso' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-technician-areas');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await row.filter({ hasText: '91.11.02' }).waitFor();

    // A call from Arso: the agent records it; it reaches Daniel's list.
    const agent = await apiSignIn(journey.server.baseUrl, '20001');
    const customer = await journey.api<{ id: string }>('/api/v1/customers', agent, {
      name: 'Bapak Yosep Wambrauw',
      phone: '0813 4455 6677',
      address: 'Jl. Trans Irian, Arso',
      areaCode: '91.11.02',
    });
    const order = await journey.api<{ id: string }>('/api/v1/work-orders', agent, {
      customerId: customer.body.id,
      complaint: 'Kulkas tidak dingin',
      serviceType: 'home_visit',
    });
    const technician = await apiSignIn(journey.server.baseUrl, '50011');
    const list = await journey.api<{ items: { id: string }[] }>('/api/v1/work-orders', technician);
    expect(list.body.items.map((w) => w.id)).toContain(order.body.id);
    const other = await apiSignIn(journey.server.baseUrl, '50012');
    const othersList = await journey.api<{ items: { id: string }[] }>('/api/v1/work-orders', other);
    expect(othersList.body.items.map((w) => w.id)).not.toContain(order.body.id);
    await context.close();
  });

  it('keeps the administration screens from an agent: no menu entry, and the address leads back to the board', async () => {
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await signIn(page, '20001');
    await page.getByRole('heading', { name: 'Papan order kerja' }).waitFor();
    expect(await page.getByRole('link', { name: 'Pengguna' }).count()).toBe(0);
    await page.goto('/admin/users');
    await page.getByRole('heading', { name: 'Papan order kerja' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Pengguna' }).count()).toBe(0);
    await context.close();
  });

  it('speaks English on request', async () => {
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await signIn(page, '10001');
    await page.getByRole('heading', { name: 'Papan order kerja' }).waitFor();
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Work-order board' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Work-order board' }).waitFor();
    await context.close();
  });
});
