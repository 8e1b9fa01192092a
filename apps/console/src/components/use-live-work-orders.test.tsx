import type { WorkOrderSummary } from '@purnajual/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, renderScreen, type SeenRequest } from '../../../../test/components/render';
import { detail, summary, uuid } from '../../../../test/fixtures';
import { type BoardFilters, useWorkOrder, useWorkOrders } from '../features/work-orders/api/work-orders';
import { BoardTable } from '../features/work-orders/components/board-table';
import { useLiveWorkOrders } from './use-live-work-orders';

const jakarta = uuid(100);
const makassar = uuid(200);

/** The event stream as the browser gives it, for the test to send events down. */
class FakeEventSource extends EventTarget {
  static readonly CLOSED = 2;
  static open: FakeEventSource[] = [];
  readyState = 1;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    super();
    FakeEventSource.open.push(this);
  }
  close() {
    FakeEventSource.open = FakeEventSource.open.filter((source) => source !== this);
  }
}

const emit = (type: string, data: unknown) => {
  for (const source of FakeEventSource.open) {
    source.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
};

/** The server's work orders, which the test changes as the office would, then says so on the stream. */
let orders: WorkOrderSummary[] = [];
const change = (n: number, patch: Partial<WorkOrderSummary>) => {
  orders = orders.map((order) => (order.id === uuid(n) ? { ...order, ...patch, version: order.version + 1 } : order));
  const changed = orders.find((order) => order.id === uuid(n));
  emit('work_order.updated', changed);
};

function answer({ path }: SeenRequest) {
  const url = new URL(path, 'http://localhost');
  const one = /^\/api\/v1\/work-orders\/([^/]+)$/.exec(url.pathname)?.[1];
  if (one) {
    const order = orders.find((item) => item.id === one);
    return order ? { status: 200, body: { ...detail(1), ...order, customer: detail(1).customer } } : { status: 404 };
  }
  const [branchId, status] = [url.searchParams.get('branchId'), url.searchParams.get('status')];
  const items = orders.filter(
    (order) => (!branchId || order.branchId === branchId) && (!status || order.status === status),
  );
  return { status: 200, body: { items, nextCursor: null } };
}

/** Boards with their filters beside the detail of one work order, as an agent has them open; the boards can be put away. */
function Screens({ boards, open }: { boards: BoardFilters[]; open: number }) {
  const { t } = useTranslation();
  const [showsBoards, setShowsBoards] = useState(true);
  useLiveWorkOrders();
  const order = useWorkOrder(uuid(open));
  return (
    <>
      <button type="button" onClick={() => setShowsBoards(!showsBoards)}>
        Papan
      </button>
      {showsBoards && boards.map((filters) => <Board key={JSON.stringify(filters)} filters={filters} />)}
      {order.data && (
        <section aria-label="Detail">
          {order.data.number}: {t(`status.${order.data.status}`)}, {order.data.technicianName ?? t('board.unassigned')}
        </section>
      )}
    </>
  );
}

function Board({ filters }: { filters: BoardFilters }) {
  const list = useWorkOrders(filters);
  return (
    <section aria-label={filters.status ? `Papan Jakarta: ${filters.status}` : 'Papan Jakarta'}>
      <BoardTable items={list.data?.items ?? []} branches={new Map()} />
    </section>
  );
}

const rowsOf = (name: string) =>
  within(screen.getByRole('region', { name }))
    .queryAllByRole('row')
    .slice(1)
    .map((row) => row.textContent);
const readsOf = (seen: SeenRequest[], part: string) => seen.filter((request) => request.path.includes(part)).length;

async function openScreens(boards: BoardFilters[], open: number) {
  const server = fakeServer(answer);
  vi.stubGlobal('fetch', server.fetch);
  vi.stubGlobal('EventSource', FakeEventSource);
  const view = await renderScreen(<Screens boards={boards} open={open} />);
  await screen.findByRole('region', { name: 'Detail' });
  await waitFor(() => expect(screen.getAllByTestId('work-order-row').length).toBeGreaterThan(0));
  return { ...view, server };
}

beforeEach(() => {
  FakeEventSource.open = [];
  orders = [
    summary(1, { branchId: jakarta, status: 'new', technicianId: null, technicianName: null }),
    summary(2, { branchId: jakarta, status: 'new', technicianId: null, technicianName: null }),
    summary(9, { branchId: makassar, status: 'assigned' }),
  ];
});

describe('the live board and detail', () => {
  it('shows an assignment made elsewhere: the work order leaves the "new" board and the detail names the technician', async () => {
    await openScreens([{ branchId: jakarta, status: 'new' }, { branchId: jakarta }], 1);
    expect(rowsOf('Papan Jakarta: new')).toHaveLength(2);
    expect(screen.getByRole('region', { name: 'Detail' }).textContent).toBe('WO-2611-000001: Baru, Belum ditugaskan');

    change(1, { status: 'assigned', technicianId: uuid(0), technicianName: 'Agus Setiawan' });
    await waitFor(() => expect(rowsOf('Papan Jakarta: new')).toHaveLength(1));
    expect(rowsOf('Papan Jakarta: new')[0]).toContain('WO-2611-000002');
    const all = rowsOf('Papan Jakarta');
    expect(all.find((row) => row?.includes('WO-2611-000001'))).toMatch(/Ditugaskan.*Agus Setiawan/);
    expect(screen.getByRole('region', { name: 'Detail' }).textContent).toBe(
      'WO-2611-000001: Ditugaskan, Agus Setiawan',
    );
  });

  it('does not read a branch’s board again for a change in another branch', async () => {
    const { server } = await openScreens([{ branchId: jakarta }], 9);
    const boardReads = readsOf(server.seen, `branchId=${jakarta}`);
    change(9, { status: 'en_route' });
    // The detail of the Makassar work order is on screen: it changes, the Jakarta board is left alone.
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Detail' }).textContent).toContain('Dalam perjalanan'),
    );
    expect(readsOf(server.seen, `branchId=${jakarta}`)).toBe(boardReads);
    expect(rowsOf('Papan Jakarta')).toHaveLength(2);
  });

  it('brings a new work order of the branch onto its board, and reads everything again after a gap in the stream', async () => {
    const { server } = await openScreens([{ branchId: jakarta }], 9);
    const created = summary(3, { branchId: jakarta, status: 'new', technicianId: null, technicianName: null });
    orders = [...orders, created];
    emit('work_order.created', created);
    await waitFor(() => expect(rowsOf('Papan Jakarta')).toHaveLength(3));

    const detailReads = readsOf(server.seen, `/work-orders/${uuid(9)}`);
    emit('reload', { reason: 'events_pruned' });
    await waitFor(() => expect(readsOf(server.seen, `/work-orders/${uuid(9)}`)).toBe(detailReads + 1));
  });

  it('leaves a board that is no longer on screen until the agent opens it again, then shows the change', async () => {
    const { server, user } = await openScreens([{ branchId: jakarta }], 1);
    await user.click(screen.getByRole('button', { name: 'Papan' }));
    const boardReads = readsOf(server.seen, `branchId=${jakarta}`);
    change(2, { status: 'cancelled' });
    change(1, { status: 'accepted', technicianId: uuid(0), technicianName: 'Agus Setiawan' });
    await waitFor(() => expect(screen.getByRole('region', { name: 'Detail' }).textContent).toContain('Diterima'));
    expect(readsOf(server.seen, `branchId=${jakarta}`)).toBe(boardReads);

    await user.click(screen.getByRole('button', { name: 'Papan' }));
    await waitFor(() => expect(rowsOf('Papan Jakarta').join()).toContain('Dibatalkan'));
    expect(readsOf(server.seen, `branchId=${jakarta}`)).toBe(boardReads + 1);
  });
});
