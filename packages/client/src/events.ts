import { type EventType, eventTypes, reloadEventType } from '@purnajual/contract';
import { pathOf } from './routes';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting';

export interface StreamHandlers {
  onEvent: (type: EventType, data: unknown) => void;
  /** What was missed can no longer be replayed (the server pruned it): load everything again. */
  onReload: () => void;
  onStatus?: (status: StreamStatus) => void;
}

/**
 * Subscribes to `GET /api/v1/events`. The browser's EventSource reconnects by itself and
 * sends `Last-Event-ID`, so the server replays whatever was missed — or, after a long time
 * away, says to reload; this reports the connection state for the indicator the apps show.
 */
export function subscribeToEvents(handlers: StreamHandlers, url = pathOf('GET /api/v1/events').path): () => void {
  const source = new EventSource(url, { withCredentials: true });
  handlers.onStatus?.('connecting');
  source.onopen = () => handlers.onStatus?.('open');
  source.onerror = () => handlers.onStatus?.(source.readyState === EventSource.CLOSED ? 'reconnecting' : 'connecting');
  source.addEventListener(reloadEventType, () => handlers.onReload());
  for (const type of eventTypes) {
    source.addEventListener(type, (event) => {
      handlers.onEvent(type, JSON.parse((event as MessageEvent<string>).data));
    });
  }
  return () => source.close();
}
