import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiSignIn,
  desktopContext,
  mobileContext,
  screenshot,
  screenshotOnFailure,
  setUpJourneys,
  signIn,
} from './fixtures';
import { call, createAssignedWorkOrder, signInOnPhone, solidPng } from './technician-data';

/*
 * Indonesian formats as a user test found them missing (issue #17, findings 7 and 8): phone
 * numbers grouped, days as `20 Nov 2026`, times with their zone, a CSV that Excel set to
 * Indonesian opens in columns, the tracking page after the visit, and a 360 px screen that
 * cuts neither a name nor an amount.
 */

const journey = setUpJourneys();

const dayMs = 86_400_000;
/** A calendar day as a branch in that zone counts it (`2026-11-20`), `days` from today. */
const dayIn = (offsetHours: number, days = 0) =>
  new Date(Date.now() + offsetHours * 3_600_000 + days * dayMs).toISOString().slice(0, 10);
/** `d MMM yyyy` as an Indonesian reads a calendar day. */
const indonesianDay = (day: string) =>
  new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00.000Z`),
  );
/** Eight digits no other test's customer has: the subscriber part of a Telkomsel number. */
const subscriberDigits = () => String(Date.now()).slice(-8);

const signaturePng = `data:image/png;base64,${solidPng(240, 80, [250, 250, 250]).toString('base64')}`;

/** Whether an element shows its whole text: nothing scrolled away behind an ellipsis. */
const isWhole = (locator: Locator) =>
  locator.evaluate(
    (element) => element.scrollWidth <= element.clientWidth && element.scrollHeight <= element.clientHeight,
  );

/** How many lines an element's text takes on screen. */
const linesOf = (locator: Locator) =>
  locator.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.bottom))).size;
  });

async function downloadedBytes(page: Page, button: Locator) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return readFileSync(await download.path());
}

describe('Indonesian formats', () => {
  it('shows the caller phone grouped and the warranty end as a date at intake, on the board and the detail', async () => {
    const { baseUrl } = journey.server;
    const agent = await apiSignIn(baseUrl, '20001');
    const digits = subscriberDigits();
    const name = `Ibu Maya Puspitasari ${digits.slice(-3)}`;
    const customer = await call<{ id: string }>(baseUrl, agent, 'POST', '/api/v1/customers', {
      name,
      phone: `0813${digits}`,
      address: 'Jl. Melawai Raya No. 7, Kebayoran Baru',
      areaCode: '31.74.07',
    });
    const models = await call<{ items: { code: string }[] }>(baseUrl, agent, 'GET', '/api/v1/product-models');
    const product = await call<{ id: string; warrantyUntil: string | null }>(
      baseUrl,
      agent,
      'POST',
      `/api/v1/customers/${customer.id}/products`,
      { modelCode: models.items[0]?.code, serialNumber: `SN-F${digits}`, purchaseDate: dayIn(7, -10) },
    );
    if (product.warrantyUntil === null) throw new Error('the product got no warranty end');
    const phone = `+62 813-${digits.slice(0, 4)}-${digits.slice(4)}`;
    const warrantyEnd = indonesianDay(product.warrantyUntil);
    expect(warrantyEnd).toMatch(/^\d{1,2} \p{L}{3,4} \d{4}$/u);

    const context = await desktopContext(journey.browser, baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'formats-intake');
    await signIn(page, '20001');
    await page.getByRole('heading', { name: 'Papan order kerja' }).waitFor();
    await page.goto('/intake');
    await page.getByLabel('Cari pelanggan').fill(`0813 ${digits}`);
    const found = page.getByRole('listitem').filter({ hasText: name });
    // Grouped in the result, and again in what it matched.
    await found.getByText(phone, { exact: false }).first().waitFor();
    await page.getByRole('button', { name: `Pilih ${name}` }).click();
    await page.getByText('Pelanggan terpilih').waitFor();
    await page.getByText(`${phone} (Ponsel, utama)`).waitFor();
    const radio = page.getByRole('radio', { name: `Garansi sampai ${warrantyEnd}` });
    await radio.waitFor();
    expect(await page.getByText(product.warrantyUntil, { exact: false }).count()).toBe(0);
    await screenshot(page, 'formats-console-intake');

    const order = await call<{ id: string }>(baseUrl, agent, 'POST', '/api/v1/work-orders', {
      customerId: customer.id,
      customerProductId: product.id,
      complaint: 'Mesin cuci tidak mau berputar',
      serviceType: 'home_visit',
    });
    await page.goto('/');
    const row = page.getByTestId('work-order-row').filter({ hasText: name });
    await row.getByText(phone, { exact: true }).waitFor();
    await page.goto(`/work-orders/${order.id}`);
    await page.getByText(phone, { exact: true }).waitFor();
    await page.getByText(`Garansi sampai: ${warrantyEnd}`).waitFor();
    await screenshot(page, 'formats-console-detail');
    await context.close();
  });

  it('writes the KPI CSV with ; and a byte order mark in Indonesian, with , in English', async () => {
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'formats-csv');
    await signIn(page, '30001');
    await page.getByRole('link', { name: 'Laporan' }).click();
    await page.getByTestId('kpi-received').getByTestId('kpi-value').waitFor();

    const indonesian = await downloadedBytes(page, page.getByRole('button', { name: 'Unduh angka (CSV)' }));
    expect([...indonesian.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, period] = indonesian.subarray(3).toString('utf8').split('\r\n');
    expect(header).toBe('Indikator;Nilai');
    expect(period).toMatch(/^Periode;1 \p{L}{3,4} \d{4} – \d{1,2} \p{L}{3,4} \d{4}$/u);

    await page.getByText('EN', { exact: true }).click();
    const english = await downloadedBytes(page, page.getByRole('button', { name: 'Download figures (CSV)' }));
    const lines = english
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]).toBe('Figure,Value');
    expect(lines[1]).toMatch(/^Period,1 \p{L}{3,4} \d{4} – \d{1,2} \p{L}{3,4} \d{4}$/u);
    await context.close();
  });

  it("on a 360 px phone in Makassar: the phone grouped, hours in WITA, whole names and amounts, and the tracking page after the visit says it's done", async () => {
    const { baseUrl } = journey.server;
    const customerName = 'Maya Anggraini Kusumawardhani Siregar';
    const created = await createAssignedWorkOrder(baseUrl, { technicianNo: '50008', customerName, accept: true });
    const technician = await apiSignIn(baseUrl, '50008');
    const agent = await apiSignIn(baseUrl, '20001');
    // The day after tomorrow from 09:00 to 11:00 on a Makassar clock (WITA, UTC+8): 01:00 to
    // 03:00 UTC, later than any appointment the demo seed books, so the technician is free.
    const visitDay = dayIn(8, 2);
    await call(baseUrl, technician, 'POST', `/api/v1/work-orders/${created.id}/transitions`, {
      action: 'schedule',
      appointmentStart: `${visitDay}T01:00:00.000Z`,
      appointmentEnd: `${visitDay}T03:00:00.000Z`,
    });
    const detail = await call<{ customer: { phone: string }; trackingUrl: string }>(
      baseUrl,
      agent,
      'GET',
      `/api/v1/work-orders/${created.id}`,
    );
    const e164 = detail.customer.phone;
    const phone = `+62 813-${e164.slice(6, 10)}-${e164.slice(10)}`;

    const context = await mobileContext(journey.browser, baseUrl);
    const page = await context.newPage();
    await page.setViewportSize({ width: 360, height: 780 });
    screenshotOnFailure(page, 'formats-phone');
    await signInOnPhone(page, '50008');

    await page.goto('/m/work-orders');
    const cardName = page
      .getByRole('link')
      .filter({ hasText: created.number })
      .getByText(customerName, { exact: true });
    await cardName.waitFor();
    expect(await isWhole(cardName)).toBe(true);
    await screenshot(page, 'formats-technician-work-orders');

    await page.goto(`/m/work-orders/${created.id}`);
    await page.getByText(phone, { exact: true }).waitFor();

    await page.goto('/m/schedule');
    await page.getByRole('button', { name: 'Berikutnya' }).click();
    await page.getByRole('button', { name: 'Berikutnya' }).click();
    const visit = page.getByRole('link').filter({ hasText: customerName });
    await visit.getByText('09.00–11.00 WITA', { exact: true }).waitFor();
    expect(await isWhole(visit.getByText(customerName, { exact: true }))).toBe(true);
    await screenshot(page, 'formats-technician-schedule');

    // The customer's tracking page before the visit: the appointment on a Makassar clock.
    const customer = await mobileContext(journey.browser, baseUrl);
    const tracking = await customer.newPage();
    await tracking.setViewportSize({ width: 360, height: 780 });
    await tracking.goto(detail.trackingUrl);
    await tracking.getByText('Jadwal kunjungan').waitFor();
    await expect.poll(() => tracking.locator('#visit').textContent()).toMatch(/09\.00 WITA – 11\.00 WITA$/);

    // The repair is done with a part from the bag, whose long name makes the widest bill line.
    const inventory = await call<{ items: { part: { id: string; name: string } }[] }>(
      baseUrl,
      technician,
      'GET',
      '/api/v1/me/inventory',
    );
    const part = inventory.items.map((item) => item.part).sort((a, b) => b.name.length - a.name.length)[0];
    if (!part) throw new Error("the Makassar technician's bag is empty");
    await call(baseUrl, technician, 'POST', `/api/v1/work-orders/${created.id}/transitions`, { action: 'depart' });
    await call(baseUrl, technician, 'POST', `/api/v1/work-orders/${created.id}/transitions`, { action: 'start' });
    const done = await call<{ billing: { version: number; priceList: { laborOptions: number[]; transport: number } } }>(
      baseUrl,
      technician,
      'POST',
      `/api/v1/work-orders/${created.id}/transitions`,
      {
        action: 'complete',
        diagnosis: 'Kapasitor motor lemah',
        actionTaken: 'Ganti kapasitor',
        result: 'fixed',
        signature: signaturePng,
        partsUsed: [{ partId: part.id, quantity: 1 }],
      },
    );
    const charges = await fetch(`${baseUrl}/api/v1/work-orders/${created.id}/charges`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${technician}`,
        'content-type': 'application/json',
        'if-match': String(done.billing.version),
      },
      body: JSON.stringify({
        labor: done.billing.priceList.laborOptions[0] ?? 0,
        transport: done.billing.priceList.transport,
        discount: 0,
      }),
    });
    expect(charges.status).toBe(200);

    await page.goto(`/m/work-orders/${created.id}`);
    await page.getByRole('link', { name: 'Biaya & pembayaran' }).click();
    const bill = page.getByRole('region', { name: 'Rincian biaya' });
    await bill.getByText(part.name, { exact: false }).waitFor();
    const amounts = bill.getByText(/^-?Rp\s[\d.]+$/);
    await expect.poll(() => amounts.count()).toBeGreaterThan(3);
    for (const amount of await amounts.all()) {
      expect(await linesOf(amount), (await amount.textContent()) ?? undefined).toBe(1);
      expect(await isWhole(amount)).toBe(true);
    }
    await screenshot(page, 'formats-technician-billing');

    // After the visit the tracking page says it is done, and when, instead of the appointment.
    await tracking.reload();
    await tracking.getByRole('status').filter({ hasText: 'Selesai dikerjakan' }).waitFor();
    await expect.poll(() => tracking.locator('#visit-label').textContent()).toBe('Selesai pada');
    expect(await tracking.locator('#visit').textContent()).toMatch(/\d{2}\.\d{2} WITA$/);
    expect(await tracking.getByText('Jadwal kunjungan').count()).toBe(0);
    await screenshot(tracking, 'formats-tracking-done');
    await customer.close();
    await context.close();
  });
});
