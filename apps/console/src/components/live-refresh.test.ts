import { describe, expect, it } from 'vitest';
import {
  createRefreshThrottle,
  isWorkOrderQueryHit,
  type RefreshTimers,
  type WorkOrderFacts,
  workOrderFactsOf,
} from './live-refresh';

const jakarta = 'branch-jakarta';
const makassar = 'branch-makassar';
const facts: WorkOrderFacts = {
  id: 'wo-1',
  status: 'scheduled',
  branchId: jakarta,
  technicianId: 'tech-1',
  createdAt: '2026-11-30T03:00:00.000Z',
  customer: { id: 'cust-1' },
};
const list = (filters: Record<string, string>, ids: string[] = []) => ({
  key: ['work-orders', 'list', filters],
  data: { items: ids.map((id) => ({ id })), truncated: false },
});

describe('which work-order queries an event can change', () => {
  const cases: [string, readonly unknown[], unknown, boolean][] = [
    ['the unfiltered board', list({}).key, list({}).data, true],
    ['a board of its branch', list({ branchId: jakarta }).key, undefined, true],
    ["another branch's board", list({ branchId: makassar }).key, undefined, false],
    ['the board of work orders without a branch', list({ branchId: 'none' }).key, undefined, false],
    ['a board of its new status', list({ status: 'scheduled' }).key, undefined, true],
    ['a board of another status it is not on', list({ status: 'new' }).key, list({ status: 'new' }).data, false],
    // It was on the "new" board before the change and must leave it.
    ['a board of another status it is on', list({ status: 'new' }).key, list({ status: 'new' }, ['wo-1']).data, true],
    ['a board of its technician', list({ technicianId: 'tech-1' }).key, undefined, true],
    ['the unassigned board', list({ technicianId: 'none' }).key, undefined, false],
    [
      'a board of the days it was created in',
      list({ from: '2026-11-30T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }).key,
      undefined,
      true,
    ],
    ['a board of later days', list({ from: '2026-12-01T00:00:00.000Z' }).key, undefined, false],
    ['a board of earlier days', list({ to: '2026-11-30T03:00:00.000Z' }).key, undefined, false],
    ['a text search of its branch (the server decides)', list({ branchId: jakarta, q: 'zzz' }).key, undefined, true],
    ["its branch's counts", ['work-orders', 'counts', jakarta], undefined, true],
    ['all counts', ['work-orders', 'counts', null], undefined, true],
    ["another branch's counts", ['work-orders', 'counts', makassar], undefined, false],
    ["another branch's SLA lists", ['work-orders', 'sla', makassar], undefined, false],
    ["another branch's unassigned queue", ['work-orders', 'unassigned', makassar], undefined, false],
    ["its branch's technician loads", ['work-orders', 'technician-loads', jakarta], undefined, true],
    ['its detail', ['work-orders', 'detail', 'wo-1'], undefined, true],
    ["another work order's detail", ['work-orders', 'detail', 'wo-2'], undefined, false],
    ["another work order's messages", ['work-orders', 'messages', 'wo-2'], undefined, false],
    ["its customer's open work orders", ['work-orders', 'open-of-customer', 'cust-1'], undefined, true],
    ["another customer's open work orders", ['work-orders', 'open-of-customer', 'cust-2'], undefined, false],
    ['assignment candidates (loads move with any assignment)', ['work-orders', 'candidates', 'wo-2'], undefined, true],
  ];
  for (const [name, key, data, expected] of cases) {
    it(`${expected ? 'refreshes' : 'leaves'} ${name}`, () => {
      expect(isWorkOrderQueryHit(key, data, facts)).toBe(expected);
    });
  }

  it('reads the facts from the payload, also without the customer name a warehouse user is not sent', () => {
    const { customer, ...rest } = facts;
    expect(workOrderFactsOf({ ...rest, number: 'WO-2611-000001', customer: { id: customer.id } })).toEqual(facts);
  });

  it('refreshes everything when the payload is not understood', () => {
    expect(workOrderFactsOf({ id: 'wo-1' })).toBeNull();
    expect(isWorkOrderQueryHit(list({ branchId: makassar }).key, undefined, null)).toBe(true);
  });
});

/** Timers the test moves by hand. */
function manualTimers() {
  let now = 0;
  let nextHandle = 0;
  const due = new Map<number, { at: number; run: () => void }>();
  const timers: RefreshTimers = {
    now: () => now,
    setTimeout(run, ms) {
      nextHandle += 1;
      due.set(nextHandle, { at: now + ms, run });
      return nextHandle;
    },
    clearTimeout: (handle) => due.delete(handle as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const [handle, next] = [...due].filter(([, t]) => t.at <= until).sort(([, a], [, b]) => a.at - b.at)[0] ?? [];
      if (handle === undefined || next === undefined) break;
      due.delete(handle);
      now = next.at;
      next.run();
    }
    now = until;
  };
  return { timers, advance };
}

describe('refresh throttle', () => {
  it('refreshes a key at most once a second under 50 requests a second, and once more after the last', () => {
    const { timers, advance } = manualTimers();
    const refreshed: number[] = [];
    const throttle = createRefreshThrottle(() => refreshed.push(timers.now()), { timers });
    for (let tick = 0; tick < 250; tick += 1) {
      throttle.request('board');
      advance(20);
    }
    advance(5000);
    // 5 s of requests: refreshes at 0.25 s, then every second until the requests stop.
    expect(refreshed).toEqual([250, 1250, 2250, 3250, 4250, 5250]);
    const gaps = refreshed.slice(1).map((at, index) => at - (refreshed[index] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
  });

  it('gathers the events that come together into one refresh, and keeps keys apart', () => {
    const { timers, advance } = manualTimers();
    const refreshed: string[] = [];
    const throttle = createRefreshThrottle((key) => refreshed.push(key), { timers });
    throttle.request('stock');
    throttle.request('part-requests');
    throttle.request('stock');
    advance(300);
    expect(refreshed).toEqual(['stock', 'part-requests']);
    advance(2000);
    throttle.request('stock');
    advance(300);
    expect(refreshed).toEqual(['stock', 'part-requests', 'stock']);
  });

  it('refreshes nothing after it is cancelled', () => {
    const { timers, advance } = manualTimers();
    const refreshed: string[] = [];
    const throttle = createRefreshThrottle((key) => refreshed.push(key), { timers });
    throttle.request('board');
    throttle.cancel();
    advance(2000);
    expect(refreshed).toEqual([]);
  });
});
