import {
  type KpiDrillDown,
  type KpiQuery,
  kpiSchema,
  pageSchema,
  repeatRepairsSchema,
  workOrderSummarySchema,
} from '@purnajual/contract';
import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { api } from '../../../app/api';

export const kpisQueryOptions = (query: KpiQuery) =>
  queryOptions({
    queryKey: ['reports', 'kpis', query],
    queryFn: () => api.request('GET /api/v1/reports/kpis', kpiSchema, { query }),
    // The figures of the previous period stay while the next ones arrive.
    placeholderData: keepPreviousData,
  });

/** The figures of a period; asked only once the period is whole and in order. */
export const useKpis = (query: KpiQuery, enabled: boolean) => useQuery({ ...kpisQueryOptions(query), enabled });

const workOrdersPageSchema = pageSchema(workOrderSummarySchema);

/** Rows per page of a drill-down: a month's figures usually fit on one. */
export const drillDownPageSize = 100;

export const kpiWorkOrdersQueryOptions = (kpi: KpiDrillDown, query: KpiQuery) =>
  infiniteQueryOptions({
    queryKey: ['reports', 'kpi-work-orders', kpi, query],
    queryFn: ({ pageParam }) =>
      api.request('GET /api/v1/reports/kpis/work-orders', workOrdersPageSchema, {
        query: { ...query, kpi, limit: drillDownPageSize, cursor: pageParam },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

/** The work orders behind a figure, newest first. */
export const useKpiWorkOrders = (kpi: KpiDrillDown, query: KpiQuery) =>
  useInfiniteQuery(kpiWorkOrdersQueryOptions(kpi, query));

/** Repeat repairs of the period by technician and by model. */
export const useRepeatRepairs = (query: KpiQuery) =>
  useQuery({
    queryKey: ['reports', 'repeat-repairs', query],
    queryFn: () => api.request('GET /api/v1/reports/repeat-repairs', repeatRepairsSchema, { query }),
    placeholderData: keepPreviousData,
  });
