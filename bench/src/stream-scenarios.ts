import { readFileSync } from 'node:fs';
import { appointmentSlot, percentile } from './load-scenarios';
import { openSseClients } from './sse-clients';

/**
 * `count` event streams and 20 transitions: for every stream the time until the event
 * arrived, from the transition's response and, as an upper bound, from sending it (events
 * may arrive before the response does).
 */
export async function measureFanOut(serverUrl: string, agentToken: string, ids: readonly string[], count: number) {
  const clients = await openSseClients(serverUrl, agentToken, count);
  const fromSent: number[] = [];
  const fromResponse: number[] = [];
  for (let round = 0; round < 20; round += 1) {
    const id = ids[round % ids.length] ?? '';
    const arrivals: Promise<number>[] = clients.map(
      (client) =>
        new Promise((resolveArrival) => {
          client.onEvent((data) => {
            if (data.id === id) resolveArrival(performance.now());
          });
        }),
    );
    const sent = performance.now();
    const response = await fetch(`${serverUrl}/api/v1/work-orders/${id}/transitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'schedule', ...appointmentSlot(round % ids.length) }),
    });
    const answered = performance.now();
    if (!response.ok) throw new Error(`transition failed: ${response.status}`);
    for (const arrived of await Promise.all(arrivals)) {
      fromSent.push(arrived - sent);
      fromResponse.push(Math.max(0, arrived - answered));
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const client of clients) client.close();
  return {
    clients: clients.length,
    fromSent: { p50: percentile(fromSent, 50), p99: percentile(fromSent, 99) },
    fromResponse: { p50: percentile(fromResponse, 50), p99: percentile(fromResponse, 99) },
  };
}

function rssOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

/** The server's resident memory before and with `count` open, idle event streams. */
export async function measureIdleStreams(
  serverUrl: string,
  agentToken: string,
  pid: number | undefined,
  count: number,
) {
  const rssBeforeBytes = rssOf(pid);
  const idle = await openSseClients(serverUrl, agentToken, count, 500);
  await new Promise((r) => setTimeout(r, 3000));
  const rssBytes = rssOf(pid);
  for (const client of idle) client.close();
  return { streams: idle.length, rssBytes, rssBeforeBytes };
}
