import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiSignIn,
  mobileContext,
  narrowPhoneViewport,
  screenshot,
  screenshotOnFailure,
  setUpJourneys,
} from './fixtures';
import { createAssignedWorkOrder, signInOnPhone } from './technician-data';

const journey = setUpJourneys();

const notOnPhone = 'Order kerja ini tidak ada di ponsel';

/**
 * Records, from the first paint of every page load, each time the offline message is on
 * screen: it may flash for a moment only, which a look at the end would miss.
 */
async function recordOfflineMessages(page: Page) {
  await page.addInitScript((message: string) => {
    const seen: string[] = [];
    Object.assign(window, { offlineMessagesSeen: seen });
    new MutationObserver(() => {
      if (document.body?.textContent?.includes(message)) seen.push(window.location.pathname);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  }, notOnPhone);
  return () => page.evaluate(() => (window as unknown as { offlineMessagesSeen: string[] }).offlineMessagesSeen);
}

/** Waits until the service worker serves the app, so it starts with no network. */
async function waitForServiceWorker(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

async function downloadReport(page: Page) {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Unduh laporan servis (PDF)' }).click();
  const download = await downloading;
  return { fileName: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

describe('the bill on the phone', () => {
  it('on a new phone opened right after sign-in, waits for the bill and never says it is offline', async () => {
    const order = await createAssignedWorkOrder(journey.server.baseUrl, {
      technicianNo: '50003',
      customerName: 'Indah Permatasari',
      accept: true,
    });
    const context = await mobileContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await page.setViewportSize(narrowPhoneViewport);
    screenshotOnFailure(page, 'technician-billing-new-phone');
    const offlineMessages = await recordOfflineMessages(page);
    await signInOnPhone(page, '50003');
    // Straight from sign-in to the bill, while the phone is still reading its work orders.
    await page.goto(`/m/work-orders/${order.id}/billing`);
    await page.getByRole('heading', { name: `Biaya & pembayaran · ${order.number}` }).waitFor();
    await page.getByRole('region', { name: 'Rincian biaya' }).getByText('Sisa tagihan').waitFor();
    expect(await offlineMessages()).toEqual([]);
    expect(new URL(page.url()).pathname).toBe(`/m/work-orders/${order.id}/billing`);
    await context.close();
  });

  it('offline, says a work order the phone does not have is not on it', async () => {
    const context = await mobileContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await page.setViewportSize(narrowPhoneViewport);
    screenshotOnFailure(page, 'technician-billing-offline');
    await signInOnPhone(page, '50004');
    await waitForServiceWorker(page);
    await page.getByRole('link', { name: 'Order kerja' }).first().waitFor();
    await context.setOffline(true);
    // Assigned while the phone had no network: it never reached the phone.
    const order = await createAssignedWorkOrder(journey.server.baseUrl, {
      technicianNo: '50004',
      customerName: 'Bayu Nugroho',
      accept: true,
    });
    await page.goto(`/m/work-orders/${order.id}/billing`);
    await page.getByText(notOnPhone).waitFor();
    await screenshot(page, 'technician-billing-not-on-phone');
    await context.close();
  });

  it('downloads the service report under the work order number, and again offline from the phone', async () => {
    const { baseUrl } = journey.server;
    const order = await createAssignedWorkOrder(baseUrl, {
      technicianNo: '50005',
      customerName: 'Fitri Handayani',
      accept: true,
    });
    const context = await mobileContext(journey.browser, baseUrl);
    const page = await context.newPage();
    await page.setViewportSize(narrowPhoneViewport);
    screenshotOnFailure(page, 'technician-billing-report');
    await signInOnPhone(page, '50005');
    await waitForServiceWorker(page);

    // No report on the phone yet: offline, it says so instead of opening an error page.
    await page.goto(`/m/work-orders/${order.id}/billing`);
    await page.getByRole('region', { name: 'Rincian biaya' }).waitFor();
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Unduh laporan servis (PDF)' }).click();
    const notKept = page.getByRole('alert').filter({ hasText: 'Laporan servis belum ada di ponsel.' });
    await notKept.waitFor();
    await notKept.scrollIntoViewIfNeeded();
    await screenshot(page, 'technician-billing-report-not-on-phone');
    await context.setOffline(false);

    const online = await downloadReport(page);
    expect(online.fileName).toBe(`${order.number}.pdf`);
    expect(online.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const served = await fetch(`${baseUrl}/api/v1/work-orders/${order.id}/report.pdf`, {
      headers: { authorization: `Bearer ${await apiSignIn(baseUrl, '50005')}` },
    });
    expect(served.headers.get('content-type')).toBe('application/pdf');

    // No network, and the app started afresh: the copy on the phone downloads the same.
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('region', { name: 'Rincian biaya' }).waitFor();
    const offline = await downloadReport(page);
    expect(offline.fileName).toBe(`${order.number}.pdf`);
    expect(offline.bytes.equals(online.bytes)).toBe(true);
    await screenshot(page, 'technician-billing-report-offline');

    // Back online, the report is fetched afresh: the bill may have changed since.
    await context.setOffline(false);
    const fetched = page.waitForResponse((response) => response.url().endsWith(`/${order.id}/report.pdf`));
    const fresh = await downloadReport(page);
    expect((await fetched).status()).toBe(200);
    expect(fresh.fileName).toBe(`${order.number}.pdf`);
    await context.close();
  });
});
