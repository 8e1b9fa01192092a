import {
  pageSchema,
  partSchema,
  type StockLocation,
  type StockReceiptBody,
  stockItemSchema,
  stockLocationSchema,
  stockReceiptSchema,
  technicianPartLimitsSchema,
} from '@purnajual/contract';
import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../app/api';

export const fetchStockLocations = () =>
  api.request('GET /api/v1/stock-locations', z.object({ items: z.array(stockLocationSchema) }));

export const stockLocationsQueryOptions = () =>
  queryOptions({
    // Not under ['stock']: a stock movement changes quantities, never the places that hold them.
    queryKey: ['stock-locations'],
    queryFn: fetchStockLocations,
    staleTime: 300_000,
  });

/** The warehouses, defective bins and bags the user may see, and a lookup by id for the ledger. */
export function useStockLocations() {
  const query = useQuery(stockLocationsQueryOptions());
  const items = query.data?.items ?? [];
  const byId = new Map<string, StockLocation>(items.map((location) => [location.id, location]));
  return { ...query, items, byId };
}

export interface StockFilters {
  locationId: string;
  q?: string | undefined;
  lowStock: boolean;
}

const stockPageSchema = pageSchema(stockItemSchema);

export const fetchStock = (filters: StockFilters, cursor: string | undefined) =>
  api.request('GET /api/v1/stock', stockPageSchema, {
    query: {
      locationId: filters.locationId,
      q: filters.q,
      lowStock: filters.lowStock ? 'true' : undefined,
      limit: 100,
      cursor,
    },
  });

export const stockQueryOptions = (filters: StockFilters) =>
  infiniteQueryOptions({
    queryKey: ['stock', 'list', filters],
    queryFn: ({ pageParam }) => fetchStock(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const useStock = (filters: StockFilters) => useInfiniteQuery(stockQueryOptions(filters));

/** Goods from a supplier into a warehouse; the stock lists and the ledger refetch. */
export function useReceiveGoods() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StockReceiptBody) =>
      api.request('POST /api/v1/stock/receipts', stockReceiptSchema, {
        body,
        headers: { 'idempotency-key': crypto.randomUUID() },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['stock'] }),
  });
}

const partsPageSchema = pageSchema(partSchema);

/** The catalog searched by part number or a word of the name; a real catalog is too long to load whole. */
export const partsQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ['parts', 'search', q],
    queryFn: () => api.request('GET /api/v1/parts', partsPageSchema, { query: { q: q || undefined, limit: 30 } }),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

export const useParts = (q: string) => useQuery(partsQueryOptions(q));

export const partQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['parts', 'detail', id],
    queryFn: () => api.request('GET /api/v1/parts/:id', partSchema, { params: { id } }),
    staleTime: 300_000,
  });

/** One part by id, for a filter that arrives in the address without its name. */
export const usePart = (id: string | null) => useQuery({ ...partQueryOptions(id ?? ''), enabled: id !== null });

export const technicianLimitsQueryOptions = (technicianId: string) =>
  queryOptions({
    // Under ['stock']: what the bag holds changes with every movement into or out of it.
    queryKey: ['stock', 'limits', technicianId],
    queryFn: () =>
      api.request('GET /api/v1/technicians/:id/part-limits', technicianPartLimitsSchema, {
        params: { id: technicianId },
      }),
  });

/** What a technician may carry and carries now, beside a request the warehouse is deciding on. */
export const useTechnicianLimits = (technicianId: string, enabled: boolean) =>
  useQuery({ ...technicianLimitsQueryOptions(technicianId), enabled });
