import {
  type PartRequestStatus,
  type PartRequestTransitionBody,
  pageSchema,
  partRequestSchema,
} from '@purnajual/contract';
import {
  infiniteQueryOptions,
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../../app/api';

/** `open`: what still waits for the warehouse (requested or approved). */
export type PartRequestFilter = 'open' | PartRequestStatus | 'all';

const statusesOf = (filter: PartRequestFilter) =>
  filter === 'all' ? undefined : filter === 'open' ? 'requested,approved' : filter;

const partRequestPageSchema = pageSchema(partRequestSchema);

/** The branch's requests, newest first. */
export const fetchPartRequests = (filter: PartRequestFilter, cursor: string | undefined) =>
  api.request('GET', '/api/v1/part-requests', partRequestPageSchema, {
    query: { status: statusesOf(filter), limit: 50, cursor },
  });

export const partRequestsQueryOptions = (filter: PartRequestFilter) =>
  infiniteQueryOptions({
    queryKey: ['part-requests', 'list', filter],
    queryFn: ({ pageParam }) => fetchPartRequests(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const usePartRequests = (filter: PartRequestFilter) => useInfiniteQuery(partRequestsQueryOptions(filter));

/** Approve, reject or issue, guarded by the version the clerk saw. */
export function usePartRequestTransition(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: PartRequestTransitionBody; version: number }) =>
      api.request('POST', `/api/v1/part-requests/${id}/transitions`, partRequestSchema, {
        body,
        headers: { 'if-match': String(version), 'idempotency-key': crypto.randomUUID() },
      }),
    // Also after a refusal: a version conflict or a request issued meanwhile shows as it now is.
    onSettled: (_request, _error, { body }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['part-requests'] }),
        body.action === 'issue' ? queryClient.invalidateQueries({ queryKey: ['stock'] }) : undefined,
      ]),
  });
}
