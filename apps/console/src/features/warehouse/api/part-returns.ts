import {
  type PartReturnStatus,
  type PartReturnTransitionBody,
  pageSchema,
  partReturnSchema,
} from '@purnajual/contract';
import {
  infiniteQueryOptions,
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../../app/api';

export type PartReturnFilter = PartReturnStatus | 'all';

const partReturnPageSchema = pageSchema(partReturnSchema);

/** Returns to the branch's warehouse, newest first. */
export const fetchPartReturns = (filter: PartReturnFilter, cursor: string | undefined) =>
  api.request('GET', '/api/v1/part-returns', partReturnPageSchema, {
    query: { status: filter === 'all' ? undefined : filter, limit: 50, cursor },
  });

export const partReturnsQueryOptions = (filter: PartReturnFilter) =>
  infiniteQueryOptions({
    queryKey: ['part-returns', 'list', filter],
    queryFn: ({ pageParam }) => fetchPartReturns(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const usePartReturns = (filter: PartReturnFilter) => useInfiniteQuery(partReturnsQueryOptions(filter));

/** Receive (the parts move into the warehouse or its defective bin) or cancel. */
export function usePartReturnTransition(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: PartReturnTransitionBody; version: number }) =>
      api.request('POST', `/api/v1/part-returns/${id}/transitions`, partReturnSchema, {
        body,
        headers: { 'if-match': String(version), 'idempotency-key': crypto.randomUUID() },
      }),
    onSettled: (_partReturn, _error, { body }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['part-returns'] }),
        body.action === 'receive' ? queryClient.invalidateQueries({ queryKey: ['stock'] }) : undefined,
      ]),
  });
}
