import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiSignIn,
  desktopContext,
  screenshot,
  screenshotOnFailure,
  seriousAccessibilityViolations,
  setUpJourneys,
  signIn,
} from './fixtures';
import { call } from './technician-data';

/*
 * Keeping a customer's records right while on the phone with them: their numbers, a second
 * record of the same person merged into the first, a unit registered under its old owner.
 */

const journey = setUpJourneys();

interface Unit {
  id: string;
  serialNumber: string;
}
interface Customer {
  id: string;
  name: string;
  phones: { number: string; label: string; isPrimary: boolean }[];
  products: (Unit & { ownershipHistory: { kind: string; from: { name: string } }[] })[];
}

let agent = '';
let district = '';
let modelCode = '';
let sequence = 0;
/** Digits no other test (nor the demo data) uses. */
function unique() {
  sequence += 1;
  return `${String(Date.now()).slice(-6)}${String(sequence).padStart(2, '0')}`;
}
const api = <T>(method: string, path: string, body?: unknown) =>
  call<T>(journey.server.baseUrl, agent, method, path, body);

beforeAll(async () => {
  agent = await apiSignIn(journey.server.baseUrl, '20001');
  district = (await api<{ items: { code: string }[] }>('GET', '/api/v1/areas?parent=31.74')).items[0]?.code ?? '';
  modelCode = (await api<{ items: { code: string }[] }>('GET', '/api/v1/product-models')).items[0]?.code ?? '';
  if (!district || !modelCode) throw new Error('the demo data has no district in 31.74 or no product model');
});

/** A customer in Jakarta Selatan; `units` units of the demo's first model. */
async function createCaller(name: string, units: number) {
  const digits = unique();
  const customer = await api<Customer>('POST', '/api/v1/customers', {
    name,
    phone: `+62813${digits}`,
    address: 'Jl. Wijaya I No. 12, Kebayoran Baru',
    areaCode: district,
  });
  const created: Unit[] = [];
  for (let index = 0; index < units; index += 1) {
    created.push(
      await api<Unit>('POST', `/api/v1/customers/${customer.id}/products`, {
        modelCode,
        serialNumber: `CR${unique()}`,
      }),
    );
  }
  return { ...customer, phone: `0813${digits}`, units: created };
}

async function pickCaller(page: Page, caller: { name: string; phone: string }, employeeNo = '20001') {
  await signIn(page, employeeNo);
  await page.getByRole('heading', { name: 'Papan order kerja' }).waitFor();
  await page.getByRole('link', { name: 'Order baru' }).click();
  await page.getByRole('textbox', { name: 'Cari pelanggan' }).fill(caller.phone);
  await page.getByRole('button', { name: `Pilih ${caller.name}` }).click();
  await page.getByText('Pelanggan terpilih').waitFor();
}

describe("a customer's records", () => {
  it('has its numbers edited on the intake screen: a refused one says why beside it, the saved ones are primary as chosen', async () => {
    const caller = await createCaller('Ibu Nurul Hidayah', 0);
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'customer-phones-edit');
    await pickCaller(page, caller);

    await page.getByRole('button', { name: 'Ubah nomor' }).click();
    // The number as it reads everywhere else, not as it is stored.
    expect(await page.getByRole('textbox', { name: 'Telepon', exact: true }).inputValue()).toMatch(
      /^\+62 813-\d{4}-\d{4}$/,
    );
    await page.getByRole('button', { name: 'Tambah nomor' }).click();
    const second = page.getByRole('textbox', { name: 'Telepon 2' });
    await second.fill('12345');
    await page.getByRole('button', { name: 'Simpan nomor' }).click();
    expect(await second.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Bukan nomor telepon Indonesia').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'customer-phones-refused');

    const whatsapp = `0857${unique()}`;
    await second.fill(whatsapp);
    await page.getByRole('combobox', { name: 'Jenis nomor 2' }).click();
    await page.getByRole('option', { name: 'WhatsApp' }).click();
    await page.getByRole('radio', { name: 'Nomor utama: 2' }).check();
    await page.getByRole('button', { name: 'Simpan nomor' }).click();
    await page.getByText('Nomor telepon disimpan.').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'WhatsApp, utama' }).waitFor();

    const saved = await api<Customer>('GET', `/api/v1/customers/${caller.id}`);
    expect(saved.phones.map((phone) => [phone.label, phone.isPrimary])).toEqual([
      ['mobile', false],
      ['whatsapp', true],
    ]);
    await context.close();
  });

  it('is merged by a supervisor: the duplicate is found, both are shown side by side, and its unit and order move', async () => {
    const survivor = await createCaller('Bapak Teguh Prasetyo', 1);
    const duplicate = await createCaller('Teguh P. (dobel)', 1);
    await api('POST', '/api/v1/work-orders', {
      customerId: duplicate.id,
      customerProductId: duplicate.units[0]?.id,
      complaint: 'Mesin cuci tidak berputar',
      serviceType: 'home_visit',
    });
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'customer-merge');
    await pickCaller(page, survivor, '30001');

    await page.getByRole('button', { name: 'Gabungkan pelanggan' }).click();
    const dialog = page.getByRole('dialog', { name: `Gabungkan pelanggan ganda ke ${survivor.name}` });
    await dialog.getByRole('textbox', { name: 'Cari pelanggan ganda' }).fill(duplicate.phone);
    await dialog.getByRole('button', { name: `Pilih ${duplicate.name}` }).click();
    const staying = dialog.getByRole('region', { name: `Tetap dipakai: ${survivor.name}` });
    const merged = dialog.getByRole('region', { name: `Digabungkan: ${duplicate.name}` });
    await merged.waitFor();
    expect(await staying.textContent()).toContain('Order kerja: 0');
    expect(await merged.textContent()).toContain('Unit: 1');
    expect(await merged.textContent()).toContain('Order kerja: 1');
    expect(await dialog.getByRole('list', { name: 'Nomor setelah digabung' }).getByRole('listitem').count()).toBe(2);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'customer-merge-confirm');

    await dialog.getByRole('button', { name: `Gabungkan ke ${survivor.name}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${duplicate.name} digabung ke pelanggan ini` })
      .waitFor();
    await page.getByRole('radio', { name: new RegExp(duplicate.units[0]?.serialNumber ?? '-') }).waitFor();
    const orders = await api<{ items: { customer: { id: string } }[] }>(
      'GET',
      `/api/v1/work-orders?customerId=${survivor.id}`,
    );
    expect(orders.items).toHaveLength(1);
    const gone = await fetch(`${journey.server.baseUrl}/api/v1/customers/${duplicate.id}`, {
      headers: { authorization: `Bearer ${agent}` },
    });
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { mergedIntoId?: string }).mergedIntoId).toBe(survivor.id);
    await context.close();
  });

  it('takes over a unit registered for its old owner when the agent moves it to the caller', async () => {
    const owner = await createCaller('Ibu Maria Ulfa', 1);
    const caller = await createCaller('Mas Fajar Nugroho', 0);
    const serial = owner.units[0]?.serialNumber ?? '-';
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'customer-transfer');
    await pickCaller(page, caller);

    await page.getByRole('button', { name: 'Tambah produk' }).click();
    await page.getByRole('combobox', { name: 'Model' }).fill(modelCode);
    await page.getByRole('option', { name: new RegExp(modelCode) }).click();
    await page.getByRole('textbox', { name: 'Nomor seri' }).fill(serial);
    await page.getByText(`milik ${owner.name}`).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'customer-transfer-offer');

    await page.getByRole('button', { name: 'Pindahkan unit ke pelanggan ini' }).click();
    const unit = page.getByRole('radio', { name: new RegExp(serial) });
    await unit.waitFor();
    expect(await unit.isChecked()).toBe(true);
    const now = await api<Customer>('GET', `/api/v1/customers/${caller.id}`);
    expect(now.products[0]?.ownershipHistory).toMatchObject([{ kind: 'transfer', from: { name: owner.name } }]);
    expect((await api<Customer>('GET', `/api/v1/customers/${owner.id}`)).products).toEqual([]);
    await context.close();
  });
});
