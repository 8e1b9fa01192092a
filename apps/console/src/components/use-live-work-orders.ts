import type { StreamStatus } from '@purnajual/client';
import type { EventType } from '@purnajual/contract';
import { useLiveQueries } from './use-live-queries';

const workOrderQueries = (type: EventType) => (type.startsWith('work_order.') ? [['work-orders']] : []);

/**
 * Keeps every work-order query fresh from the event stream: a change anywhere refetches
 * what is on screen. Returns the connection state for the indicator.
 */
export const useLiveWorkOrders = (): StreamStatus => useLiveQueries(workOrderQueries);
