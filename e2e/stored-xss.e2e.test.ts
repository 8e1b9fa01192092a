import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiSignIn, desktopContext, mobileContext, screenshotOnFailure, setUpJourneys, signIn } from './fixtures';
import { call as callApi, signInOnPhone, solidPng } from './technician-data';

/**
 * Script stored by one user must reach every other reader as text. Each payload, if it
 * were ever parsed as markup, would add an element the test looks for (`[data-xss]`) and
 * open a dialog; the Content-Security-Policy would block the dialog on its own, so the
 * element check is what proves the rendering, not only the header.
 */
const payloads = {
  customerName: `<img src=x data-xss onerror="alert('nama')">Siti`,
  address: `Jl. Melati 7 <script data-xss>alert('alamat')</script>`,
  complaint: `AC bocor"><svg data-xss onload="alert('keluhan')"></svg>`,
  diagnosis: `<iframe data-xss srcdoc="<script>parent.alert('diagnosa')</script>"></iframe>`,
  actionTaken: `<a data-xss href="javascript:alert('tindakan')">ganti kapasitor</a>`,
  // The tracking page shows only the technician's first name: no spaces in the payload.
  technicianName: `<img/src=x/data-xss/onerror=alert('teknisi')> Setiawan`,
  notificationTitle: `<b data-xss onmouseover="alert('judul')">Penting</b>`,
  notificationBody: `{{constructor.constructor('alert(1)')()}} <style data-xss>*{display:none}</style>`,
} as const;

const journey = setUpJourneys();

const call = <T>(token: string, method: string, path: string, body?: unknown) =>
  callApi<T>(journey.server.baseUrl, token, method, path, body);

/** Fails the test if anything the page parsed as markup came from a payload. */
function watchForScript(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return {
    async expectInert() {
      expect(await page.locator('[data-xss]').count()).toBe(0);
      expect(dialogs).toEqual([]);
    },
  };
}

interface Stored {
  workOrderId: string;
  number: string;
  trackingToken: string;
}

/**
 * The hostile text enters the way it would in production: an agent types it at intake,
 * an admin renames a technician, a supervisor sends a notification, the technician writes
 * the repair report.
 */
async function storeHostileText(): Promise<Stored> {
  const admin = await apiSignIn(journey.server.baseUrl, '10001');
  const agent = await apiSignIn(journey.server.baseUrl, '20001');
  const supervisor = await apiSignIn(journey.server.baseUrl, '30001');
  const technicianToken = await apiSignIn(journey.server.baseUrl, '50001');
  const technician = await call<{ id: string; areaCodes: string[] }>(technicianToken, 'GET', '/api/v1/me');
  await call(admin, 'PATCH', `/api/v1/users/${technician.id}`, { name: payloads.technicianName });
  const district = technician.areaCodes.find((code) => code.split('.').length === 3);
  const models = await call<{ items: { code: string }[] }>(agent, 'GET', '/api/v1/product-models');
  const customer = await call<{ id: string }>(agent, 'POST', '/api/v1/customers', {
    name: payloads.customerName,
    phone: '+6281377700011',
    address: payloads.address,
    areaCode: district,
  });
  const product = await call<{ id: string }>(agent, 'POST', `/api/v1/customers/${customer.id}/products`, {
    modelCode: models.items[0]?.code,
    serialNumber: 'SNXSS0001',
  });
  const workOrder = await call<{ id: string; number: string }>(agent, 'POST', '/api/v1/work-orders', {
    customerId: customer.id,
    customerProductId: product.id,
    complaint: payloads.complaint,
    serviceType: 'home_visit',
  });
  const transition = (token: string, body: Record<string, unknown>) =>
    call<{ trackingUrl: string }>(token, 'POST', `/api/v1/work-orders/${workOrder.id}/transitions`, body);
  await transition(agent, { action: 'assign', technicianId: technician.id });
  await transition(technicianToken, { action: 'accept' });
  await transition(technicianToken, { action: 'start' });
  const done = await transition(technicianToken, {
    action: 'complete',
    diagnosis: payloads.diagnosis,
    actionTaken: payloads.actionTaken,
    result: 'fixed',
    signature: `data:image/png;base64,${solidPng(240, 80, [250, 250, 250]).toString('base64')}`,
  });
  await call(supervisor, 'POST', '/api/v1/notifications', {
    title: payloads.notificationTitle,
    body: payloads.notificationBody,
    technicianIds: [technician.id],
  });
  return {
    workOrderId: workOrder.id,
    number: workOrder.number,
    trackingToken: done.trackingUrl.split('/').pop() ?? '',
  };
}

describe('stored script is rendered as text everywhere', () => {
  let stored: Stored;

  it('stays inert in the office console: board, work order, notifications sent', async () => {
    stored = await storeHostileText();
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'xss-console');
    const guard = watchForScript(page);
    await signIn(page, '30001');
    await page.getByRole('heading', { name: 'Papan order kerja' }).waitFor();
    await page.getByText(payloads.customerName).first().waitFor();
    await guard.expectInert();

    await page.goto(`/work-orders/${stored.workOrderId}`);
    await page.getByRole('heading', { name: stored.number }).waitFor();
    for (const text of [payloads.customerName, payloads.address, payloads.complaint, payloads.diagnosis]) {
      await page.getByText(text, { exact: false }).first().waitFor();
    }
    await guard.expectInert();

    await page.goto('/notifications');
    await page.getByText(payloads.notificationTitle).first().waitFor();
    await guard.expectInert();
    await context.close();
  });

  it('stays inert in the technician app: list, detail and notifications', async () => {
    const context = await mobileContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'xss-technician');
    const guard = watchForScript(page);
    await signInOnPhone(page, '50001');
    await page.goto('/m/work-orders');
    await page.getByText(/^Selesai \(\d+\)$/).click();
    await page.getByText(payloads.customerName).first().waitFor();
    await guard.expectInert();

    await page.goto(`/m/work-orders/${stored.workOrderId}`);
    for (const text of [payloads.customerName, payloads.address, payloads.complaint]) {
      await page.getByText(text, { exact: false }).first().waitFor();
    }
    await guard.expectInert();

    await page.goto('/m/notifications');
    await page.getByText(payloads.notificationTitle).first().waitFor();
    await page.getByText(payloads.notificationBody).first().waitFor();
    await guard.expectInert();
    await context.close();
  });

  it("stays inert on the customer's tracking page", async () => {
    const context = await mobileContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'xss-tracking');
    const guard = watchForScript(page);
    await page.goto(`/t/${stored.trackingToken}`);
    await page.getByText(stored.number).first().waitFor();
    await page.getByText(payloads.technicianName.split(' ')[0] ?? '', { exact: true }).waitFor();
    await guard.expectInert();
    await context.close();
  });

  it('puts no script or action into the service report PDF', async () => {
    const supervisor = await apiSignIn(journey.server.baseUrl, '30001');
    const response = await fetch(`${journey.server.baseUrl}/api/v1/work-orders/${stored.workOrderId}/report.pdf`, {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(response.status).toBe(200);
    const pdf = Buffer.from(await response.arrayBuffer()).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    // The dictionary entries a PDF needs to run code, open a link or launch a program.
    for (const action of ['/JavaScript', '/JS', '/OpenAction', '/AA', '/Launch', '/URI', '/SubmitForm']) {
      expect(pdf, action).not.toMatch(new RegExp(`${action.replace('/', '\\/')}[\\s(<]`));
    }
  });
});
