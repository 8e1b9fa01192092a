import 'fake-indexeddb/auto';
import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '../../../../../../test/components/render';
import { at, detail, json, problem, summary, uuid } from '../../../../../../test/fixtures';
import { clearLocalData, db } from '../../../data/db';
import { queueTransition } from '../../../data/queue';
import { drainQueue } from '../../../data/sync';
import { WorkOrderDetailPage } from './work-order-detail-page';

const offline = async () => {
  throw new TypeError('Failed to fetch');
};

const openWorkOrder = () =>
  renderScreen(
    <Routes>
      <Route path="/work-orders/:id" element={<WorkOrderDetailPage />} />
    </Routes>,
    { path: `/work-orders/${uuid(1)}` },
  );

/** The technician's departure for work order 1, done with no network. */
async function departOffline() {
  await db.workOrders.put({ ...summary(1, { status: 'accepted' }), syncedAt: at });
  vi.stubGlobal('fetch', offline);
  const order = await db.workOrders.get(uuid(1));
  if (!order) throw new Error('fixture missing');
  await queueTransition(order, { action: 'depart' }, uuid(0));
  await drainQueue();
}

beforeEach(async () => {
  await clearLocalData();
});

describe('a work order with changes not yet taken by the server', () => {
  it('says how many of its changes still wait to be sent', async () => {
    await departOffline();
    await openWorkOrder();
    expect(await screen.findByText('Menunggu sinkron: 1 perubahan order ini')).toBeTruthy();
  });

  it('shows a refused step on the work order, with why in the technician’s words, until it is read', async () => {
    await departOffline();
    // The office cancelled it meanwhile: the departure is refused and the cancellation read back.
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) =>
      init.method === 'GET'
        ? json(200, detail(1, { status: 'cancelled' }))
        : problem(409, 'invalid_transition', 'The work order is cancelled'),
    );
    await drainQueue();
    vi.stubGlobal('fetch', offline);
    const { user } = await openWorkOrder();
    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toContain('Server menolak: Berangkat');
    expect(refusal.textContent).toContain('Order ini sudah berubah di kantor: sekarang Dibatalkan.');
    expect(screen.queryByText(/Menunggu sinkron/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Mengerti' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(await db.queue.count()).toBe(0);
  });
});
