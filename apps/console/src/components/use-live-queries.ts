import { type StreamStatus, subscribeToEvents } from '@purnajual/client';
import type { EventType } from '@purnajual/contract';
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/** The queries an event makes stale; none for the events a screen does not show. */
export type StaleQueries = (type: EventType) => readonly QueryKey[];

/**
 * Keeps queries fresh from the event stream: each event names the queries it makes stale,
 * and those refetch together at most every 250 ms, however many events arrive (an issue
 * brings a request change and a stock change at once). `staleQueries` must be a stable
 * function (defined at module level), or the stream reconnects on every render.
 * Returns the connection state for the indicator.
 */
export function useLiveQueries(staleQueries: StaleQueries): StreamStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>('connecting');
  useEffect(() => {
    const stale = new Map<string, QueryKey>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      timer = undefined;
      for (const queryKey of stale.values()) void queryClient.invalidateQueries({ queryKey });
      stale.clear();
    };
    const unsubscribe = subscribeToEvents({
      onEvent: (type) => {
        for (const queryKey of staleQueries(type)) stale.set(JSON.stringify(queryKey), queryKey);
        if (stale.size > 0 && !timer) timer = setTimeout(refresh, 250);
      },
      // Events were missed beyond replay: every query may be stale.
      onReload: () => void queryClient.invalidateQueries(),
      onStatus: setStatus,
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [queryClient, staleQueries]);
  return status;
}
