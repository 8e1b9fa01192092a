import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  type AccessibilityImpact,
  accessibilityViolations,
  apiSignIn,
  desktopContext,
  mobileContext,
  narrowPhoneViewport,
  screenshot,
  screenshotOnFailure,
  setUpJourneys,
  signIn,
} from './fixtures';
import { call, createAssignedWorkOrder, signInOnPhone } from './technician-data';

const journey = setUpJourneys();

/*
 * Every rule, minor ones too: the main screens are clean of all of them, so whatever a
 * change brings shows here (the dispatch list's buttons posing as list items were minor).
 */
const everyImpact: AccessibilityImpact[] = ['minor', 'moderate', 'serious', 'critical'];

interface Screen {
  name: string;
  path: string;
  /** What shows once the screen holds its data. */
  ready: (page: Page) => Locator;
}

const heading = (name: string) => (page: Page) => page.getByRole('heading', { name, level: 1 });
const signInScreen: Screen = { name: 'sign-in', path: 'login', ready: (page) => page.getByLabel('NIK') };

/** Opens each screen, waits for its data, and returns its violations by screen name. */
async function auditScreens(page: Page, app: 'technician' | 'console', screens: Screen[]) {
  const found: Record<string, string[]> = {};
  for (const screen of screens) {
    await page.goto(`${app === 'technician' ? '/m/' : '/'}${screen.path}`);
    await screen.ready(page).first().waitFor();
    await page.getByRole('status', { name: 'Memuat…' }).first().waitFor({ state: 'detached' });
    found[screen.name] = await accessibilityViolations(page, everyImpact);
    await screenshot(page, `${app}-a11y-${screen.name}`);
  }
  return found;
}

/** What `found` should be: every screen visited, with nothing on it. */
const clean = (found: Record<string, string[]>) => Object.fromEntries(Object.keys(found).map((name) => [name, []]));

/** A technician's phone 360 px wide, signed in. */
async function openPhone(employeeNo: string, name: string) {
  const context = await mobileContext(journey.browser, journey.server.baseUrl);
  const page = await context.newPage();
  await page.setViewportSize(narrowPhoneViewport);
  screenshotOnFailure(page, name);
  const found = await auditScreens(page, 'technician', [signInScreen]);
  await signInOnPhone(page, employeeNo);
  return { context, page, found };
}

/** The console on an office desktop, signed in. */
async function openConsole(employeeNo: string, name: string) {
  const context = await desktopContext(journey.browser, journey.server.baseUrl);
  const page = await context.newPage();
  screenshotOnFailure(page, name);
  const found = await auditScreens(page, 'console', [signInScreen]);
  await signIn(page, employeeNo);
  await page.waitForURL((url) => url.pathname !== '/login');
  return { context, page, found };
}

describe('accessibility of the technician app at 360 px', () => {
  it('finds nothing on sign-in, home, the work orders, a repair, its bill and its report', async () => {
    const { baseUrl } = journey.server;
    const repair = await createAssignedWorkOrder(baseUrl, {
      technicianNo: '50001',
      customerName: 'Yuliani Pratiwi',
      accept: true,
    });
    const technician = await apiSignIn(baseUrl, '50001');
    await call(baseUrl, technician, 'POST', `/api/v1/work-orders/${repair.id}/transitions`, { action: 'start' });
    const { context, page, found } = await openPhone('50001', 'technician-a11y-work');
    const screens: Screen[] = [
      { name: 'home', path: '', ready: heading('Halo, Agus Setiawan') },
      {
        name: 'work-orders',
        path: 'work-orders',
        ready: (p) => p.getByRole('link').filter({ hasText: repair.customerName }),
      },
      {
        name: 'work-order',
        path: `work-orders/${repair.id}`,
        ready: (p) => p.getByRole('heading', { name: 'Riwayat' }),
      },
      {
        name: 'billing',
        path: `work-orders/${repair.id}/billing`,
        ready: (p) => p.getByRole('region', { name: 'Rincian biaya' }),
      },
      { name: 'report', path: `work-orders/${repair.id}/report`, ready: (p) => p.getByLabel('Diagnosis') },
    ];
    Object.assign(found, await auditScreens(page, 'technician', screens));
    expect(found).toEqual(clean(found));
    await context.close();
  });

  it('finds nothing on parts, schedule, appointments, notifications, profile and sync', async () => {
    const { context, page, found } = await openPhone('50002', 'technician-a11y-rest');
    const screens: Screen[] = [
      { name: 'parts', path: 'parts', ready: (p) => p.getByRole('region', { name: 'Tas saya' }).getByText(/Rp/) },
      { name: 'parts-request', path: 'parts/request', ready: heading('Minta suku cadang') },
      { name: 'parts-return', path: 'parts/return', ready: heading('Kembalikan suku cadang') },
      { name: 'schedule', path: 'schedule', ready: heading('Jadwal') },
      { name: 'appointments', path: 'appointments', ready: heading('Janji temu') },
      { name: 'notifications', path: 'notifications', ready: (p) => p.getByRole('button', { name: /^Tandai/ }) },
      { name: 'profile', path: 'profile', ready: (p) => p.getByText('50002', { exact: true }) },
      { name: 'sync', path: 'sync', ready: heading('Sinkronisasi') },
    ];
    Object.assign(found, await auditScreens(page, 'technician', screens));
    expect(found).toEqual(clean(found));
    await context.close();
  });
});

describe('accessibility of the console on a desktop', () => {
  it('finds nothing on sign-in, the board, a work order, dispatch, reports, notifications and intake', async () => {
    const order = await createAssignedWorkOrder(journey.server.baseUrl, {
      technicianNo: '50001',
      customerName: 'Hartono Wijaya',
    });
    const { context, page, found } = await openConsole('30001', 'console-a11y-office');
    const unassigned = (p: Page) => p.getByRole('list', { name: 'Belum ditugaskan' }).getByText(/^WO-/);
    const screens: Screen[] = [
      { name: 'board', path: 'board', ready: (p) => p.getByRole('row').filter({ hasText: order.number }) },
      {
        name: 'work-order',
        path: `work-orders/${order.id}`,
        ready: (p) => p.getByRole('heading', { name: 'Riwayat' }),
      },
      { name: 'dispatch', path: 'dispatch', ready: unassigned },
      { name: 'reports', path: 'reports', ready: (p) => p.getByRole('region', { name: 'Order per hari' }) },
      { name: 'notifications', path: 'notifications', ready: heading('Notifikasi') },
      { name: 'intake', path: 'intake', ready: heading('Order kerja baru') },
    ];
    Object.assign(found, await auditScreens(page, 'console', screens));
    expect(found).toEqual(clean(found));

    // A work order picked for assignment: the list says which one is pressed.
    await page.goto('/dispatch');
    await unassigned(page).first().click();
    await page.getByRole('button', { pressed: true }).waitFor();
    expect(await accessibilityViolations(page, everyImpact)).toEqual([]);
    await screenshot(page, 'console-a11y-dispatch-picked');
    await context.close();
  });

  it('finds nothing on the warehouse screens', async () => {
    const { context, page, found } = await openConsole('40001', 'console-a11y-warehouse');
    const screens: Screen[] = [
      { name: 'requests', path: 'warehouse/requests', ready: heading('Permintaan suku cadang') },
      { name: 'returns', path: 'warehouse/returns', ready: heading('Pengembalian suku cadang') },
      { name: 'stock', path: 'warehouse/stock', ready: (p) => p.getByTestId('stock-row') },
      { name: 'ledger', path: 'warehouse/ledger', ready: (p) => p.getByTestId('ledger-row') },
    ];
    Object.assign(found, await auditScreens(page, 'console', screens));
    expect(found).toEqual(clean(found));
    await context.close();
  });

  it('finds nothing on the administration of users and branches', async () => {
    const { context, page, found } = await openConsole('10001', 'console-a11y-admin');
    const screens: Screen[] = [
      { name: 'users', path: 'admin/users', ready: (p) => p.getByTestId('user-row') },
      { name: 'branches', path: 'admin/branches', ready: (p) => p.getByRole('row').filter({ hasText: 'Jakarta' }) },
    ];
    Object.assign(found, await auditScreens(page, 'console', screens));
    expect(found).toEqual(clean(found));
    await context.close();
  });
});
