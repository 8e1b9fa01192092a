import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import type { Manifest } from './generate';

export interface Measured {
  name: string;
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** One autocannon run; the percentiles from every response's time (autocannon reports no p95). */
function measure(name: string, options: autocannon.Options & { connections: number }): Promise<Measured> {
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, result: autocannon.Result) => {
      if (error) reject(error);
      else
        resolve({
          name,
          connections: options.connections,
          requestsPerSecond: Math.round(result.requests.average),
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          p99: percentile(times, 99),
          errors: result.errors + result.non2xx,
        });
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

export interface ScenarioContext {
  serverUrl: string;
  baselineUrl: string;
  manifest: Manifest;
  agentToken: string;
  technicianToken: string;
  /** Scheduled work orders of the bench branch, for the detail and the transitions. */
  scheduledIds: string[];
  connections: number;
  duration: number;
  only: string | undefined;
}

type Requests = Pick<autocannon.Options, 'url' | 'headers' | 'requests'>;

/** Each request another path (another term, another customer…), as calls come in. */
function cycling(
  serverUrl: string,
  method: 'GET' | 'POST',
  next: () => { path: string; body?: unknown },
  headers: Record<string, string>,
): Requests {
  return {
    url: serverUrl,
    requests: [
      {
        method,
        setupRequest: (request) => {
          const { path, body } = next();
          return body === undefined
            ? { ...request, path, headers }
            : {
                ...request,
                path,
                headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
                body: JSON.stringify(body),
              };
        },
      },
    ],
  };
}

function turns<T>(items: readonly T[], make: (item: T, index: number) => { path: string; body?: unknown }) {
  let turn = 0;
  return () => {
    turn += 1;
    const index = turn % items.length;
    const item = items[index];
    if (item === undefined) throw new Error('nothing to cycle through');
    return make(item, index);
  };
}

/** The last full calendar month, as the KPI screen asks for it. */
function lastMonth() {
  const start = new Date();
  start.setUTCDate(1);
  start.setUTCMonth(start.getUTCMonth() - 1);
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
  return `from=${start.toISOString().slice(0, 10)}&to=${end.toISOString().slice(0, 10)}`;
}

/** The load scenarios, in order; those named by `--only` (a part of the name) or all. */
export async function runLoadScenarios(context: ScenarioContext): Promise<Measured[]> {
  const { serverUrl, manifest, connections, scheduledIds } = context;
  const agent = { authorization: `Bearer ${context.agentToken}` };
  const branchId = manifest.benchBranch.id;
  const results: Measured[] = [];
  const run = async (name: string, requests: Requests, at: number = connections) => {
    if (context.only !== undefined && !name.includes(context.only)) return;
    console.log(`  ${name}…`);
    results.push(await measure(name, { duration: context.duration, ...requests, connections: at }));
  };
  // The interactive requests: one at a time, as one agent, and under `--connections` at once.
  const both = async (name: string, requests: Requests) => {
    await run(`${name}, 1 connection`, requests, 1);
    await run(`${name}, ${connections} connections`, requests);
  };
  await run('baseline: technician list (bare driver)', { url: `${context.baselineUrl}/technician-list` });
  await run('technician list', {
    url: `${serverUrl}/api/v1/work-orders?limit=50`,
    headers: { authorization: `Bearer ${context.technicianToken}` },
  });
  await run('baseline: agent filtered list (bare driver)', { url: `${context.baselineUrl}/agent-list` });
  await run('agent filtered list', {
    url: `${serverUrl}/api/v1/work-orders?status=scheduled&branchId=${branchId}&limit=50`,
    headers: agent,
  });
  const { phoneDigits, nameWords, serialPrefixes } = manifest.searchSamples;
  const search = (path: string, terms: readonly string[], url = serverUrl) =>
    cycling(
      url,
      'GET',
      turns(terms, (q) => ({
        path: `${path}?q=${encodeURIComponent(q)}&limit=${path.endsWith('customers') ? 10 : 50}`,
      })),
      agent,
    );
  const customerSearch = async (name: string, terms: readonly string[]) => {
    await run(
      `baseline: ${name}, ${connections} connections (bare driver)`,
      search('/customer-search', terms, context.baselineUrl),
    );
    await both(name, search('/api/v1/customers', terms));
  };
  await customerSearch('customer search, phone digits', phoneDigits);
  await customerSearch('customer search, name word', nameWords);
  await customerSearch('customer search, serial start', serialPrefixes);
  await both('work-order search, phone digits', search('/api/v1/work-orders', phoneDigits));
  await both('work-order search, name word', search('/api/v1/work-orders', nameWords));
  await run('KPIs, one branch, one month', {
    url: `${serverUrl}/api/v1/reports/kpis?${lastMonth()}&branchId=${branchId}`,
    headers: agent,
  });
  await both('board counts', { url: `${serverUrl}/api/v1/work-orders/counts?branchId=${branchId}`, headers: agent });
  await both('dispatch: load for a branch', {
    url: `${serverUrl}/api/v1/work-orders/technician-loads?branchId=${branchId}`,
    headers: agent,
  });
  const intake = (customerId: string) => ({
    path: '/api/v1/work-orders',
    body: { customerId, complaint: 'AC tidak dingin', serviceType: 'home_visit' },
  });
  await both(
    'dispatch: intake with auto-assign',
    cycling(serverUrl, 'POST', turns(manifest.intakeCustomerIds, intake), agent),
  );
  if (scheduledIds.length === 0) {
    console.log('  (no scheduled work order in the branch: no detail and no transitions)');
    return results;
  }
  await run('work-order detail', { url: `${serverUrl}/api/v1/work-orders/${scheduledIds[0] ?? ''}`, headers: agent });
  // As the console and the phone send every change: with a key of its own, so the figure
  // includes the request transaction that makes retries safe.
  const schedule = (id: string, index: number) => ({
    path: `/api/v1/work-orders/${id}/transitions`,
    body: { action: 'schedule', ...appointmentSlot(index) },
  });
  await run('transition (schedule)', cycling(serverUrl, 'POST', turns(scheduledIds, schedule), agent));
  return results;
}

/** How many two-hour slots `appointmentSlot` hands out before it starts again: 75 days of them. */
const appointmentSlots = 900;

/**
 * Two hours on the hour, a week ahead plus two hours per slot: past every appointment the data
 * set generates, and a slot of its own for each work order in flight, since the server
 * refuses to book a technician twice at once (`appointment_conflict`). Slots come round
 * again after `appointmentSlots`, well inside the 90 days an appointment may lie ahead.
 */
export function appointmentSlot(slot: number) {
  const start = new Date(Date.now() + 7 * 86400_000 + (slot % appointmentSlots) * 7200_000);
  start.setUTCMinutes(0, 0, 0);
  return { appointmentStart: start.toISOString(), appointmentEnd: new Date(start.getTime() + 7200_000).toISOString() };
}
