import { slaBoardSchema } from '@purnajual/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../app/api';

/**
 * The board's SLA lists, under 'work-orders' so that every work-order event refreshes them.
 * Time alone also moves work orders into the lists, so they refresh every minute as well.
 */
export const slaBoardQueryOptions = (branchId: string | undefined) =>
  queryOptions({
    queryKey: ['work-orders', 'sla', branchId ?? null],
    queryFn: () => api.request('GET /api/v1/reports/sla', slaBoardSchema, { query: { branchId } }),
    refetchInterval: 60_000,
  });

/** Open work orders at risk of missing their SLA and past it: `branchId` a branch, `none`, or all. */
export const useSlaBoard = (branchId: string | undefined) => useQuery(slaBoardQueryOptions(branchId));
