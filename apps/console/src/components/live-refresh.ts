import type { QueryKey } from '@tanstack/react-query';
import { z } from 'zod';

/*
 * What keeps the live screens calm at national volume: a work-order event refreshes only
 * the queries whose rows it can change (by branch, status, technician, creation date, work
 * order or customer), and each query refreshes at most once per interval however many
 * events arrive. Nothing is patched from the payload: the lists are filtered, paged and
 * sorted by the server, and warehouse staff get the payload without the customer's name.
 */

/** What a work-order event says of the work order after the change; all that the filters read. */
const workOrderFactsSchema = z.object({
  id: z.string(),
  status: z.string(),
  branchId: z.string().nullable(),
  technicianId: z.string().nullable(),
  createdAt: z.string(),
  customer: z.object({ id: z.string() }),
});
export type WorkOrderFacts = z.infer<typeof workOrderFactsSchema>;

/** The facts of an event's payload, or null when it is not a work order's (then every query may be stale). */
export function workOrderFactsOf(data: unknown): WorkOrderFacts | null {
  const parsed = workOrderFactsSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** A board filter as the list query keys carry it: `none` is "no branch" / "unassigned". */
export interface LiveListFilters {
  status?: string | undefined;
  branchId?: string | undefined;
  technicianId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const matchesNullable = (wanted: string | null | undefined, actual: string | null) =>
  wanted === undefined || wanted === null || (wanted === 'none' ? actual === null : wanted === actual);

/** Whether the work order, as it is now, passes the filters (text search is the server's: assumed to match). */
export function isInFilters(facts: WorkOrderFacts, filters: LiveListFilters): boolean {
  return (
    (filters.status === undefined || filters.status === facts.status) &&
    matchesNullable(filters.branchId, facts.branchId) &&
    matchesNullable(filters.technicianId, facts.technicianId) &&
    (filters.from === undefined || facts.createdAt >= filters.from) &&
    (filters.to === undefined || facts.createdAt < filters.to)
  );
}

const showsWorkOrder = (data: unknown, id: string) => {
  const items = (data as { items?: { id?: unknown }[] } | undefined)?.items;
  return Array.isArray(items) && items.some((item) => item.id === id);
};

/**
 * Whether a work-order event can change what a `['work-orders', …]` query shows: a list
 * when the work order is on it now or belongs on it after the change; a branch's counts,
 * SLA lists, unassigned queue and technician loads when it is that branch's; one work
 * order's detail and messages when it is that one. Any other query, or an event whose
 * payload is not understood, counts as changed.
 */
export function isWorkOrderQueryHit(queryKey: QueryKey, data: unknown, facts: WorkOrderFacts | null): boolean {
  if (facts === null) return true;
  const [, kind, argument] = queryKey;
  switch (kind) {
    case 'list':
      return showsWorkOrder(data, facts.id) || isInFilters(facts, (argument ?? {}) as LiveListFilters);
    case 'counts':
    case 'sla':
    case 'unassigned':
    case 'technician-loads':
      return matchesNullable(argument as string | null | undefined, facts.branchId);
    case 'detail':
    case 'messages':
      return argument === facts.id;
    case 'open-of-customer':
      return argument === facts.customer.id;
    default:
      return true;
  }
}

export interface RefreshTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserTimers: RefreshTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface RefreshThrottleOptions {
  /** The least time between two refreshes of one key. */
  intervalMs?: number;
  /** How long a first request waits for the events that come with it (an issue brings two). */
  gatherMs?: number;
  timers?: RefreshTimers;
}

/**
 * Calls `refresh(key)` for requested keys: `gatherMs` after the first request, then at
 * most once per `intervalMs` per key while requests keep coming; requests meanwhile
 * merge into the one pending refresh.
 */
export function createRefreshThrottle(
  refresh: (key: string) => void,
  { intervalMs = 1000, gatherMs = 250, timers = browserTimers }: RefreshThrottleOptions = {},
) {
  const lastRunAt = new Map<string, number>();
  const pending = new Map<string, unknown>();
  return {
    request(key: string) {
      if (pending.has(key)) return;
      const sinceLast = timers.now() - (lastRunAt.get(key) ?? Number.NEGATIVE_INFINITY);
      // Only the keys refreshed within the interval are remembered.
      if (sinceLast >= intervalMs) lastRunAt.delete(key);
      const wait = Math.max(gatherMs, intervalMs - sinceLast);
      const handle = timers.setTimeout(() => {
        pending.delete(key);
        lastRunAt.set(key, timers.now());
        refresh(key);
      }, wait);
      pending.set(key, handle);
    },
    cancel() {
      for (const handle of pending.values()) timers.clearTimeout(handle);
      pending.clear();
    },
  };
}
