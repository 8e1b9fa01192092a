import 'fake-indexeddb/auto';
import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '../../../../../../test/components/render';
import { at, detail, summary, uuid } from '../../../../../../test/fixtures';
import { clearLocalData, db } from '../../../data/db';
import { BillingPage } from './billing-page';

const id = uuid(7);

const openBilling = () =>
  renderScreen(
    <Routes>
      <Route path="/work-orders/:id/billing" element={<BillingPage />} />
    </Routes>,
    { path: `/work-orders/${id}/billing` },
  );

const offline = async () => {
  throw new TypeError('Failed to fetch');
};

beforeEach(async () => {
  await clearLocalData();
});

describe('the bill on the phone', () => {
  it('waits for the read on a new phone, and says the work order is not on it only once offline', async () => {
    await db.workOrders.put({ ...summary(7, { status: 'in_progress' }), syncedAt: at });
    let fail = () => {};
    vi.stubGlobal(
      'fetch',
      () =>
        new Promise((_, reject) => {
          fail = () => reject(new TypeError('Failed to fetch'));
        }),
    );
    await openBilling();
    expect(await screen.findByRole('status', { name: 'Memuat…' })).toBeTruthy();
    expect(screen.queryByText(/tidak ada di ponsel/)).toBeNull();
    fail();
    expect(await screen.findByText(/tidak ada di ponsel/)).toBeTruthy();
  });

  it('shows the stored bill with no network and queues the charges chosen, saying they wait', async () => {
    const order = detail(7, { status: 'in_progress' });
    const billing = { ...order.billing, subtotal: 200_000, tax: 22_000, total: 222_000, customerPays: 222_000 };
    await db.workOrders.put({ ...summary(7, { status: 'in_progress' }), syncedAt: at });
    await db.details.put({ ...order, billing: { ...billing, balance: 222_000 }, syncedAt: at });
    vi.stubGlobal('fetch', offline);
    const { user } = await openBilling();
    const charges = await screen.findByRole('region', { name: 'Rincian biaya' });
    expect(charges.textContent).toContain('Rp\u00a0222.000');
    await user.click(screen.getByRole('button', { name: 'Simpan biaya' }));
    await waitFor(async () => expect(await db.queue.count()).toBe(1));
    expect(await db.queue.toArray()).toEqual([
      expect.objectContaining({
        label: 'charges',
        method: 'PUT',
        path: `/api/v1/work-orders/${id}/charges`,
        body: { labor: 150_000, transport: 50_000, discount: 0 },
        state: 'pending',
      }),
    ]);
    expect(await screen.findByText(/Perubahan biaya menunggu sinkron/)).toBeTruthy();
  });
});
