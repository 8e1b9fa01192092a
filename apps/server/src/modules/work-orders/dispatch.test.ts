import type { AssignmentCandidate, TechnicianLoad } from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../test/app';
import { addSeconds, toIso } from '../../platform/clock';
import { byCandidacy, byLoad, leastLoaded } from './dispatch';

/*
 * How dispatch ranks technicians. Where the loads come from (the technician_load row the
 * work-order writes keep) and the lists through the routes are proven in
 * technician-load.test.ts and work-orders.routes.test.ts.
 */

const now = createManualClock().now();
const hoursAgo = (hours: number) => toIso(addSeconds(now, -hours * 3600));
const loadOf = (technicianId: string, openWorkOrders: number, lastActivityAt: string) => ({
  technicianId,
  openWorkOrders,
  lastActivityAt,
});

describe('auto-assignment', () => {
  it('picks the technician with the fewest open work orders', () => {
    const loads = [loadOf('a', 3, hoursAgo(9)), loadOf('b', 1, hoursAgo(1)), loadOf('c', 2, hoursAgo(5))];
    expect(leastLoaded(['a', 'b', 'c'], loads)).toBe('b');
  });

  it('breaks a tie for the one idle longest, and counts a technician without a load row as idle with none', () => {
    const loads = [loadOf('a', 1, hoursAgo(1)), loadOf('b', 1, hoursAgo(6)), loadOf('c', 2, hoursAgo(9))];
    expect(leastLoaded(['a', 'b', 'c'], loads)).toBe('b');
    expect(leastLoaded(['a', 'b', 'new'], loads)).toBe('new');
  });

  it('picks among the candidates only, and nobody when there are none', () => {
    const loads = [loadOf('a', 0, hoursAgo(1)), loadOf('b', 4, hoursAgo(1))];
    expect(leastLoaded(['b'], loads)).toBe('b');
    expect(leastLoaded([], loads)).toBeNull();
  });
});

describe('the dispatch lists', () => {
  const candidate = (name: string, covers: boolean, openWorkOrders: number): AssignmentCandidate => ({
    id: name,
    name,
    branchId: 'branch-1',
    covers,
    openWorkOrders,
  });

  it('show covering technicians first, then the least loaded, then by name', () => {
    const ranked = [
      candidate('Wayan', false, 0),
      candidate('Budi', true, 2),
      candidate('Agus', true, 2),
      candidate('Sari', true, 1),
    ].sort(byCandidacy);
    expect(ranked.map((c) => c.name)).toEqual(['Sari', 'Agus', 'Budi', 'Wayan']);
  });

  it("show a branch's technicians least loaded first, then by name", () => {
    const load = (name: string, openWorkOrders: number): TechnicianLoad => ({
      id: name,
      name,
      areaCodes: [],
      openWorkOrders,
      appointmentsToday: 0,
    });
    const ranked = [load('Dewi', 3), load('Citra', 1), load('Bayu', 1)].sort(byLoad);
    expect(ranked.map((t) => t.name)).toEqual(['Bayu', 'Citra', 'Dewi']);
  });
});
