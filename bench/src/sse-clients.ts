import { Agent, get } from 'node:http';

export interface SseClient {
  /** Called with each event's id and parsed data. */
  onEvent: (listener: (data: { id: string; version?: number }) => void) => void;
  close(): void;
}

// Every stream holds its own socket for as long as the benchmark runs.
const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

/** A minimal EventSource: enough to time events without a browser's overhead. */
export function openSseClient(baseUrl: string, token: string): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const listeners: ((data: { id: string; version?: number }) => void)[] = [];
    const request = get(
      `${baseUrl}/api/v1/events`,
      { agent, headers: { authorization: `Bearer ${token}` } },
      (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`stream refused: ${response.statusCode}`));
          return;
        }
        response.setEncoding('utf8');
        let buffer = '';
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let boundary = buffer.indexOf('\n\n');
          while (boundary >= 0) {
            const block = buffer.slice(0, boundary);
            buffer = buffer.slice(boundary + 2);
            const dataLine = block.split('\n').find((line) => line.startsWith('data: '));
            if (dataLine && listeners.length > 0) {
              const data = JSON.parse(dataLine.slice(6)) as { id: string; version?: number };
              for (const listener of listeners) listener(data);
            }
            boundary = buffer.indexOf('\n\n');
          }
        });
        resolve({ onEvent: (listener) => listeners.push(listener), close: () => request.destroy() });
      },
    );
    request.on('error', reject);
  });
}

/** Opens `count` streams, `concurrency` at a time. */
export async function openSseClients(baseUrl: string, token: string, count: number, concurrency = 200) {
  const clients: SseClient[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const batch = Math.min(concurrency, count - start);
    clients.push(...(await Promise.all(Array.from({ length: batch }, () => openSseClient(baseUrl, token)))));
  }
  return clients;
}
