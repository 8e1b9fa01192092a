import type { FastifyInstance } from 'fastify';

export interface StreamEvent {
  id: number;
  type: string;
  data: { id: string; [key: string]: unknown };
}

/** Starts the app on a free loopback port and returns its base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' });
}

/**
 * Opens `GET /api/v1/events` as a browser's EventSource would and collects the events.
 * `waitFor` resolves when a matching event has arrived, or rejects after `timeoutMs`.
 */
export async function openStream(baseUrl: string, token: string, lastEventId?: number) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/events`, {
    headers: {
      authorization: `Bearer ${token}`,
      ...(lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) }),
    },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`stream refused: ${response.status}`);
  const events: StreamEvent[] = [];
  const listeners = new Set<() => void>();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let boundary = buffer.indexOf('\n\n');
      while (boundary >= 0) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const fields = new Map(
          block
            .split('\n')
            .filter((line) => line && !line.startsWith(':'))
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()] as const),
        );
        const data = fields.get('data');
        if (data !== undefined) {
          events.push({ id: Number(fields.get('id')), type: fields.get('event') ?? 'message', data: JSON.parse(data) });
          for (const listener of listeners) listener();
        }
        boundary = buffer.indexOf('\n\n');
      }
    }
  })().catch(() => undefined);

  return {
    events,
    /** Resolves when the server has ended the stream (or it was closed). */
    ended: pump,
    async waitFor(predicate: (event: StreamEvent) => boolean, timeoutMs = 2000): Promise<StreamEvent> {
      const found = events.find(predicate);
      if (found) return found;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${events.map((e) => e.type).join(', ')}`));
        }, timeoutMs);
        const check = () => {
          const match = events.find(predicate);
          if (!match) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve(match);
        };
        listeners.add(check);
      });
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks for a stream and, should one open, closes it at once: for the refusals (their status and problem). */
export async function askForStream(baseUrl: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const problem = response.status === 200 ? null : ((await response.json()) as { code: string; detail: string });
  controller.abort();
  return { status: response.status, contentType: response.headers.get('content-type'), problem };
}

/**
 * Opens a stream once a place is free: the server learns asynchronously that a stream
 * was closed, and refuses (429) until it has.
 */
export async function openStreamWhenFree(baseUrl: string, token: string) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await openStream(baseUrl, token);
    } catch (error) {
      if (attempt === 100 || !String(error).includes('429')) throw error;
      await sleep(50);
    }
  }
}
