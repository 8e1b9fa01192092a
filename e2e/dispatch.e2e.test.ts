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

describe('dispatch and notifications', () => {
  it('lets a supervisor assign an unassigned work order to a technician in two clicks', async () => {
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await signIn(page, '30001');
    await page.getByRole('link', { name: 'Penugasan' }).click();
    const unassigned = page.getByRole('list', { name: 'Belum ditugaskan' }).getByRole('listitem');
    await unassigned.first().waitFor();
    const before = await unassigned.count();
    const number = /WO-\d{4}-\d{6}/.exec((await unassigned.first().textContent()) ?? '')?.[0] ?? '';
    await unassigned.first().click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-dispatch');
    await page.getByRole('button', { name: 'Tugaskan ke Agus Setiawan' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${number} ditugaskan ke Agus Setiawan` })
      .waitFor();
    await expect.poll(() => unassigned.count()).toBe(before - 1);

    const technician = await apiSignIn(journey.server.baseUrl, '50001');
    const list = await journey.api<{ items: { status: string; technicianName: string }[] }>(
      `/api/v1/work-orders?q=${number}`,
      technician,
    );
    expect(list.body.items[0]).toMatchObject({ status: 'assigned', technicianName: 'Agus Setiawan' });
    await context.close();
  });

  it("sends a notification to a branch's technicians and shows how many have read it", async () => {
    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    await signIn(page, '20001');
    await page.getByRole('link', { name: 'Notifikasi' }).click();
    await page.getByLabel('Judul').fill('Briefing pagi');
    await page.getByLabel('Pesan').fill('Kumpul di cabang jam 07.30 untuk pembagian tugas.');
    await page.getByRole('button', { name: 'Kirim' }).click();
    await page.getByRole('status').filter({ hasText: 'Terkirim ke 7 teknisi' }).waitFor();
    const row = page.getByTestId('sent-row').filter({ hasText: 'Briefing pagi' });
    await row.waitFor();
    expect(await row.locator('td').nth(2).textContent()).toBe('7');
    expect(await row.locator('td').nth(3).textContent()).toBe('0');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'console-notifications');

    const technician = await apiSignIn(journey.server.baseUrl, '50003');
    const inbox = await journey.api<{ items: { id: string; title: string }[] }>('/api/v1/notifications', technician);
    const received = inbox.body.items.find((n) => n.title === 'Briefing pagi');
    expect(received).toBeDefined();
    const read = await journey.api(`/api/v1/notifications/${received?.id}/read`, technician, {});
    expect(read.status).toBe(204);
    await page.reload();
    await row.waitFor();
    expect(await row.locator('td').nth(3).textContent()).toBe('1');
    await context.close();
  });
});
