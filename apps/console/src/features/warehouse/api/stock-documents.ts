import { infiniteQueryOptions, keepPreviousData, useMutation, useQueryClient } from '@tanstack/react-query';

/** What a technician hands the warehouse, named as in its API path and its query keys. */
export type StockDocumentKind = 'part-requests' | 'part-returns';

/** One page of a queue, as `fetchPage` fetches it for the status filter. */
export const stockDocumentsQueryOptions = <F extends string, P extends { nextCursor: string | null }>(
  kind: StockDocumentKind,
  filter: F,
  fetchPage: (filter: F, cursor: string | undefined) => Promise<P>,
) =>
  infiniteQueryOptions({
    queryKey: [kind, 'list', filter],
    queryFn: ({ pageParam }) => fetchPage(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/**
 * One transition of a document, guarded by the version the clerk saw: `send` posts it with
 * the given headers. Also after a refusal the kind's lists refresh, so a version conflict or
 * a change made meanwhile shows as it now is; the stock refreshes too when `movesStock` says
 * the action moved parts.
 */
export function useStockDocumentTransition<B, D>(
  kind: StockDocumentKind,
  send: (body: B, headers: Record<string, string>) => Promise<D>,
  movesStock: (body: B) => boolean,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: B; version: number }) =>
      send(body, { 'if-match': String(version), 'idempotency-key': crypto.randomUUID() }),
    onSettled: (_document, _error, { body }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: [kind] }),
        movesStock(body) ? queryClient.invalidateQueries({ queryKey: ['stock'] }) : undefined,
      ]),
  });
}
