import { type StreamStatus, subscribeToEvents } from '@purnajual/client';
import type { EventType } from '@purnajual/contract';
import { type Query, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { createRefreshThrottle } from './live-refresh';

/** Whether an event (its type and payload) can change what a cached query holds. */
export type IsQueryStale = (type: EventType, data: unknown, query: Pick<Query, 'queryKey' | 'state'>) => boolean;

/**
 * Keeps queries fresh from the event stream: each event marks stale the cached queries it
 * can change, and of those the ones on screen refetch — each at most once a second, however
 * many events arrive (see live-refresh.ts). `isStale` must be a stable function (defined at
 * module level), or the stream reconnects on every render. Returns the connection state
 * for the indicator.
 */
export function useLiveQueries(isStale: IsQueryStale): StreamStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>('connecting');
  useEffect(() => {
    const cache = queryClient.getQueryCache();
    const throttle = createRefreshThrottle((queryHash) => {
      const query = cache.get(queryHash);
      if (query) void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
    });
    const unsubscribe = subscribeToEvents({
      onEvent: (type, data) => {
        for (const query of cache.getAll()) {
          if (!isStale(type, data, query)) continue;
          // Off screen: refetched when shown again, not now.
          if (query.isActive()) throttle.request(query.queryHash);
          else void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true, refetchType: 'none' });
        }
      },
      // Events were missed beyond replay: every query may be stale.
      onReload: () => void queryClient.invalidateQueries(),
      onStatus: setStatus,
    });
    return () => {
      unsubscribe();
      throttle.cancel();
    };
  }, [queryClient, isStale]);
  return status;
}
