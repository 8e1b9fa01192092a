/*
 * One process of the streams bench's clients: holds its share of the event streams (a
 * process is limited in file descriptors, a source address in ports) and reports, for a
 * watched work order, the wall-clock time its event reached each stream.
 */
import { openSseClients, type SseClient } from './sse-clients';

export type WorkerCommand =
  | { type: 'open'; urls: string[]; token: string; count: number; localAddress: string }
  | { type: 'watch'; id: string; timeoutMs: number }
  | { type: 'close' };

export type WorkerReply =
  | { type: 'opened'; streams: number }
  | { type: 'watching'; id: string }
  | { type: 'arrived'; id: string; times: number[]; missing: number }
  | { type: 'closed' };

const send = (reply: WorkerReply) => process.send?.(reply);
/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
const wallNow = () => performance.timeOrigin + performance.now();

let clients: SseClient[] = [];
/** The watched work order and, per stream, when its event arrived (the first time). */
let watch: { id: string; arrivals: Map<number, number> } | undefined;

async function open({ urls, token, count, localAddress }: Extract<WorkerCommand, { type: 'open' }>) {
  const perUrl = Math.ceil(count / urls.length);
  for (const [index, url] of urls.entries()) {
    const share = Math.min(perUrl, count - index * perUrl);
    clients.push(...(await openSseClients(url, token, share, 200, localAddress)));
  }
  for (const [index, client] of clients.entries()) {
    client.onEvent((data) => {
      if (watch !== undefined && data.id === watch.id && !watch.arrivals.has(index))
        watch.arrivals.set(index, wallNow());
    });
  }
  send({ type: 'opened', streams: clients.length });
}

async function collect(id: string, timeoutMs: number) {
  const current = { id, arrivals: new Map<number, number>() };
  watch = current;
  send({ type: 'watching', id });
  const until = Date.now() + timeoutMs;
  while (current.arrivals.size < clients.length && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
  watch = undefined;
  const times = [...current.arrivals.values()];
  send({ type: 'arrived', id, times, missing: clients.length - times.length });
}

process.on('message', (command: WorkerCommand) => {
  if (command.type === 'open') void open(command);
  else if (command.type === 'watch') void collect(command.id, command.timeoutMs);
  else {
    for (const client of clients) client.close();
    clients = [];
    send({ type: 'closed' });
  }
});
