import { describe, expect, it } from 'vitest';
import { apiSignIn, desktopContext, screenshotOnFailure, setUpJourneys, signIn } from './fixtures';

/*
 * The board under national volume: 50 work-order events a second across the three
 * branches, made by real edits through the API. The Jakarta board asks for its list at
 * most once a second, and not at all for Makassar's events. Counted, not timed: the
 * window is measured and the requests made in it may not exceed one per started second.
 */

const journey = setUpJourneys();
const eventsPerSecond = 50;

interface Branch {
  id: string;
  code: string;
}

async function openWorkOrdersOf(branchId: string, token: string) {
  const { body } = await journey.api<{ items: { id: string }[] }>(
    `/api/v1/work-orders?branchId=${branchId}&status=scheduled&limit=20`,
    token,
  );
  if (body.items.length === 0) throw new Error(`branch ${branchId} has no scheduled work order to edit`);
  return body.items.map((item) => item.id);
}

/** `count` edits at `eventsPerSecond`, each a work_order.updated event; resolves when all are answered. */
async function editAtRate(token: string, targets: string[], count: number) {
  const started = Date.now();
  const answers: Promise<number>[] = [];
  for (let index = 0; index < count; index += 1) {
    const due = started + (index * 1000) / eventsPerSecond;
    await new Promise((done) => setTimeout(done, Math.max(0, due - Date.now())));
    const id = targets[index % targets.length] ?? '';
    answers.push(
      fetch(`${journey.server.baseUrl}/api/v1/work-orders/${id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ complaint: `AC tidak dingin, panggilan ke-${index} ${started}` }),
      }).then((response) => response.status),
    );
  }
  expect(new Set(await Promise.all(answers))).toEqual(new Set([200]));
}

describe('a calm live board', () => {
  it('asks for the Jakarta list at most once a second under 50 events a second, and never for Makassar', async () => {
    const agent = await apiSignIn(journey.server.baseUrl, '20001');
    const { body: branches } = await journey.api<{ items: Branch[] }>('/api/v1/branches', agent);
    const byCode = new Map(branches.items.map((branch) => [branch.code, branch.id]));
    const [jakarta, makassar, jayapura] = await Promise.all(
      ['JKT', 'MKS', 'JYP'].map((code) => openWorkOrdersOf(byCode.get(code) ?? '', agent)),
    );

    const context = await desktopContext(journey.browser, journey.server.baseUrl);
    const page = await context.newPage();
    screenshotOnFailure(page, 'live-board');
    const lists: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/work-orders' && url.searchParams.get('branchId') === byCode.get('JKT')) {
        lists.push(url.search);
      }
    });
    await signIn(page, '20001');
    await page.getByRole('heading', { name: 'Papan order kerja' }).waitFor();
    await page.getByRole('combobox', { name: 'Cabang', exact: true }).click();
    await page.getByRole('option', { name: 'Cabang Jakarta' }).click();
    await page.getByRole('status').filter({ hasText: 'Langsung' }).waitFor();
    await page.getByTestId('work-order-row').first().waitFor();
    expect(lists.length).toBeGreaterThan(0);
    await page.waitForTimeout(1500);

    // Makassar alone: three seconds of its events, and a second and a half to let any refresh come.
    lists.length = 0;
    await editAtRate(agent, makassar ?? [], 3 * eventsPerSecond);
    await page.waitForTimeout(1500);
    expect(lists).toEqual([]);

    // All three branches at once, a third each.
    const mixed = [jakarta, makassar, jayapura].flatMap((ids) => ids ?? []);
    const started = Date.now();
    await editAtRate(agent, mixed, 5 * eventsPerSecond);
    await page.waitForTimeout(1500);
    const seconds = (Date.now() - started) / 1000;
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.length).toBeLessThanOrEqual(Math.ceil(seconds));
    await context.close();
  });
});
