import { pageSchema, stockLedgerEntrySchema, workOrderRefSchema, workOrderSummarySchema } from '@purnajual/contract';
import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { api } from '../../../app/api';

export interface LedgerFilters {
  locationId?: string | undefined;
  partId?: string | undefined;
  workOrderId?: string | undefined;
}

const ledgerPageSchema = pageSchema(stockLedgerEntrySchema);

/** Movements, newest first. */
export const fetchLedger = (filters: LedgerFilters, cursor: string | undefined) =>
  api.request('GET /api/v1/stock/ledger', ledgerPageSchema, { query: { ...filters, limit: 50, cursor } });

export const ledgerQueryOptions = (filters: LedgerFilters) =>
  infiniteQueryOptions({
    // Under ['stock']: every movement adds a line, so the live stream refreshes it with the stock.
    queryKey: ['stock', 'ledger', filters],
    queryFn: ({ pageParam }) => fetchLedger(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const useLedger = (filters: LedgerFilters) => useInfiniteQuery(ledgerQueryOptions(filters));

export const workOrderNumberQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['work-order-numbers', id],
    // A ledger line carries only the work order's id; its detail answers the number.
    queryFn: () => api.request('GET /api/v1/work-orders/:id', workOrderRefSchema, { params: { id } }),
    // A work order's number never changes.
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useWorkOrderNumber = (id: string) => useQuery(workOrderNumberQueryOptions(id));

export const workOrderByNumberQueryOptions = (number: string) =>
  queryOptions({
    queryKey: ['work-order-numbers', 'by-number', number],
    queryFn: async () => {
      const page = await api.request('GET /api/v1/work-orders', pageSchema(workOrderSummarySchema), {
        query: { q: number, limit: 10 },
      });
      // The search also matches names, phones and serial numbers; the filter wants this number only.
      return page.items.find((order) => order.number === number) ?? null;
    },
  });

/** The work order a clerk typed the number of, or null when no visible work order has it. */
export const useWorkOrderByNumber = (number: string) =>
  useQuery({ ...workOrderByNumberQueryOptions(number), enabled: number !== '' });
