import type { StreamStatus } from '@purnajual/client';
import { useEffect, useState } from 'react';

export interface LiveSync {
  status: StreamStatus;
  /** The newest notification that arrived while the app was open, for the toast. */
  arrived: { id: string; title: string } | null;
}

/**
 * Starts the live sync once the first screen is up: the sync code and the schemas it
 * validates with are a download of their own, kept out of the first paint.
 */
export function useLiveSync(me: string): LiveSync {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [arrived, setArrived] = useState<LiveSync['arrived']>(null);

  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    void import('../data/live').then(({ startLiveSync }) => {
      if (!cancelled) stop = startLiveSync(me, { onStatus: setStatus, onNotification: setArrived });
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [me]);

  return { status, arrived };
}
