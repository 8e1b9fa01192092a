import { describe, expect, it } from 'vitest';
import {
  apiSignIn,
  desktopContext,
  screenshot,
  screenshotOnFailure,
  seriousAccessibilityViolations,
  setUpJourneys,
  signIn,
} from './fixtures';
import { createAssignedWorkOrder, solidPng } from './technician-data';

const journey = setUpJourneys();

/** The customer's signature as the phone sends it: a PNG data URL, here a blank pad. */
const signaturePng = `data:image/png;base64,${solidPng(240, 80, [250, 250, 250]).toString('base64')}`;

interface Billing {
  priceList: { laborOptions: number[]; transport: number };
  version: number;
  total: number;
  customerPays: number;
  balance: number;
}
interface Detail {
  status: string;
  version: number;
  billing: Billing;
  trackingUrl: string;
}

/** As the console writes rupiah: `Rp 150.000`, the space a non-breaking one. */
const rupiah = (amount: number) =>
  new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(amount);

/** As an amount field shows rupiah: its `Rp ` prefix has a plain space. */
const rupiahInField = (amount: number) => rupiah(amount).replace('\u00a0', ' ');

async function transition(id: string, token: string, body: Record<string, unknown>) {
  const answer = await journey.api<Detail>(`/api/v1/work-orders/${id}/transitions`, token, body);
  if (answer.status !== 200) throw new Error(`${String(body.action)}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/**
 * A repair the technician has finished and priced from the price list, out of warranty
 * (the product's warranty is unknown), so the customer owes the whole bill, which they
 * approved by signing on the technician's phone.
 */
async function completedUnpaidWorkOrder(customerName: string) {
  const { baseUrl } = journey.server;
  const created = await createAssignedWorkOrder(baseUrl, {
    technicianNo: '50001',
    customerName,
    accept: true,
  });
  const technician = await apiSignIn(baseUrl, '50001');
  await transition(created.id, technician, { action: 'start' });
  const done = await transition(created.id, technician, {
    action: 'complete',
    diagnosis: 'Freon kurang, pipa sambungan bocor halus',
    actionTaken: 'Las ulang sambungan dan isi freon',
    result: 'fixed',
    signature: signaturePng,
  });
  const { priceList, version } = done.billing;
  const labor = priceList.laborOptions[0];
  if (labor === undefined) throw new Error('the price list offers no labor for this work order');
  const response = await fetch(`${baseUrl}/api/v1/work-orders/${created.id}/charges`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${technician}`, 'content-type': 'application/json', 'if-match': String(version) },
    body: JSON.stringify({ labor, transport: priceList.transport, discount: 0 }),
  });
  if (!response.ok) throw new Error(`charges: ${response.status} ${await response.text()}`);
  const billing = (await response.json()) as Billing;
  expect(billing.balance).toBe(billing.customerPays);
  expect(billing.balance).toBeGreaterThan(0);
  const approval = await journey.api(`/api/v1/work-orders/${created.id}/approval`, technician, {
    signature: signaturePng,
    approvedTotal: billing.total,
    name: customerName,
  });
  expect(approval.status).toBe(201);
  return { ...created, balance: billing.balance, trackingUrl: done.trackingUrl };
}

/**
 * A repair with a part from the bag, signed and paid in full, which a supervisor reopened
 * (the part went back to the bag) and the technician finished again without it: the
 * customer has paid the part's price beyond the bill.
 */
async function overpaidWorkOrder(customerName: string) {
  const { baseUrl } = journey.server;
  const created = await createAssignedWorkOrder(baseUrl, { technicianNo: '50001', customerName, accept: true });
  const technician = await apiSignIn(baseUrl, '50001');
  const supervisor = await apiSignIn(baseUrl, '30001');
  const bag = await journey.api<{ items: { part: { id: string }; quantity: number }[] }>(
    '/api/v1/me/inventory',
    technician,
  );
  const part = bag.body.items.find((item) => item.quantity > 0)?.part;
  if (!part) throw new Error("technician 50001's bag is empty");
  const repair = {
    action: 'complete',
    diagnosis: 'Kapasitor kipas outdoor lemah',
    actionTaken: 'Ganti kapasitor',
    result: 'fixed',
    signature: signaturePng,
  };
  await transition(created.id, technician, { action: 'start' });
  const done = await transition(created.id, technician, { ...repair, partsUsed: [{ partId: part.id, quantity: 1 }] });
  const { priceList, version } = done.billing;
  const charged = await fetch(`${baseUrl}/api/v1/work-orders/${created.id}/charges`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${technician}`, 'content-type': 'application/json', 'if-match': String(version) },
    body: JSON.stringify({ labor: priceList.laborOptions[0], transport: priceList.transport, discount: 0 }),
  });
  const billing = (await charged.json()) as Billing;
  const approval = { signature: signaturePng, approvedTotal: billing.total, name: customerName };
  expect((await journey.api(`/api/v1/work-orders/${created.id}/approval`, technician, approval)).status).toBe(201);
  const payment = { method: 'cash', amount: billing.customerPays };
  expect((await journey.api(`/api/v1/work-orders/${created.id}/payments`, technician, payment)).status).toBe(201);
  await transition(created.id, supervisor, { action: 'reopen', reason: 'Unit mati lagi, cek ulang' });
  await transition(created.id, technician, { action: 'accept' });
  await transition(created.id, technician, { action: 'start' });
  const again = await transition(created.id, technician, repair);
  expect(again.billing.balance).toBeLessThan(0);
  return { ...created, overpaid: -again.billing.balance };
}

describe('billing in the console', () => {
  it('shows the unpaid bill, refuses to close it, records a cash payment of the balance, then closes', async () => {
    const order = await completedUnpaidWorkOrder('Hendra Gunawan');
    // The customer rates the service on the tracking page, without signing in.
    const token = order.trackingUrl.split('/').pop() ?? '';
    const survey = await fetch(`${journey.server.baseUrl}/api/v1/public/tracking/${token}/survey`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rating: 5, comment: 'Teknisi ramah dan cepat' }),
    });
    expect(survey.status).toBe(201);

    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'console-billing');
    await signIn(page, '30001');
    await page.getByRole('heading', { name: 'Papan order kerja' }).waitFor();
    await page.goto(`/work-orders/${order.id}`);
    await page.getByRole('heading', { name: order.number }).waitFor();

    const billing = page.getByRole('region', { name: 'Biaya & pembayaran' });
    const balanceRow = billing.getByRole('row', { name: /Sisa tagihan/ });
    await balanceRow.waitFor();
    expect(await balanceRow.textContent()).toContain(rupiah(order.balance));
    await billing.getByText('Belum lunas').waitFor();
    await billing.getByRole('cell', { name: 'Jasa servis' }).waitFor();
    await billing.getByText('Disetujui oleh: Hendra Gunawan').waitFor();
    await billing.getByRole('img', { name: 'Tanda tangan persetujuan Hendra Gunawan' }).waitFor();
    const contact = page.getByRole('region', { name: 'Pelanggan: pelacakan & pesan' });
    await contact.getByRole('link', { name: new RegExp(`/t/${token}$`) }).waitFor();
    await contact.getByRole('img', { name: 'Nilai 5 dari 5' }).waitFor();
    await contact.getByText('Teknisi ramah dan cepat').waitFor();
    const messages = contact.getByRole('list', { name: 'Pesan ke pelanggan' }).getByRole('listitem');
    await messages.first().waitFor();
    expect(await messages.count()).toBeGreaterThanOrEqual(2);
    await messages.filter({ hasText: 'Tautan pelacakan' }).first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await billing.scrollIntoViewIfNeeded();
    await screenshot(page, 'console-billing');

    // Closing while the customer owes money is refused, with the override offered to the supervisor.
    await page.getByRole('button', { name: 'Tutup order', pressed: false }).click();
    const closing = page.getByRole('group', { name: 'Tutup order' });
    await closing.getByText(`Sisa tagihan pelanggan: ${rupiah(order.balance)}.`).waitFor();
    await closing.getByRole('button', { name: 'Tutup order' }).click();
    const refusal = closing.getByRole('alert');
    await refusal.getByText('Order belum bisa ditutup: tagihan belum lunas').waitFor();
    expect(await refusal.textContent()).toContain(rupiah(order.balance));
    await closing.getByLabel('Alasan menutup tanpa pelunasan').waitFor();
    expect(await closing.getByRole('button', { name: 'Tutup tanpa pelunasan' }).isDisabled()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-billing-unpaid');

    // The customer pays the balance in cash: the amount is filled in already.
    await billing.getByRole('button', { name: 'Catat pembayaran' }).click();
    const payment = billing.getByRole('form', { name: 'Catat pembayaran' });
    expect(await payment.getByRole('combobox', { name: 'Metode pembayaran' }).inputValue()).toBe('Tunai');
    // The amount field writes its own prefix, with a plain space.
    expect(await payment.getByLabel('Jumlah bayar').inputValue()).toBe(rupiahInField(order.balance));
    await payment.getByRole('button', { name: 'Simpan' }).click();
    await billing
      .getByRole('status')
      .getByText(/^Pembayaran .* dicatat, kuitansi KW-\d{4}-\d{6}\.$/)
      .waitFor();
    await billing.getByText('Lunas', { exact: true }).waitFor();
    await expect.poll(async () => balanceRow.textContent()).toContain(rupiah(0));
    const paymentRow = billing.getByRole('table', { name: 'Pembayaran' }).getByRole('row').nth(1);
    const paid = (await paymentRow.textContent()) ?? '';
    expect(paid).toContain('Tunai');
    expect(paid).toContain(rupiah(order.balance));
    expect(paid).toContain('Bambang Suryadi');
    expect(paid).toMatch(/WIB/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await billing.evaluate((element) => element.scrollIntoView());
    await screenshot(page, 'console-billing-paid');

    // The signed service report opens from the panel, in Bahasa Indonesia or in English.
    for (const [name, language] of [
      ['Laporan servis (PDF)', ''],
      ['Versi bahasa Inggris', '?lang=en'],
    ] as const) {
      const href = await billing.getByRole('link', { name }).getAttribute('href');
      expect(href).toBe(`/api/v1/work-orders/${order.id}/report.pdf${language}`);
      const pdf = await page.request.get(href ?? '');
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
    }

    // Paid in full, the same close goes through without an override.
    await closing.getByRole('button', { name: 'Tutup order' }).click();
    await page.getByText('Ditutup', { exact: true }).first().waitFor();
    expect(
      (await journey.api<Detail>(`/api/v1/work-orders/${order.id}`, await apiSignIn(journey.server.baseUrl, '30001')))
        .body.status,
    ).toBe('closed');
    await context.close();
  });

  it('lets the office give a discount, after which the approval is marked outdated', async () => {
    const order = await completedUnpaidWorkOrder('Ratna Sari');
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'console-billing-charges');
    await signIn(page, '20001');
    await page.getByRole('heading', { name: 'Papan order kerja' }).waitFor();
    await page.goto(`/work-orders/${order.id}`);
    const billing = page.getByRole('region', { name: 'Biaya & pembayaran' });
    await billing.getByText('Disetujui oleh: Ratna Sari').waitFor();

    await billing.getByRole('button', { name: 'Ubah biaya' }).click();
    const charges = billing.getByRole('form', { name: 'Ubah biaya' });
    await charges.getByLabel('Diskon').fill('10000');
    await charges.getByRole('button', { name: 'Simpan' }).click();
    await charges.waitFor({ state: 'detached' });
    await billing.getByRole('cell', { name: 'Diskon' }).waitFor();
    await billing.getByText('Kedaluwarsa — biaya berubah setelah disetujui').waitFor();
    const balanceRow = billing.getByRole('row', { name: /Sisa tagihan/ });
    expect(await balanceRow.textContent()).not.toContain(rupiah(order.balance));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await billing.evaluate((element) => element.scrollIntoView());
    await screenshot(page, 'console-billing-outdated');
    await context.close();
  });

  it('shows a reopened paid bill as overpaid, refuses to close it, and closes once the refund is recorded', async () => {
    const order = await overpaidWorkOrder('Yusuf Maulana');
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'console-billing-overpaid');
    await signIn(page, '30001');
    await page.getByRole('heading', { name: 'Papan order kerja' }).waitFor();
    await page.goto(`/work-orders/${order.id}`);
    const billing = page.getByRole('region', { name: 'Biaya & pembayaran' });
    await billing.getByText('Kelebihan bayar', { exact: true }).first().waitFor();
    expect(await billing.getByRole('row', { name: /Kelebihan bayar/ }).textContent()).toContain(rupiah(order.overpaid));
    await billing
      .getByText(`Kelebihan bayar ${rupiah(order.overpaid)}, dicatat Bambang Suryadi`, { exact: false })
      .waitFor();
    await billing.getByText('Unit mati lagi, cek ulang', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Tutup order', pressed: false }).click();
    const closing = page.getByRole('group', { name: 'Tutup order' });
    await closing.getByRole('button', { name: 'Tutup order' }).click();
    await page.getByRole('alert').getByText('Order belum bisa ditutup: pelanggan kelebihan bayar').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-billing-overpaid');

    await billing.getByRole('button', { name: 'Catat pengembalian' }).click();
    const refund = billing.getByRole('form', { name: 'Catat pengembalian' });
    expect(await refund.getByLabel('Jumlah').inputValue()).toBe(rupiahInField(order.overpaid));
    await refund.getByLabel('Alasan').fill('Kapasitor tidak jadi diganti, uang dikembalikan tunai');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await billing.evaluate((element) => element.scrollIntoView());
    await screenshot(page, 'console-billing-refund-form');
    await refund.getByRole('button', { name: 'Simpan' }).click();
    await billing
      .getByRole('status')
      .getByText(/^Uang dikembalikan .* dicatat, nomor RF-\d{4}-\d{6}\.$/)
      .waitFor();
    const refundRow = billing.getByRole('table', { name: 'Pengembalian ke pelanggan' }).getByRole('row').nth(1);
    expect(await refundRow.textContent()).toContain('Kapasitor tidak jadi diganti');
    await billing.getByText('Lunas', { exact: true }).waitFor();
    await refundRow.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'console-billing-refunded');

    await closing.getByRole('button', { name: 'Tutup order' }).click();
    await page.getByText('Ditutup', { exact: true }).first().waitFor();
    await context.close();
  });

  it('revokes the tracking link: the new one is shown and the old one opens nothing', async () => {
    const order = await completedUnpaidWorkOrder('Lestari Wulandari');
    const oldToken = order.trackingUrl.split('/').pop() ?? '';
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'console-billing-tracking');
    await signIn(page, '20001');
    await page.getByRole('heading', { name: 'Papan order kerja' }).waitFor();
    await page.goto(`/work-orders/${order.id}`);
    const contact = page.getByRole('region', { name: 'Pelanggan: pelacakan & pesan' });
    await contact.getByRole('link', { name: new RegExp(`/t/${oldToken}$`) }).waitFor();

    await contact.getByRole('button', { name: 'Cabut & buat tautan baru' }).click();
    await contact.getByText('Tautan yang lama tidak akan bisa dibuka lagi', { exact: false }).waitFor();
    await contact.getByRole('button', { name: 'Cabut & buat tautan baru' }).click();
    await contact.getByRole('status').getByText('Tautan baru sudah dibuat', { exact: false }).waitFor();
    const link = contact.getByRole('link', { name: /\/t\// });
    await expect.poll(async () => link.textContent()).not.toContain(oldToken);
    const old = await fetch(`${journey.server.baseUrl}/api/v1/public/tracking/${oldToken}`);
    expect(old.status).toBe(404);
    const fresh = await fetch(
      `${journey.server.baseUrl}/api/v1/public/tracking/${(await link.textContent())?.split('/').pop()}`,
    );
    expect(fresh.status).toBe(200);
    await context.close();
  });
});
