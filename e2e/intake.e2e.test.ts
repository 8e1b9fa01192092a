import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiSignIn,
  desktopContext,
  pickKebayoranBaru,
  screenshot,
  screenshotOnFailure,
  seriousAccessibilityViolations,
  setUpJourneys,
  signIn,
} from './fixtures';
import { call } from './technician-data';

const journey = setUpJourneys();

interface Model {
  code: string;
  brand: string;
  name: string;
  warrantyMonths: number;
}
interface Unit {
  id: string;
  serialNumber: string;
}
interface Caller {
  id: string;
  name: string;
  phone: string;
  units: Unit[];
}
interface WorkOrder {
  id: string;
  number: string;
  warrantyStatus: string;
  product: { id: string; serialNumber: string } | null;
}

let agent = '';
let district = '';
let model: Model;
let sequence = 0;
/** Digits no other test (nor the demo data) uses: phones and serials stay this test's own. */
function unique() {
  sequence += 1;
  return `${String(Date.now()).slice(-6)}${String(sequence).padStart(2, '0')}`;
}
const api = <T>(method: string, path: string, body?: unknown) =>
  call<T>(journey.server.baseUrl, agent, method, path, body);

/** A calendar day in Jakarta, `days` before today there: purchases are dated as the customer says them. */
const jakartaDaysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Jakarta' });

beforeAll(async () => {
  agent = await apiSignIn(journey.server.baseUrl, '20001');
  const districts = await api<{ items: { code: string }[] }>('GET', '/api/v1/areas?parent=31.74');
  district = districts.items[0]?.code ?? '';
  const models = await api<{ items: Model[] }>('GET', '/api/v1/product-models');
  const withWarranty = models.items.find((candidate) => candidate.warrantyMonths >= 12);
  if (!withWarranty || !district) throw new Error('the demo data has no district in 31.74 or no model with warranty');
  model = withWarranty;
});

/** A customer in Jakarta Selatan with `units` units of the model, bought a month ago. */
async function createCaller(name: string, units: number): Promise<Caller> {
  const digits = unique();
  const customer = await api<{ id: string }>('POST', '/api/v1/customers', {
    name,
    phone: `+62813${digits}`,
    address: 'Jl. Wijaya I No. 12, Kebayoran Baru',
    areaCode: district,
  });
  const created: Unit[] = [];
  for (let index = 0; index < units; index += 1) {
    created.push(
      await api<Unit>('POST', `/api/v1/customers/${customer.id}/products`, {
        modelCode: model.code,
        serialNumber: `IN${unique()}`,
        purchaseDate: jakartaDaysAgo(30),
      }),
    );
  }
  return { id: customer.id, name, phone: `0813${digits}`, units: created };
}

async function openIntake(page: Page) {
  await signIn(page, '20001');
  await page.getByRole('heading', { name: 'Papan order kerja' }).waitFor();
  await page.getByRole('link', { name: 'Order baru' }).click();
  await page.getByRole('heading', { name: 'Order kerja baru' }).waitFor();
}

async function pickCaller(page: Page, caller: Caller) {
  await page.getByRole('textbox', { name: 'Cari pelanggan' }).fill(caller.phone);
  await page.getByRole('button', { name: `Pilih ${caller.name}` }).click();
  await page.getByText('Pelanggan terpilih').waitFor();
}

/** What a screen reader reads after a field's name: its description and message. */
async function describedText(field: Locator) {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

const hasFocus = (field: Locator) => field.evaluate((element) => element === document.activeElement);

async function createdNumber(page: Page) {
  const card = page.getByRole('status').filter({ hasText: 'dibuat' });
  await card.waitFor();
  return /WO-\d{4}-\d{6}/.exec((await card.textContent()) ?? '')?.[0] ?? '';
}

const workOrderNumbered = async (number: string) =>
  (await api<{ items: WorkOrder[] }>('GET', `/api/v1/work-orders?q=${number}`)).items[0];

const openOrdersOf = async (caller: Caller) =>
  (await api<{ items: WorkOrder[] }>('GET', `/api/v1/work-orders?customerId=${caller.id}&open=true`)).items;

describe('intake: the agent takes a call', () => {
  it('on a repeat call about the one unit the customer owns, chooses it, and the order carries it and its warranty', async () => {
    const caller = await createCaller('Ibu Ratna Dewi', 1);
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'intake-one-unit');
    await openIntake(page);
    await pickCaller(page, caller);

    const unit = page.getByRole('radio', { name: new RegExp(caller.units[0]?.serialNumber ?? '-') });
    expect(await unit.isChecked()).toBe(true);
    const complaint = page.getByRole('textbox', { name: 'Keluhan' });
    await expect.poll(() => hasFocus(complaint)).toBe(true);
    await page.keyboard.type('AC yang sama masih menetes');
    await page.getByRole('button', { name: 'Buat order kerja' }).click();

    const saved = await workOrderNumbered(await createdNumber(page));
    expect(saved?.product?.serialNumber).toBe(caller.units[0]?.serialNumber);
    expect(saved?.warrantyStatus).toBe('in_warranty');
    await context.close();
  });

  it('for a customer with two units, makes the agent say which one, next to the choice', async () => {
    const caller = await createCaller('Bapak Yusuf Hamzah', 2);
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'intake-two-units');
    await openIntake(page);
    await pickCaller(page, caller);

    const units = page.getByRole('radiogroup', { name: 'Produk' });
    expect(await units.getByRole('radio', { checked: true }).count()).toBe(0);
    await expect.poll(() => hasFocus(units.getByRole('radio').first())).toBe(true);
    await page.getByRole('textbox', { name: 'Keluhan' }).fill('AC kamar tidak dingin');
    await page.getByRole('button', { name: 'Buat order kerja' }).click();
    await page.getByText('Pelanggan punya beberapa unit').waitFor();
    expect(await describedText(units)).toContain('pilih unit yang dikeluhkan');
    expect(await openOrdersOf(caller)).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'intake-choose-unit');

    const second = caller.units[1]?.serialNumber ?? '-';
    await units.getByRole('radio', { name: new RegExp(second) }).check();
    await page.getByRole('button', { name: 'Buat order kerja' }).click();
    const saved = await workOrderNumbered(await createdNumber(page));
    expect(saved?.product?.serialNumber).toBe(second);
    await context.close();
  });

  it('says a new unit’s serial number is already registered and offers that unit instead', async () => {
    const owner = await createCaller('Ibu Sri Handayani', 1);
    const caller = await createCaller('Mas Dimas Pratama', 0);
    const serial = owner.units[0]?.serialNumber ?? '-';
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'intake-serial');
    await openIntake(page);
    await pickCaller(page, caller);

    await page.getByRole('button', { name: 'Tambah produk' }).click();
    const modelField = page.getByRole('combobox', { name: 'Model' });
    await expect.poll(() => hasFocus(modelField)).toBe(true);
    await modelField.fill(model.code);
    await page.getByRole('option', { name: new RegExp(model.code) }).click();
    const serialField = page.getByRole('textbox', { name: 'Nomor seri' });
    await serialField.fill(serial.toLowerCase());
    await page.getByText('Nomor seri ini sudah terdaftar').waitFor();
    expect(await serialField.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(serialField)).toContain(`milik ${owner.name}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'intake-serial-registered');

    await page.getByRole('button', { name: 'Pakai unit yang terdaftar' }).click();
    await page.getByText(owner.name, { exact: true }).waitFor();
    expect(await page.getByRole('radio', { name: new RegExp(serial) }).isChecked()).toBe(true);
    await expect.poll(() => hasFocus(page.getByRole('textbox', { name: 'Keluhan' }))).toBe(true);
    await context.close();
  });

  it('asks before a second order while one is open: opening the existing one creates nothing, confirming says so on the card', async () => {
    const caller = await createCaller('Ibu Lestari Wulandari', 1);
    const existing = await api<WorkOrder>('POST', '/api/v1/work-orders', {
      customerId: caller.id,
      customerProductId: caller.units[0]?.id,
      complaint: 'AC tidak dingin sejak kemarin',
      serviceType: 'home_visit',
    });
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'intake-duplicate');
    await openIntake(page);
    await pickCaller(page, caller);
    await page.getByRole('textbox', { name: 'Keluhan' }).fill('AC masih tidak dingin');
    await page.getByRole('button', { name: 'Buat order kerja' }).click();

    const dialog = page.getByRole('dialog', { name: 'Pelanggan ini masih punya order terbuka' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('unit yang sama');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'intake-duplicate-dialog');
    await dialog.getByRole('link', { name: `Buka ${existing.number}` }).click();
    await page.getByRole('heading', { name: existing.number }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/work-orders/${existing.id}`);
    expect((await openOrdersOf(caller)).map((order) => order.id)).toEqual([existing.id]);

    await page.getByRole('link', { name: 'Order baru' }).click();
    await pickCaller(page, caller);
    await page.getByRole('textbox', { name: 'Keluhan' }).fill('Remote AC juga hilang');
    await page.getByRole('button', { name: 'Buat order kerja' }).click();
    await dialog.getByRole('button', { name: 'Tetap buat order baru' }).click();
    const number = await createdNumber(page);
    const heading = page.getByRole('heading', { level: 1, name: `Order ${number} dibuat` });
    await expect.poll(() => hasFocus(heading)).toBe(true);
    expect(await page.getByRole('status').filter({ hasText: 'dibuat' }).textContent()).toContain(
      `Dibuat walaupun pelanggan masih punya order terbuka: ${existing.number}`,
    );
    expect(await openOrdersOf(caller)).toHaveLength(2);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'intake-created-despite-duplicate');
    await context.close();
  });

  it('puts the agent in the new customer’s name, and says next to each field why it is refused', async () => {
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'intake-new-customer');
    await openIntake(page);
    const phone = `0813${unique()}`;
    await page.getByRole('textbox', { name: 'Cari pelanggan' }).fill(phone);
    await page.getByText('Tidak ada pelanggan yang cocok.').waitFor();
    await page.getByRole('button', { name: 'Pelanggan baru' }).focus();
    await page.keyboard.press('Enter');
    const name = page.getByRole('textbox', { name: 'Nama' });
    await expect.poll(() => hasFocus(name)).toBe(true);

    await page.keyboard.type('A');
    const email = page.getByRole('textbox', { name: 'Email' });
    await email.fill('bukan-email');
    await page.getByRole('textbox', { name: 'Alamat' }).fill('Jl. Senopati No. 45, Kebayoran Baru');
    await page.getByRole('button', { name: 'Simpan pelanggan' }).click();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(name)).toContain('minimal 2 karakter');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(email)).toContain('Alamat email tidak valid');
    expect(await describedText(page.getByRole('combobox', { name: 'Provinsi' }))).toContain('Wajib diisi');
    await expect.poll(() => hasFocus(name)).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'intake-new-customer-refused');

    await page.getByText('EN', { exact: true }).click();
    await page.getByText('Too short: at least 2 characters.').waitFor();
    await page.getByText('ID', { exact: true }).click();

    await name.fill('Ibu Wulan Sari');
    await email.fill('wulan@contoh.co.id');
    await pickKebayoranBaru(page);
    await page.getByRole('button', { name: 'Simpan pelanggan' }).click();
    await page.getByText('Pelanggan terpilih').waitFor();
    await expect.poll(() => hasFocus(page.getByRole('textbox', { name: 'Keluhan' }))).toBe(true);
    await context.close();
  });
});
