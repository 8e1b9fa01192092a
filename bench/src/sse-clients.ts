import { Agent, get, type IncomingMessage } from 'node:http';

export interface SseClient {
  /** Called with each event's id and parsed data. */
  onEvent: (listener: (data: { id: string; version?: number }) => void) => void;
  close(): void;
}

/** The `id` and `data` fields of one event; a heartbeat comment has neither. */
export interface SseEvent {
  id?: string;
  data?: string;
}

/** Reads an event-stream response block by block (blocks end with a blank line). */
export function readSseEvents(response: IncomingMessage, onEvent: (event: SseEvent) => void) {
  response.setEncoding('utf8');
  let buffer = '';
  response.on('data', (chunk: string) => {
    buffer += chunk;
    for (let boundary = buffer.indexOf('\n\n'); boundary >= 0; boundary = buffer.indexOf('\n\n')) {
      const event: SseEvent = {};
      for (const line of buffer.slice(0, boundary).split('\n')) {
        if (line.startsWith('id:')) event.id = line.slice(3).trim();
        else if (line.startsWith('data:')) event.data = line.slice(5).trim();
      }
      buffer = buffer.slice(boundary + 2);
      onEvent(event);
    }
  });
}

// Every stream holds its own socket for as long as the benchmark runs.
const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

/**
 * A minimal EventSource: enough to time events without a browser's overhead. From
 * `localAddress` (127.0.0.2, …) when one source address would run out of ports.
 */
export function openSseClient(baseUrl: string, token: string, localAddress?: string): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const listeners: ((data: { id: string; version?: number }) => void)[] = [];
    const request = get(
      `${baseUrl}/api/v1/events`,
      { agent, localAddress, headers: { authorization: `Bearer ${token}` } },
      (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`stream refused: ${response.statusCode}`));
          return;
        }
        readSseEvents(response, (event) => {
          if (event.data === undefined || listeners.length === 0) return;
          const data = JSON.parse(event.data) as { id: string; version?: number };
          for (const listener of listeners) listener(data);
        });
        resolve({ onEvent: (listener) => listeners.push(listener), close: () => request.destroy() });
      },
    );
    request.on('error', reject);
  });
}

/** Opens `count` streams, `concurrency` at a time. */
export async function openSseClients(
  baseUrl: string,
  token: string,
  count: number,
  concurrency = 200,
  localAddress?: string,
) {
  const clients: SseClient[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const batch = Math.min(concurrency, count - start);
    const opened = Array.from({ length: batch }, () => openSseClient(baseUrl, token, localAddress));
    clients.push(...(await Promise.all(opened)));
  }
  return clients;
}
