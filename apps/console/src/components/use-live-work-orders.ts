import type { StreamStatus } from '@purnajual/client';
import { isWorkOrderQueryHit, workOrderFactsOf } from './live-refresh';
import { type IsQueryStale, useLiveQueries } from './use-live-queries';

const isWorkOrderQueryStale: IsQueryStale = (type, data, query) =>
  type.startsWith('work_order.') &&
  query.queryKey[0] === 'work-orders' &&
  isWorkOrderQueryHit(query.queryKey, query.state.data, workOrderFactsOf(data));

/**
 * Keeps the work-order queries fresh from the event stream: a change refetches what is on
 * screen and can show it (its branch, status, technician, dates). Returns the connection
 * state for the indicator.
 */
export const useLiveWorkOrders = (): StreamStatus => useLiveQueries(isWorkOrderQueryStale);
