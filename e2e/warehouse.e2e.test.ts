import type { Page } from 'playwright-core';
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

const journey = setUpJourneys();

interface Part {
  id: string;
  partNo: string;
  price: number;
}
interface StockItem {
  part: Part;
  quantity: number;
}
interface Location {
  id: string;
  kind: string;
}

async function partByNumber(token: string, partNo: string): Promise<Part> {
  const found = await journey.api<{ items: Part[] }>(`/api/v1/parts?q=${partNo}`, token);
  const part = found.body.items.find((p) => p.partNo === partNo);
  if (!part) throw new Error(`the demo catalog has no ${partNo}`);
  return part;
}

async function bagQuantity(technicianToken: string, partId: string) {
  const bag = await journey.api<{ items: { part: { id: string }; quantity: number }[] }>(
    '/api/v1/me/inventory',
    technicianToken,
  );
  return bag.body.items.find((item) => item.part.id === partId)?.quantity ?? 0;
}

async function jakartaWarehouseStock(warehouseToken: string) {
  const locations = await journey.api<{ items: Location[] }>('/api/v1/stock-locations', warehouseToken);
  const warehouse = locations.body.items.find((location) => location.kind === 'warehouse');
  if (!warehouse) throw new Error('the Jakarta warehouse clerk sees no warehouse');
  const stock = await journey.api<{ items: StockItem[] }>(
    `/api/v1/stock?locationId=${warehouse.id}&limit=200`,
    warehouseToken,
  );
  return stock.body.items;
}

/** The warehouse clerk of Jakarta, signed in through the form: they land on the request queue. */
async function openConsoleAsClerk(name: string) {
  const context = await desktopContext(journey.browser, journey.server.baseUrl);
  const page = await context.newPage();
  screenshotOnFailure(page, name);
  await signIn(page, '40001');
  await page.getByRole('heading', { name: 'Permintaan suku cadang' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/warehouse/requests');
  return { context, page };
}

const requestCard = (page: Page, note: string) => page.getByRole('article').filter({ hasText: note });

describe('warehouse screens of the console', () => {
  it('shows a new request live, approves and issues it into the bag, and the ledger records the move', async () => {
    const technician = await apiSignIn(journey.server.baseUrl, '50001');
    const part = await partByNumber(technician, 'AC-CAP-FAN-2UF');
    const inBagBefore = await bagQuantity(technician, part.id);
    const { context, page } = await openConsoleAsClerk('warehouse-requests');
    await page.getByRole('article').first().waitFor();
    // The stream is open before the technician asks, so the request can only arrive through it.
    await page.getByText('Langsung').waitFor();

    const note = 'Kapasitor kipas untuk servis besok pagi';
    const created = await journey.api('/api/v1/part-requests', technician, {
      lines: [{ partId: part.id, quantity: 2 }],
      note,
    });
    expect(created.status).toBe(201);
    const card = requestCard(page, note);
    await card.waitFor({ timeout: 10_000 });
    expect(await card.textContent()).toContain('Agus Setiawan');
    expect(await card.textContent()).toContain('AC-CAP-FAN-2UF');
    expect(await card.textContent()).toContain('Rp\u00a050.000');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-warehouse-requests');

    await card.getByRole('button', { name: 'Setujui' }).click();
    await page.getByRole('status').filter({ hasText: 'Permintaan Agus Setiawan disetujui' }).waitFor();
    await card.getByText('Disetujui oleh Slamet Riyadi').waitFor();
    await card.getByRole('button', { name: 'Keluarkan' }).click();
    await page.getByRole('status').filter({ hasText: 'Part untuk Agus Setiawan sudah dikeluarkan' }).waitFor();
    // Issued is no longer waiting for the warehouse: it leaves the queue, and shows under its status.
    await card.waitFor({ state: 'detached' });
    await page.getByRole('radiogroup', { name: 'Status' }).getByText('Dikeluarkan', { exact: true }).click();
    await requestCard(page, note).getByText('Dikeluarkan oleh Slamet Riyadi').waitFor();

    expect(await bagQuantity(technician, part.id)).toBe(inBagBefore + 2);

    await page.getByRole('link', { name: 'Buku stok' }).click();
    await page.getByRole('heading', { name: 'Buku stok' }).waitFor();
    const newest = page.getByTestId('ledger-row').first();
    await newest.filter({ hasText: 'AC-CAP-FAN-2UF' }).waitFor();
    const movement = (await newest.textContent()) ?? '';
    expect(movement).toContain('Gudang Cabang Jakarta → Tas Agus Setiawan');
    expect(movement).toContain('Dikeluarkan ke teknisi');
    expect(movement).toContain('Slamet Riyadi');
    expect(movement).toMatch(/WIB/);
    expect(await newest.locator('td').nth(3).textContent()).toBe('2');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-warehouse-ledger');
    await context.close();
  });

  it("names a new technician's bag in the ledger as soon as parts go into it", async () => {
    const { context, page } = await openConsoleAsClerk('warehouse-ledger-new-bag');
    const clerk = await apiSignIn(journey.server.baseUrl, '40001');
    await page.getByRole('link', { name: 'Buku stok' }).click();
    await page.getByRole('heading', { name: 'Buku stok' }).waitFor();
    await page.getByTestId('ledger-row').first().waitFor();

    // Hired after the clerk's screen listed the stock locations: the bag is new to it.
    const admin = await apiSignIn(journey.server.baseUrl, '10001');
    const me = await journey.api<{ branchId: string }>('/api/v1/me', clerk);
    const hired = await journey.api<{ id: string }>('/api/v1/users', admin, {
      employeeNo: '50990',
      name: 'Yohanes Kurniawan',
      role: 'technician',
      branchId: me.body.branchId,
      password: 'teknisi-baru-jakarta',
    });
    expect(hired.status).toBe(201);
    const yohanes = await apiSignIn(journey.server.baseUrl, '50990', 'teknisi-baru-jakarta');
    const part = await partByNumber(yohanes, 'AC-CAP-FAN-2UF');
    const request = await journey.api<{ id: string }>('/api/v1/part-requests', yohanes, {
      lines: [{ partId: part.id, quantity: 1 }],
    });
    expect(request.status).toBe(201);
    for (const action of ['approve', 'issue']) {
      const moved = await journey.api(`/api/v1/part-requests/${request.body.id}/transitions`, clerk, { action });
      expect(moved.status).toBe(200);
    }

    // Live: the issue reaches the open ledger through the stream, and its row names the bag.
    const newest = page.getByTestId('ledger-row').first();
    await expect.poll(() => newest.textContent()).toContain('Gudang Cabang Jakarta → Tas Yohanes Kurniawan');
    await context.close();
  });

  it('receives goods into the warehouse, lists low stock, and refuses to issue more than is there', async () => {
    const { context, page } = await openConsoleAsClerk('warehouse-stock');
    await page.getByRole('link', { name: 'Stok part' }).click();
    await page.getByRole('heading', { name: 'Stok suku cadang' }).waitFor();
    const row = page.getByTestId('stock-row').filter({ hasText: 'AC-R32-1KG' });
    await row.waitFor();
    const before = Number(await row.getByTestId('stock-quantity').textContent());
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-warehouse-stock');

    await page.getByRole('button', { name: 'Terima barang' }).click();
    const form = page.getByRole('form', { name: 'Penerimaan barang' });
    await form.getByLabel('Nomor surat jalan / PO').fill('SJ/2611/0457');
    await form.getByRole('combobox', { name: 'Part baris 1' }).click();
    await form.getByRole('combobox', { name: 'Part baris 1' }).fill('AC-R32');
    await page.getByRole('option', { name: /^AC-R32-1KG/ }).click();
    await form.getByRole('textbox', { name: 'Jumlah baris 1' }).fill('10');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('status').filter({ hasText: 'Barang SJ/2611/0457 diterima' }).waitFor();
    await expect.poll(async () => Number(await row.getByTestId('stock-quantity').textContent())).toBe(before + 10);
    await screenshot(page, 'console-warehouse-receipt');

    await page.getByText('Stok menipis', { exact: true }).click();
    const low = page.getByTestId('stock-row');
    await low.first().filter({ hasText: 'Menipis' }).waitFor();
    for (const text of await low.allTextContents()) expect(text).toContain('Menipis');

    // A technician asks for one more than the warehouse holds, within their carrying limits.
    const clerk = await apiSignIn(journey.server.baseUrl, '40001');
    const short = (await jakartaWarehouseStock(clerk))
      .filter((item) => item.quantity > 0 && item.quantity <= 20 && item.part.price * (item.quantity + 1) <= 1_000_000)
      .sort((a, b) => a.quantity - b.quantity)[0];
    if (!short) throw new Error('the demo warehouse has no part that is short enough');
    const technician = await apiSignIn(journey.server.baseUrl, '50001');
    const inBagBefore = await bagQuantity(technician, short.part.id);
    const note = 'Stok cadangan untuk pekan depan';
    const created = await journey.api('/api/v1/part-requests', technician, {
      lines: [{ partId: short.part.id, quantity: short.quantity + 1 }],
      note,
    });
    expect(created.status).toBe(201);

    await page.getByRole('link', { name: 'Permintaan part' }).click();
    const card = requestCard(page, note);
    await card.waitFor();
    await card.getByRole('button', { name: 'Setujui' }).click();
    await card.getByRole('button', { name: 'Keluarkan' }).click();
    const refusal = card.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Stok tidak cukup — tidak ada barang yang dipindahkan.');
    expect(await refusal.textContent()).toContain(short.part.partNo);
    // Nothing moved: the request is still approved and waiting, the stock unchanged.
    expect(await card.textContent()).toContain('Disetujui');
    expect(await bagQuantity(technician, short.part.id)).toBe(inBagBefore);
    const after = (await jakartaWarehouseStock(clerk)).find((item) => item.part.id === short.part.id);
    expect(after?.quantity).toBe(short.quantity);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-warehouse-insufficient-stock');
    await context.close();
  });

  it('receives a return a technician brought back', async () => {
    const { context, page } = await openConsoleAsClerk('warehouse-returns');
    await page.getByRole('link', { name: 'Pengembalian part' }).click();
    await page.getByRole('heading', { name: 'Pengembalian suku cadang' }).waitFor();
    const card = page.getByRole('article').first();
    await card.waitFor();
    const name = (await card.getByRole('heading').textContent()) ?? '';
    const waiting = await page.getByRole('article').count();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-warehouse-returns');

    await card.getByRole('button', { name: 'Terima' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Pengembalian dari ${name} diterima` })
      .waitFor();
    await expect.poll(() => page.getByRole('article').count()).toBe(waiting - 1);
    await context.close();
  });
});
