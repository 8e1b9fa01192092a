import { type StreamStatus, subscribeToEvents } from '@purnajual/client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/**
 * Keeps every work-order query fresh from the event stream: a change anywhere refetches
 * what is on screen (at most every 250 ms). Returns the connection state for the indicator.
 */
export function useLiveWorkOrders(): StreamStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>('connecting');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
      }, 250);
    };
    const unsubscribe = subscribeToEvents({
      onEvent: (type) => {
        if (type.startsWith('work_order.')) refresh();
      },
      onStatus: setStatus,
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [queryClient]);
  return status;
}
