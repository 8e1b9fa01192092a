import {
  type PartReturnStatus,
  type PartReturnTransitionBody,
  pageSchema,
  partReturnSchema,
} from '@purnajual/contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../app/api';
import { stockDocumentsQueryOptions, useStockDocumentTransition } from './stock-documents';

export type PartReturnFilter = PartReturnStatus | 'all';

const partReturnPageSchema = pageSchema(partReturnSchema);

/** Returns to the branch's warehouse, newest first. */
export const fetchPartReturns = (filter: PartReturnFilter, cursor: string | undefined) =>
  api.request('GET /api/v1/part-returns', partReturnPageSchema, {
    query: { status: filter === 'all' ? undefined : filter, limit: 50, cursor },
  });

export const partReturnsQueryOptions = (filter: PartReturnFilter) =>
  stockDocumentsQueryOptions('part-returns', filter, fetchPartReturns);

export const usePartReturns = (filter: PartReturnFilter) => useInfiniteQuery(partReturnsQueryOptions(filter));

/** Receive (the parts move into the warehouse or its defective bin) or cancel. */
export const usePartReturnTransition = (id: string) =>
  useStockDocumentTransition(
    'part-returns',
    (body: PartReturnTransitionBody, headers) =>
      api.request('POST /api/v1/part-returns/:id/transitions', partReturnSchema, { params: { id }, body, headers }),
    (body) => body.action === 'receive',
  );
