import 'fake-indexeddb/auto';
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, renderScreen } from '../../../../../../test/components/render';
import { at, detail, summary, uuid } from '../../../../../../test/fixtures';
import { clearLocalData, db } from '../../../data/db';
import { queueNotificationRead, queueTransition } from '../../../data/queue';
import { drainQueue } from '../../../data/sync';
import { SyncPage } from './sync-page';

const offline = async () => {
  throw new TypeError('Failed to fetch');
};

/**
 * The technician departed for work order 1 and read a notification with no network; the
 * office cancelled work order 1 meanwhile, so the server refuses the departure.
 */
async function refusedDeparture() {
  await db.workOrders.put({ ...summary(1, { status: 'accepted' }), syncedAt: at });
  vi.stubGlobal('fetch', offline);
  const order = await db.workOrders.get(uuid(1));
  if (!order) throw new Error('fixture missing');
  await queueTransition(order, { action: 'depart' }, uuid(0));
  await queueNotificationRead(uuid(900));
  await drainQueue();
  const server = fakeServer(({ method, path }) => {
    if (method === 'GET') return { status: 200, body: detail(1, { status: 'cancelled' }) };
    if (path.includes('/transitions')) {
      return {
        status: 409,
        body: { type: 'about:blank', title: 'x', status: 409, detail: 'Cancelled', code: 'invalid_transition' },
      };
    }
    return { status: 204 };
  });
  return server;
}

const cardOf = (label: string) => {
  const card = screen.getByText(label).closest('.mantine-Card-root');
  if (!(card instanceof HTMLElement)) throw new Error(`no card for ${label}`);
  return within(card);
};

beforeEach(async () => {
  await clearLocalData();
});

describe('the sync screen', () => {
  it('lists what waits, and sends it when the technician asks', async () => {
    const server = await refusedDeparture();
    const { user } = await renderScreen(<SyncPage />);
    expect(await screen.findByText('Berangkat')).toBeTruthy();
    expect(cardOf('Berangkat').getByText('Menunggu')).toBeTruthy();
    expect(cardOf('Berangkat').getByText('WO-2611-000001')).toBeTruthy();
    expect(cardOf('Notifikasi dibaca').getByText('Menunggu')).toBeTruthy();

    vi.stubGlobal('fetch', server.fetch);
    await user.click(screen.getByRole('button', { name: 'Kirim sekarang' }));
    // The refusal stays, in the technician's words, with the status the office left it in.
    expect(await screen.findByText('Order ini sudah berubah di kantor: sekarang Dibatalkan.')).toBeTruthy();
    expect(cardOf('Berangkat').getByText('Ditolak')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Notifikasi dibaca')).toBeNull());
    expect(screen.queryByRole('button', { name: 'Kirim sekarang' })).toBeNull();
    expect(server.seen.filter((request) => request.method === 'POST').map((request) => request.path)).toEqual([
      `/api/v1/work-orders/${uuid(1)}/transitions`,
      `/api/v1/notifications/${uuid(900)}/read`,
    ]);
  });

  it('lets the technician put a refusal away once read, and then says all is sent', async () => {
    const server = await refusedDeparture();
    vi.stubGlobal('fetch', server.fetch);
    await drainQueue();
    const { user } = await renderScreen(<SyncPage />);
    await user.click(await screen.findByRole('button', { name: 'Mengerti' }));
    expect(await screen.findByText('Semua perubahan sudah terkirim.')).toBeTruthy();
    expect(await db.queue.count()).toBe(0);
  });
});
