import {
  assignmentCandidateSchema,
  pageSchema,
  type WorkOrderStatus,
  type WorkOrderSummary,
  type WorkOrderTransitionBody,
  workOrderCountsSchema,
  workOrderDetailSchema,
  workOrderSummarySchema,
} from '@purnajual/contract';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../app/api';

export interface BoardFilters {
  status?: WorkOrderStatus | undefined;
  branchId?: string | undefined;
  technicianId?: string | undefined;
  q?: string | undefined;
  /** ISO instants: created at or after / before. */
  from?: string | undefined;
  to?: string | undefined;
}

const listSchema = pageSchema(workOrderSummarySchema);

/** The board shows up to this many work orders, newest first; filters narrow it down. */
export const boardMaxItems = 500;

/** Pages through the list (200 per request) until the board is full or the list ends. */
export async function fetchWorkOrders(filters: BoardFilters) {
  const items: WorkOrderSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: z.infer<typeof listSchema> = await api.request('GET /api/v1/work-orders', listSchema, {
      query: { ...filters, limit: 200, cursor: cursor ?? undefined },
    });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && items.length < boardMaxItems);
  return { items: items.slice(0, boardMaxItems), truncated: cursor !== null };
}

export const workOrdersQueryOptions = (filters: BoardFilters) =>
  queryOptions({
    queryKey: ['work-orders', 'list', filters],
    queryFn: () => fetchWorkOrders(filters),
    placeholderData: keepPreviousData,
  });

export const useWorkOrders = (filters: BoardFilters) => useQuery(workOrdersQueryOptions(filters));

export const workOrderCountsQueryOptions = (branchId: string | undefined) =>
  queryOptions({
    queryKey: ['work-orders', 'counts', branchId ?? null],
    queryFn: () => api.request('GET /api/v1/work-orders/counts', workOrderCountsSchema, { query: { branchId } }),
  });

export const useWorkOrderCounts = (branchId: string | undefined) => useQuery(workOrderCountsQueryOptions(branchId));

export const workOrderQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['work-orders', 'detail', id],
    queryFn: () => api.request('GET /api/v1/work-orders/:id', workOrderDetailSchema, { params: { id } }),
  });

export const useWorkOrder = (id: string) => useQuery(workOrderQueryOptions(id));

/** Repairs of one unit a history shows: the latest, under every owner the unit had. */
export const unitHistoryLimit = 10;

/** A unit's work orders, newest first; live like the lists (`work-orders` keys refresh on events). */
export const useUnitHistory = (customerProductId: string | undefined) =>
  useQuery({
    queryKey: ['work-orders', 'unit-history', customerProductId ?? null],
    queryFn: () =>
      api.request('GET /api/v1/work-orders', listSchema, { query: { customerProductId, limit: unitHistoryLimit } }),
    enabled: customerProductId !== undefined,
  });

export const candidatesQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['work-orders', 'candidates', id],
    queryFn: () =>
      api.request('GET /api/v1/work-orders/:id/candidates', z.object({ items: z.array(assignmentCandidateSchema) }), {
        params: { id },
      }),
  });

export const useCandidates = (id: string, enabled: boolean) => useQuery({ ...candidatesQueryOptions(id), enabled });

/** Takes an action of the status machine, guarded by the version the user saw. */
export function useTransition(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: WorkOrderTransitionBody; version: number }) =>
      api.request('POST /api/v1/work-orders/:id/transitions', workOrderDetailSchema, {
        params: { id },
        body,
        headers: { 'if-match': String(version), 'idempotency-key': crypto.randomUUID() },
      }),
    onSuccess: (detail) => queryClient.setQueryData(['work-orders', 'detail', id], detail),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['work-orders'] }),
  });
}
