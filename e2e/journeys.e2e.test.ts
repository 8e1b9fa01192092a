import { describe, expect, it } from 'vitest';
import { apiSignIn, desktopContext, mobileContext, screenshotOnFailure, setUpJourneys, signIn } from './fixtures';
import { createAssignedWorkOrder, sign, signInOnPhone } from './technician-data';

const journey = setUpJourneys();

describe('journeys across the phone and the office', () => {
  it('a part asked for on the phone is issued in the console, arrives in the bag live, goes into the repair, and the ledger shows its path', async () => {
    const created = await createAssignedWorkOrder(journey.server.baseUrl, {
      technicianNo: '50001',
      customerName: 'Yusuf Maulana',
      accept: true,
    });
    const part = 'Kapasitor kompresor 35µF 450V';

    const phoneContext = await mobileContext(journey.browser, journey.server.baseUrl);
    const phone = await phoneContext.newPage();
    screenshotOnFailure(phone, 'journey-parts-phone');
    await signInOnPhone(phone, '50001');
    await phone.goto('/m/parts');
    const inBag = phone.getByLabel(`Jumlah ${part}`);
    await phone.getByRole('region', { name: 'Batas bawaan' }).waitFor();
    const before = (await inBag.count()) > 0 ? Number(await inBag.textContent()) : 0;

    const officeContext = await desktopContext(journey.browser, journey.server.baseUrl);
    const clerk = await officeContext.newPage();
    screenshotOnFailure(clerk, 'journey-parts-console');
    await signIn(clerk, '40001');
    await clerk.getByRole('heading', { name: 'Permintaan suku cadang' }).waitFor();
    await clerk.getByText('Langsung').waitFor();

    await phone.getByRole('link', { name: 'Minta suku cadang' }).click();
    await phone.getByRole('combobox', { name: 'Untuk order kerja' }).click();
    await phone.getByRole('option', { name: new RegExp(created.number) }).click();
    await phone.getByLabel('Cari nama atau nomor part').fill('kapasitor kompresor 35');
    await phone.getByRole('button', { name: `Tambah ${part}` }).click();
    await phone.getByRole('button', { name: 'Kirim permintaan' }).click();

    // The clerk's queue shows it without a reload; approve, then issue.
    const card = clerk.getByRole('article').filter({ hasText: created.number });
    await card.waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Setujui' }).click();
    await card.getByRole('button', { name: 'Keluarkan' }).click();
    await card.waitFor({ state: 'detached' });

    // The phone was not reloaded: the bag follows the event stream.
    await phone.getByText('Tas saya', { exact: true }).click();
    await expect.poll(async () => Number((await inBag.textContent()) ?? 0), { timeout: 15_000 }).toBe(before + 1);

    await phone.goto(`/m/work-orders/${created.id}`);
    await phone.getByRole('button', { name: 'Mulai perbaikan' }).click();
    await phone.getByRole('link', { name: 'Selesaikan perbaikan' }).click();
    await phone.getByRole('button', { name: `Pakai ${part}` }).click();
    await phone.getByLabel('Diagnosis').fill('Kapasitor kompresor lemah');
    await phone.getByLabel('Tindakan').fill('Ganti kapasitor kompresor');
    await sign(phone);
    await phone.getByRole('button', { name: 'Selesaikan perbaikan' }).click();
    await phone.getByRole('heading', { name: 'Suku cadang terpakai' }).waitFor();

    // The ledger, filtered by the work order: warehouse → bag → the customer's appliance.
    await clerk.getByRole('link', { name: 'Buku stok' }).click();
    await clerk.getByLabel('Nomor order kerja').fill(created.number);
    const rows = clerk.getByTestId('ledger-row');
    await expect.poll(async () => (await rows.allTextContents()).length, { timeout: 15_000 }).toBe(2);
    const path = (await rows.allTextContents()).join('\n');
    expect(path).toContain('Gudang Cabang Jakarta → Tas Agus Setiawan');
    expect(path).toContain('Dikeluarkan ke teknisi');
    expect(path).toContain('Dipakai di perbaikan');
    await officeContext.close();
    await phoneContext.close();
  });

  it('a visit finished on the phone with charges, approval and cash is closed in the console, and the customer tracks it and rates it', async () => {
    const created = await createAssignedWorkOrder(journey.server.baseUrl, {
      technicianNo: '50001',
      customerName: 'Maya Anggraini',
      accept: true,
    });
    const agent = await apiSignIn(journey.server.baseUrl, '20001');
    const { body } = await journey.api<{ trackingUrl: string }>(`/api/v1/work-orders/${created.id}`, agent);

    // The customer keeps the tracking link open on their own phone, no sign-in.
    const customerContext = await mobileContext(journey.browser, journey.server.baseUrl);
    const tracking = await customerContext.newPage();
    screenshotOnFailure(tracking, 'journey-visit-tracking');
    await tracking.goto(body.trackingUrl);
    await tracking.getByRole('heading', { name: created.number }).waitFor();
    await tracking.getByText('Agus').first().waitFor();
    expect(await tracking.content()).not.toContain(created.customerName);

    const phoneContext = await mobileContext(journey.browser, journey.server.baseUrl);
    const phone = await phoneContext.newPage();
    screenshotOnFailure(phone, 'journey-visit-phone');
    await signInOnPhone(phone, '50001');
    await phone.goto(`/m/work-orders/${created.id}`);
    await phone.getByRole('button', { name: 'Mulai perbaikan' }).click();
    await phone.getByRole('link', { name: 'Selesaikan perbaikan' }).click();
    await phone.getByLabel('Diagnosis').fill('Filter indoor tersumbat, drainase mampet');
    await phone.getByLabel('Tindakan').fill('Cuci filter dan evaporator, bersihkan saluran drainase');
    await sign(phone);
    await phone.getByRole('button', { name: 'Selesaikan perbaikan' }).click();
    await phone.getByRole('link', { name: 'Biaya & pembayaran' }).click();
    await phone.getByRole('button', { name: 'Simpan biaya' }).click();
    await phone.getByRole('region', { name: 'Rincian biaya' }).getByText('Jasa', { exact: false }).first().waitFor();
    await phone.getByLabel('Nama yang menyetujui').fill('Maya Anggraini');
    await sign(phone, 'Tanda tangan persetujuan biaya');
    await phone.getByRole('button', { name: /^Setujui Rp/ }).click();
    await phone.getByText(/^Disetujui Maya Anggraini: Rp/).waitFor();
    await phone.getByRole('button', { name: 'Catat pembayaran' }).click();
    await phone.getByText('Lunas.').waitFor();

    // The office sees it paid and closes it.
    const officeContext = await desktopContext(journey.browser, journey.server.baseUrl);
    const office = await officeContext.newPage();
    screenshotOnFailure(office, 'journey-visit-console');
    await signIn(office, '30001');
    await office.getByRole('heading', { name: 'Papan order kerja' }).waitFor();
    await office.goto(`/work-orders/${created.id}`);
    const billing = office.getByRole('region', { name: 'Biaya & pembayaran' });
    await billing.getByText('Lunas', { exact: true }).waitFor();
    await office.getByRole('button', { name: 'Tutup order', pressed: false }).click();
    await office.getByRole('group', { name: 'Tutup order' }).getByRole('button', { name: 'Tutup order' }).click();
    await office.getByText('Ditutup', { exact: true }).first().waitFor();

    // The customer's page follows by itself, then takes one rating.
    await tracking.getByRole('status').filter({ hasText: 'Selesai' }).waitFor({ timeout: 40_000 });
    await tracking.getByText('5', { exact: true }).click();
    await tracking.getByLabel('Komentar (boleh dikosongkan)').fill('Teknisi datang tepat waktu dan rapi');
    await tracking.getByRole('button', { name: 'Kirim penilaian' }).click();
    await tracking
      .getByText(/^Terima kasih/)
      .first()
      .waitFor();
    const detail = await journey.api<{ survey: { rating: number; comment: string } | null }>(
      `/api/v1/work-orders/${created.id}`,
      agent,
    );
    expect(detail.body.survey).toMatchObject({ rating: 5, comment: 'Teknisi datang tepat waktu dan rapi' });
    await officeContext.close();
    await phoneContext.close();
    await customerContext.close();
  });
});
