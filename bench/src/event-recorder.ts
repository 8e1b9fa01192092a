import { type ClientRequest, get } from 'node:http';
import type { Kysely } from 'kysely';
import type { DB } from '../../apps/server/src/db/schema/index';
import { readSseEvents } from './sse-clients';

/** The newest event in the outbox: a stream opened with it as `Last-Event-ID` gets only what follows. */
export async function lastOutboxEventId(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('outbox_event')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/**
 * An event-stream client as a browser's EventSource is one: it stays connected to one
 * instance, and when the stream ends (the instance was killed, or the database was down
 * when it tried) it connects again with `Last-Event-ID`. It records the id of every event.
 */
export class EventRecorder {
  readonly ids: number[] = [];
  readonly #seen = new Set<number>();
  duplicates = 0;
  /** Events that arrived with an id lower than one already received (not a duplicate). */
  outOfOrder = 0;
  connects = 0;
  lastId: number;
  #request: ClientRequest | undefined;
  #stopped = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    readonly name: string,
    private readonly baseUrl: string,
    private readonly token: string,
    afterId: number,
  ) {
    this.lastId = afterId;
  }

  start() {
    this.#connect();
  }

  stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#request?.destroy();
  }

  #reconnect(request: ClientRequest) {
    // Events of a request already replaced by a newer one change nothing.
    if (this.#stopped || this.#timer !== undefined || request !== this.#request) return;
    this.#request?.destroy();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#connect();
    }, 500);
  }

  #record(id: number) {
    if (this.#seen.has(id)) {
      this.duplicates += 1;
      return;
    }
    if (id < this.lastId) this.outOfOrder += 1;
    this.#seen.add(id);
    this.ids.push(id);
    this.lastId = Math.max(this.lastId, id);
  }

  #connect() {
    if (this.#stopped) return;
    const request = get(`${this.baseUrl}/api/v1/events`, {
      headers: { authorization: `Bearer ${this.token}`, 'last-event-id': String(this.lastId) },
    });
    this.#request = request;
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        this.#reconnect(request);
        return;
      }
      this.connects += 1;
      readSseEvents(response, (event) => {
        if (event.id !== undefined) this.#record(Number(event.id));
      });
      // 'close' follows both a clean end and a broken connection.
      response.on('error', () => undefined);
      response.on('close', () => this.#reconnect(request));
    });
    request.on('error', () => this.#reconnect(request));
  }
}
