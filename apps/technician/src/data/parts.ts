import { useLiveQuery } from 'dexie-react-hooks';
import { db } from './db';

export const useBag = () => useLiveQuery(() => db.bag.get('me'), []);

export const usePartRequests = () =>
  useLiveQuery(() => db.partRequests.orderBy('createdAt').reverse().toArray(), [], []);

export const usePartReturns = () => useLiveQuery(() => db.partReturns.orderBy('createdAt').reverse().toArray(), [], []);

export const useCatalog = () => useLiveQuery(() => db.parts.orderBy('partNo').toArray(), [], []);

/** Requests and returns made on the phone that the server has not taken yet. */
export const useQueuedPartChanges = (label: 'partRequest' | 'partReturn') =>
  useLiveQuery(
    () =>
      db.queue
        .where('state')
        .equals('pending')
        .filter((change) => change.label === label)
        .toArray(),
    [label],
    [],
  );
