import type { StreamStatus } from '@purnajual/client';
import { Outlet, useOutletContext } from 'react-router';
import { useLiveWarehouse } from '../api/use-live-warehouse';

/**
 * The frame of the warehouse screens: one event stream for all of them. A stream opened
 * anew by each screen would miss whatever happened while the clerk moved between two
 * (a new connection does not replay), such as a request arriving on the way to the queue.
 */
export function WarehouseSection() {
  const live = useLiveWarehouse();
  return <Outlet context={live} />;
}

/** The state of the warehouse screens' event stream, for the connection indicator. */
export const useWarehouseStream = () => useOutletContext<StreamStatus>();
