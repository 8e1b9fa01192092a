import { useEffect, useState } from 'react';
import { refreshWorkOrder } from '../../../data/sync';

export type WorkOrderRead = { state: 'reading' } | { state: 'done' } | { state: 'failed'; error: unknown };

/**
 * Reads one work order from the server each time a screen of it opens: fresh history,
 * report and bill when there is a network, the stored copy when there is not. A screen
 * with nothing stored yet waits for this read (a new phone fetches right after sign-in)
 * and says the work order is not on the phone only once the read has failed offline.
 */
export function useWorkOrderRead(id: string): WorkOrderRead {
  const [read, setRead] = useState<WorkOrderRead & { id: string }>({ id, state: 'reading' });

  useEffect(() => {
    let isCurrent = true;
    refreshWorkOrder(id).then(
      () => isCurrent && setRead({ id, state: 'done' }),
      (error: unknown) => isCurrent && setRead({ id, state: 'failed', error }),
    );
    return () => {
      isCurrent = false;
    };
  }, [id]);

  // Until the read of a new id has ended, the one of the previous id says nothing about it.
  return read.id === id ? read : { state: 'reading' };
}
