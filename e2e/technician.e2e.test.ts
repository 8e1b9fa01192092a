import { describe, expect, it } from 'vitest';
import {
  apiSignIn,
  desktopContext,
  initialJavaScriptBytes,
  mobileContext,
  screenshot,
  screenshotOnFailure,
  seriousAccessibilityViolations,
  setUpJourneys,
  signIn,
} from './fixtures';
import { completeRepair, createAssignedWorkOrder, sign, signInOnPhone } from './technician-data';

const journey = setUpJourneys();

interface Detail {
  status: string;
  appointmentStart: string | null;
  report: { diagnosis: string; result: string } | null;
  attachments: { kind: string; width: number; height: number; contentType: string }[];
  history: { action: string }[];
  billing: {
    customerPays: number;
    balance: number;
    paid: number;
    approval: { isCurrent: boolean } | null;
    payments: { method: string; amount: number }[];
  };
}

/** Tomorrow on a Jakarta calendar, as the date input takes it and as the schedule names it. */
/**
 * The day after tomorrow on a Jakarta calendar: later than any appointment the demo seed
 * books (at most 32 hours ahead), so the technician's hours there are free.
 */
function inTwoDaysInJakarta() {
  const date = new Date(Date.now() + (7 + 48) * 3_600_000);
  const day = date.toISOString().slice(0, 10);
  const at = new Date(`${day}T00:00:00.000Z`);
  const name = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('id-ID', { ...options, timeZone: 'UTC' }).format(at);
  return {
    day,
    heading: name({ weekday: 'long', day: 'numeric', month: 'short', year: 'numeric' }),
    window: new RegExp(
      `${name({ day: 'numeric' })} ${name({ month: 'short' })} ${name({ year: 'numeric' })},? 09\\.00\\s?–\\s?11\\.00 WIB`,
    ),
  };
}

describe('the technician app', () => {
  it('refuses a wrong password, then signs in and shows the menu, today and the notifications from the office', async () => {
    const context = await mobileContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'technician-sign-in');
    await page.goto('/m/');
    await page.getByLabel('NIK').waitFor();
    await screenshot(page, 'technician-login');
    await page.getByLabel('NIK').fill('50001');
    await page.getByLabel('Kata sandi').fill('bukan-sandinya');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('alert').filter({ hasText: 'NIK atau kata sandi salah.' }).waitFor();

    await page.getByLabel('Kata sandi').fill('servis-purnajual');
    await page.getByRole('button', { name: 'Masuk' }).click();
    const menu = page.getByRole('navigation', { name: 'Menu' });
    for (const tile of ['Order kerja', 'Jadwal', 'Janji temu', 'Suku cadang', 'Profil']) {
      await menu.getByRole('link', { name: tile }).waitFor();
    }
    await page.getByRole('heading', { name: 'Halo, Agus Setiawan' }).waitFor();
    await page.getByLabel('Hari ini').getByText('Selesai hari ini').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'technician-home');

    // The office sends a notification while the app is open: a toast, and the bell counts it.
    const bell = page.getByRole('link', { name: /^Notifikasi, \d+ belum dibaca$/ });
    const unreadBefore = Number(/(\d+) belum/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1]);
    const me = await journey.api<{ id: string }>('/api/v1/me', await apiSignIn(journey.server.baseUrl, '50001'));
    const agent = await apiSignIn(journey.server.baseUrl, '20001');
    const sent = await journey.api('/api/v1/notifications', agent, {
      title: 'Pelanggan minta datang pagi',
      body: 'Ibu Sari di Kemang minta kunjungan sebelum jam 10.',
      technicianIds: [me.body.id],
    });
    expect(sent.status).toBe(201);
    await page.getByRole('status').filter({ hasText: 'Pelanggan minta datang pagi' }).waitFor();
    await page.getByRole('link', { name: `Notifikasi, ${unreadBefore + 1} belum dibaca` }).waitFor();

    await page.getByRole('link', { name: /^Notifikasi,/ }).click();
    const item = page.getByRole('button', { name: 'Tandai dibaca: Pelanggan minta datang pagi' });
    await item.waitFor();
    await screenshot(page, 'technician-notifications');
    await item.click();
    await page.getByRole('link', { name: `Notifikasi, ${unreadBefore} belum dibaca` }).waitFor();
    await expect
      .poll(async () => {
        const fresh = await journey.api<{ items: { title: string; readAt: string | null }[] }>(
          '/api/v1/notifications',
          await apiSignIn(journey.server.baseUrl, '50001'),
        );
        return fresh.body.items.find((n) => n.title === 'Pelanggan minta datang pagi')?.readAt ?? null;
      })
      .not.toBeNull();

    await page.getByRole('link', { name: 'Profil' }).first().click();
    await page.getByText('Agus Setiawan').waitFor();
    await page.getByText('50001', { exact: true }).waitFor();
    await page.getByText(/Jakarta.*\(WIB\)/).waitFor();
    await page.getByText(/Tebet, Setiabudi/).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'technician-profile');
    await context.close();
  });

  it('takes a work order from assignment through appointment, timed repair, photo and signature to completed', async () => {
    const created = await createAssignedWorkOrder(journey.server.baseUrl, {
      technicianNo: '50001',
      customerName: 'Sari Wulandari',
    });
    const technician = await apiSignIn(journey.server.baseUrl, '50001');
    const context = await mobileContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'technician-repair');
    await signInOnPhone(page, '50001');

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Order kerja' }).click();
    const card = page.getByRole('link').filter({ hasText: created.customerName });
    await card.waitFor();
    await screenshot(page, 'technician-work-orders');
    await card.click();
    await page.getByRole('heading', { name: created.customerName }).waitFor();
    for (const text of [created.number, created.serialNumber, created.modelName, 'Ditugaskan', 'AC tidak dingin']) {
      await page.getByText(text, { exact: false }).first().waitFor();
    }
    expect(await page.getByRole('link', { name: 'Telepon' }).getAttribute('href')).toMatch(/^tel:\+62813/);
    expect(await page.getByRole('link', { name: 'WhatsApp' }).getAttribute('href')).toMatch(/^https:\/\/wa\.me\/62813/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'technician-work-order-detail');

    await page.getByRole('button', { name: 'Terima' }).click();
    await page.getByRole('link', { name: 'Atur janji temu' }).click();
    const visitDay = inTwoDaysInJakarta();
    await page.getByLabel('Tanggal').fill(visitDay.day);
    await page.getByLabel('Dari jam').fill('09:00');
    await page.getByLabel('Sampai jam').fill('11:00');
    await screenshot(page, 'technician-set-appointment');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText(visitDay.window).first().waitFor();
    await expect
      .poll(
        async () => (await journey.api<Detail>(`/api/v1/work-orders/${created.id}`, technician)).body.appointmentStart,
      )
      .toBe(`${visitDay.day}T02:00:00.000Z`);

    // The new appointment shows in the schedule's week and on the appointments list.
    await page.goto('/m/appointments');
    await page.getByRole('region', { name: 'Akan datang' }).getByText(created.customerName).waitFor();
    await screenshot(page, 'technician-appointments');
    await page.goto('/m/schedule');
    await page.getByRole('button', { name: 'Berikutnya' }).click();
    await page.getByRole('button', { name: 'Berikutnya' }).click();
    await page.getByRole('region', { name: visitDay.heading }).getByText(created.customerName).waitFor();
    await screenshot(page, 'technician-schedule');

    // A second visit at the same hours is not saved: the phone names the first one.
    const second = await createAssignedWorkOrder(journey.server.baseUrl, {
      technicianNo: '50001',
      customerName: 'Dewi Kartika',
      accept: true,
    });
    await page.goto(`/m/work-orders/${second.id}`);
    await page.getByRole('link', { name: 'Atur janji temu' }).click();
    await page.getByLabel('Tanggal').fill(visitDay.day);
    await page.getByLabel('Dari jam').fill('10:00');
    await page.getByLabel('Sampai jam').fill('12:00');
    const conflict = page.getByRole('alert').filter({ hasText: 'Bentrok dengan 1 janji temu lain' });
    await conflict.getByText(created.customerName, { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Simpan' }).isDisabled()).toBe(true);
    await screenshot(page, 'technician-appointment-conflict');

    await page.goto(`/m/work-orders/${created.id}`);
    await page.getByRole('button', { name: 'Mulai perbaikan' }).click();
    const timer = page.getByRole('timer');
    await timer.waitFor();
    const first = await timer.textContent();
    await expect.poll(() => timer.textContent(), { timeout: 4000 }).not.toBe(first);

    // The timer survives the app being closed and opened again.
    await page.reload();
    await page.getByRole('timer').waitFor();
    expect(await page.getByRole('timer').textContent()).not.toBe('00:00:00');

    await completeRepair(page);
    await page.getByText('Selesai', { exact: true }).first().waitFor();
    await expect
      .poll(async () => (await journey.api<Detail>(`/api/v1/work-orders/${created.id}`, technician)).body.status)
      .toBe('completed');
    const detail = (await journey.api<Detail>(`/api/v1/work-orders/${created.id}`, technician)).body;
    expect(detail.report).toMatchObject({ diagnosis: 'Freon kurang, pipa kapiler bocor halus', result: 'fixed' });
    expect(detail.attachments).toEqual([
      expect.objectContaining({ kind: 'after', contentType: 'image/jpeg', width: 1600, height: 1200 }),
    ]);

    // The bill in front of the customer: charges from the price list, their signature, cash.
    await page.getByRole('link', { name: 'Biaya & pembayaran' }).click();
    await page.getByRole('button', { name: 'Simpan biaya' }).click();
    const charges = page.getByRole('region', { name: 'Rincian biaya' });
    await charges.getByText('Jasa', { exact: false }).first().waitFor();
    await page.getByLabel('Nama yang menyetujui').fill('Sari Wulandari');
    await sign(page, 'Tanda tangan persetujuan biaya');
    await page.getByRole('button', { name: /^Setujui Rp/ }).click();
    await page.getByText(/^Disetujui Sari Wulandari: Rp/).waitFor();
    await page.getByRole('button', { name: 'Catat pembayaran' }).click();
    await page.getByText('Lunas.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'technician-billing');
    const billed = (await journey.api<Detail>(`/api/v1/work-orders/${created.id}`, technician)).body.billing;
    expect(billed.customerPays).toBeGreaterThan(0);
    expect(billed).toMatchObject({ balance: 0, paid: billed.customerPays, approval: { isCurrent: true } });
    expect(billed.payments).toEqual([expect.objectContaining({ method: 'cash', amount: billed.customerPays })]);
    await context.close();
  });

  it('works with no network: starts, shows the work orders, queues a whole repair, and syncs it once', async () => {
    const created = await createAssignedWorkOrder(journey.server.baseUrl, {
      technicianNo: '50002',
      customerName: 'Rahmat Hidayat',
      accept: true,
    });
    const cancelledMeanwhile = await createAssignedWorkOrder(journey.server.baseUrl, {
      technicianNo: '50002',
      customerName: 'Wulan Sari',
      accept: true,
    });
    const technician = await apiSignIn(journey.server.baseUrl, '50002');

    // The office watches the board, live.
    const office = await desktopContext(journey.browser, journey.server.baseUrl);
    const board = await office.newPage();
    await signIn(board, '20001');
    await board.getByRole('row').filter({ hasText: created.number }).waitFor();

    const context = await mobileContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'technician-offline');
    await signInOnPhone(page, '50002');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    for (const workOrder of [cancelledMeanwhile, created]) {
      await page.goto(`/m/work-orders/${workOrder.id}`);
      // The history is part of the detail: once it shows, the whole work order is on the phone.
      await page.getByRole('heading', { name: 'Riwayat' }).waitFor();
    }

    await context.setOffline(true);
    // Offline, the technician sets off to one customer, whom the office cancels meanwhile.
    await page.goto(`/m/work-orders/${cancelledMeanwhile.id}`);
    await page.getByRole('button', { name: 'Berangkat' }).click();
    const agent = await apiSignIn(journey.server.baseUrl, '20001');
    const cancel = await journey.api(`/api/v1/work-orders/${cancelledMeanwhile.id}/transitions`, agent, {
      action: 'cancel',
      reason: 'Pelanggan membatalkan lewat telepon',
    });
    expect(cancel.status).toBe(200);

    await page.goto('/m/work-orders');
    await page.getByRole('link').filter({ hasText: created.customerName }).click();
    await page.getByRole('heading', { name: created.customerName }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Offline' }).waitFor();
    await page.getByRole('button', { name: 'Mulai perbaikan' }).click();
    await page.getByRole('timer').waitFor();
    await completeRepair(page);
    await page.getByRole('link', { name: 'Menunggu sinkron: 4', exact: true }).waitFor();
    await screenshot(page, 'technician-offline-queue');
    expect((await journey.api<Detail>(`/api/v1/work-orders/${created.id}`, technician)).body.status).toBe('accepted');

    await context.setOffline(false);
    await page.getByRole('link', { name: /Menunggu sinkron/ }).waitFor({ state: 'detached', timeout: 30_000 });
    const detail = (await journey.api<Detail>(`/api/v1/work-orders/${created.id}`, technician)).body;
    expect(detail.status).toBe('completed');
    expect(detail.attachments).toHaveLength(1);
    expect(detail.history.filter((entry) => entry.action === 'start')).toHaveLength(1);
    expect(detail.history.filter((entry) => entry.action === 'complete')).toHaveLength(1);
    await board.getByRole('row').filter({ hasText: created.number }).filter({ hasText: 'Selesai' }).waitFor();

    // The refused departure is not dropped: the technician reads what happened and why.
    await page.getByRole('link', { name: 'Ditolak: 1', exact: true }).click();
    await page.getByText('Order ini sudah berubah di kantor: sekarang Dibatalkan.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'technician-sync');
    await page.goto(`/m/work-orders/${cancelledMeanwhile.id}`);
    const refusal = page.getByRole('alert').filter({ hasText: 'Server menolak: Berangkat' });
    await refusal.waitFor();
    await refusal.getByRole('button', { name: 'Mengerti' }).click();
    await page.getByRole('link', { name: 'Ditolak: 1', exact: true }).waitFor({ state: 'detached' });
    await office.close();
    await context.close();
  });

  it('shows the bag and limits, requests a part that arrives live, uses it in a repair, and returns one', async () => {
    const created = await createAssignedWorkOrder(journey.server.baseUrl, {
      technicianNo: '50001',
      customerName: 'Dedi Kurniawan',
      accept: true,
    });
    const warehouse = await apiSignIn(journey.server.baseUrl, '40001');
    const context = await mobileContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'technician-parts');
    await signInOnPhone(page, '50001');
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Suku cadang' }).click();
    await page
      .getByRole('region', { name: 'Batas bawaan' })
      .getByText(/Jumlah barang: \d+/)
      .waitFor();
    // The demo bag holds parts, each with its price.
    await page.getByRole('region', { name: 'Tas saya' }).getByText(/Rp/).first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'technician-parts-bag');

    const part = 'Kapasitor kompresor 35µF 450V';
    const inBag = page.getByLabel(`Jumlah ${part}`);
    const before = (await inBag.count()) > 0 ? Number(await inBag.textContent()) : 0;

    await page.getByRole('link', { name: 'Minta suku cadang' }).click();
    await page.getByRole('combobox', { name: 'Untuk order kerja' }).click();
    await page.getByRole('option', { name: new RegExp(created.number) }).click();
    await page.getByLabel('Cari nama atau nomor part').fill('kapasitor kompresor 35');
    await page.getByRole('button', { name: `Tambah ${part}` }).click();
    await page.getByRole('textbox', { name: `Jumlah ${part}` }).fill('2');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'technician-parts-request');
    await page.getByRole('button', { name: 'Kirim permintaan' }).click();
    const requests = page.getByRole('region', { name: 'Permintaan' });
    await requests.getByText(`2 × ${part}`).first().waitFor();
    await requests.getByText('Diminta').first().waitFor();

    // The warehouse approves and issues it; the phone shows it without reloading.
    const queue = await journey.api<{ items: { id: string; workOrder: { id: string } | null }[] }>(
      '/api/v1/part-requests?status=requested',
      warehouse,
    );
    const request = queue.body.items.find((item) => item.workOrder?.id === created.id);
    if (!request) throw new Error('the request did not reach the warehouse');
    for (const action of ['approve', 'issue']) {
      const moved = await journey.api(`/api/v1/part-requests/${request.id}/transitions`, warehouse, { action });
      expect(moved.status).toBe(200);
    }
    await requests.getByText('Diserahkan').first().waitFor();
    await screenshot(page, 'technician-parts-requests');
    await page.getByText('Tas saya', { exact: true }).click();
    await expect.poll(async () => Number(await inBag.textContent())).toBe(before + 2);

    // One of them goes into the repair.
    await page.goto(`/m/work-orders/${created.id}`);
    await page.getByRole('button', { name: 'Mulai perbaikan' }).click();
    await page.getByRole('link', { name: 'Selesaikan perbaikan' }).click();
    await page.getByRole('button', { name: `Pakai ${part}` }).click();
    await page.getByLabel('Diagnosis').fill('Kapasitor kompresor lemah, kompresor tidak mau start');
    await page.getByLabel('Tindakan').fill('Ganti kapasitor kompresor 35µF');
    await sign(page);
    await page.getByRole('button', { name: 'Selesaikan perbaikan' }).click();
    await page.getByRole('heading', { name: 'Suku cadang terpakai' }).waitFor();
    await expect
      .poll(async () => {
        const ledger = await journey.api<{ items: { reason: string; quantity: number }[] }>(
          `/api/v1/stock/ledger?workOrderId=${created.id}`,
          warehouse,
        );
        return ledger.body.items.map((entry) => `${entry.reason} ${entry.quantity}`).sort();
      })
      .toEqual(['issue 2', 'use 1']);

    // A rental return of an unused part.
    await page.goto('/m/parts');
    await page.getByRole('link', { name: 'Kembalikan suku cadang' }).click();
    await page
      .getByRole('region', { name: 'Tas saya' })
      .getByRole('button', { name: /^Tambah / })
      .first()
      .click();
    await screenshot(page, 'technician-parts-return');
    await page.getByRole('button', { name: 'Kirim pengembalian' }).click();
    await page.getByRole('region', { name: 'Pengembalian' }).getByText('Dikirim').first().waitFor();
    const technician = await apiSignIn(journey.server.baseUrl, '50001');
    const returns = await journey.api<{ items: { status: string }[] }>('/api/v1/part-returns', technician);
    expect(returns.body.items[0]?.status).toBe('submitted');
    await context.close();
  });

  it('fits its first download in 145 KB and starts from the service worker without a network', async () => {
    // Paint times are benchmark figures (npm run budget); bytes are a test.
    const initialKb = initialJavaScriptBytes('technician', '/m/') / 1024;
    expect(initialKb).toBeLessThanOrEqual(145);

    const context = await mobileContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await page.goto('/m/login');
    await page.getByLabel('NIK').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    await context.setOffline(true);
    await page.reload();
    await page.getByLabel('NIK').waitFor();
    await context.close();
  });
});
