import {
  type PartRequestStatus,
  type PartRequestTransitionBody,
  pageSchema,
  partRequestSchema,
} from '@purnajual/contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../app/api';
import { stockDocumentsQueryOptions, useStockDocumentTransition } from './stock-documents';

/** `open`: what still waits for the warehouse (requested or approved). */
export type PartRequestFilter = 'open' | PartRequestStatus | 'all';

const statusesOf = (filter: PartRequestFilter) =>
  filter === 'all' ? undefined : filter === 'open' ? 'requested,approved' : filter;

const partRequestPageSchema = pageSchema(partRequestSchema);

/** The branch's requests, newest first. */
export const fetchPartRequests = (filter: PartRequestFilter, cursor: string | undefined) =>
  api.request('GET /api/v1/part-requests', partRequestPageSchema, {
    query: { status: statusesOf(filter), limit: 50, cursor },
  });

export const partRequestsQueryOptions = (filter: PartRequestFilter) =>
  stockDocumentsQueryOptions('part-requests', filter, fetchPartRequests);

export const usePartRequests = (filter: PartRequestFilter) => useInfiniteQuery(partRequestsQueryOptions(filter));

/** Approve, reject or issue, guarded by the version the clerk saw; issuing moves stock. */
export const usePartRequestTransition = (id: string) =>
  useStockDocumentTransition(
    'part-requests',
    (body: PartRequestTransitionBody, headers) =>
      api.request('POST /api/v1/part-requests/:id/transitions', partRequestSchema, { params: { id }, body, headers }),
    (body) => body.action === 'issue',
  );
