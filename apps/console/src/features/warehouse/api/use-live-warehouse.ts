import type { StreamStatus } from '@purnajual/client';
import type { EventType } from '@purnajual/contract';
import { partialMatchKey, type QueryKey } from '@tanstack/react-query';
import { type IsQueryStale, useLiveQueries } from '../../../components/use-live-queries';

const warehouseQueries = (type: EventType): QueryKey[] => {
  switch (type) {
    // Quantities, bag use against limits and the ledger all live under ['stock'].
    case 'stock.changed':
      return [['stock']];
    case 'part_request.created':
    case 'part_request.updated':
      return [['part-requests']];
    case 'part_return.created':
    case 'part_return.updated':
      return [['part-returns']];
    default:
      return [];
  }
};

const isWarehouseQueryStale: IsQueryStale = (type, _data, query) =>
  warehouseQueries(type).some((prefix) => partialMatchKey(query.queryKey, prefix));

/** Keeps the queue, the returns, the stock and the ledger fresh from the event stream. */
export const useLiveWarehouse = (): StreamStatus => useLiveQueries(isWarehouseQueryStale);
