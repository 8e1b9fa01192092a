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

describe('messages to customers', () => {
  it('an admin edits a text with a preview, a wrong placeholder named; the customer opts out on their page; the office sees why and turns messages back on', async () => {
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await signIn(page, '10001');
    await page.getByRole('link', { name: 'Pesan pelanggan' }).click();
    const template = page.getByRole('region', { name: 'Tautan pelacakan · Indonesia' });
    const text = template.getByLabel('Teks pesan');
    await text.fill('Halo {{customerName}}, servis {{workOrderNumber}} kami catat. {{trackingUrl}}');
    await template.getByText('Halo Ibu Sari Wulandari, servis WO-2612-000123 kami catat.').waitFor();
    await template.getByRole('button', { name: 'Simpan' }).click();
    await template.getByRole('status').filter({ hasText: 'Tersimpan' }).waitFor();

    await text.fill('Halo {{namaPelanggan}}');
    await template.getByRole('button', { name: 'Simpan' }).click();
    await template.getByRole('alert').filter({ hasText: 'unknown placeholder {{namaPelanggan}}' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-message-templates');

    // The next message uses the saved text; the customer stops messages from their tracking page.
    const agent = await apiSignIn(journey.server.baseUrl, '20001');
    const customer = await journey.api<{ id: string }>('/api/v1/customers', agent, {
      name: 'Ibu Maria Lestari',
      phone: '0813 7788 9900',
      address: 'Jl. Cempaka Putih 5',
      areaCode: '31.71.05',
    });
    const order = await journey.api<{ id: string; number: string }>('/api/v1/work-orders', agent, {
      customerId: customer.body.id,
      complaint: 'Mesin cuci bocor',
      serviceType: 'home_visit',
    });
    const messages = await journey.api<{ items: { body: string }[] }>(
      `/api/v1/work-orders/${order.body.id}/messages`,
      agent,
    );
    expect(messages.body.items[0]?.body).toMatch(
      new RegExp(`^Halo Ibu Maria Lestari, servis ${order.body.number} kami catat\\. http`),
    );
    const detail = await journey.api<{ trackingUrl: string }>(`/api/v1/work-orders/${order.body.id}`, agent);
    const tracking = await context.newPage();
    await tracking.goto(detail.body.trackingUrl);
    await tracking.getByRole('button', { name: 'Berhenti menerima pesan' }).click();
    await tracking.getByRole('status').filter({ hasText: 'Anda tidak akan menerima pesan lagi' }).waitFor();
    const record = await journey.api<{ messagesOptOut: boolean }>(`/api/v1/customers/${customer.body.id}`, agent);
    expect(record.body.messagesOptOut).toBe(true);

    // The office sees why the next message did not go, and turns messages back on at intake.
    const next = await journey.api<{ id: string }>('/api/v1/work-orders', agent, {
      customerId: customer.body.id,
      complaint: 'Mesin cuci bocor lagi',
      serviceType: 'home_visit',
    });
    await page.goto(`/work-orders/${next.body.id}`);
    const sentList = page.getByRole('list', { name: 'Pesan ke pelanggan' });
    const skipped = sentList.getByRole('listitem').filter({ hasText: 'Tautan pelacakan' });
    await skipped.getByText('Gagal').waitFor();
    await skipped.getByText('Alasan: Pelanggan berhenti menerima pesan').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Order baru' }).click();
    await page.getByRole('textbox', { name: 'Cari pelanggan' }).fill('0813 7788 9900');
    await page.getByRole('button', { name: 'Pilih Ibu Maria Lestari' }).click();
    const optOut = page.getByRole('switch', { name: 'Berhenti menerima pesan' });
    expect(await optOut.isChecked()).toBe(true);
    await optOut.click({ force: true });
    await page.waitForFunction(
      async ([url, token]) =>
        (await (await fetch(url ?? '', { headers: { authorization: `Bearer ${token}` } })).json()).messagesOptOut ===
        false,
      [`/api/v1/customers/${customer.body.id}`, agent],
    );
    expect(await optOut.isChecked()).toBe(false);
    await context.close();
  });
});
