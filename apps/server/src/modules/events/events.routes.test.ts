import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createCustomer,
  createUser,
  createWorkOrder,
  problemOf,
} from '../../../test/app';
import { listen, openStream, sleep } from '../../../test/sse';
import { addSeconds, toIso } from '../../platform/clock';
import { findLatestEventId, pruneEventsBefore } from '../../platform/events/outbox';

const t = await buildTestApp({ env: { SSE_HEARTBEAT: '1' } });
const { app } = t;
const baseUrl = await listen(app);
const jakarta = await createBranch(t, ['31']);
const makassar = await createBranch(t, ['73']);
const agent = await createUser(t, 'agent');
const asAdmin = { ...agent, role: 'admin' as const, sessionId: '' };
const techA = await createUser(t, 'technician', { branchId: jakarta.id });
const techB = await createUser(t, 'technician', { branchId: jakarta.id });
const makassarSupervisor = await createUser(t, 'supervisor', { branchId: makassar.id });
await t.services.users.setTechnicianAreas(asAdmin, techA.id, ['31.74']);
await t.services.users.setTechnicianAreas(asAdmin, techB.id, ['31.71']);

const transition = (token: string, id: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/v1/work-orders/${id}/transitions`, headers: bearer(token), payload });

describe('GET /api/v1/events', () => {
  it('streams work-order changes to the office at once, and to a technician only what they may see', async () => {
    const office = await openStream(baseUrl, agent.token);
    const streamA = await openStream(baseUrl, techA.token);
    const streamB = await openStream(baseUrl, techB.token);
    const farSupervisor = await openStream(baseUrl, makassarSupervisor.token);

    const customer = await createCustomer(t, { areaCode: '31.74.07' });
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const created = await office.waitFor((e) => e.type === 'work_order.created' && e.data.id === order.id);
    expect(created.data).toMatchObject({ number: order.number, status: 'new' });
    // Claimable in A's areas, so A hears of it.
    await streamA.waitFor((e) => e.data.id === order.id);

    await transition(agent.token, order.id, { action: 'assign', technicianId: techA.id });
    await office.waitFor((e) => e.type === 'work_order.updated' && e.data.status === 'assigned');
    const notified = await streamA.waitFor((e) => e.type === 'notification.created');
    expect(notified.data).toMatchObject({ title: `Order kerja baru: ${order.number}`, workOrderId: order.id });
    await transition(techA.token, order.id, { action: 'accept' });
    await streamA.waitFor((e) => e.data.id === order.id && e.data.status === 'accepted');

    await sleep(300);
    expect(streamB.events.filter((e) => e.data.id === order.id || e.data.workOrderId === order.id)).toEqual([]);
    expect(farSupervisor.events).toEqual([]);
    for (const stream of [office, streamA, streamB, farSupervisor]) await stream.close();
  });

  it('tells a technician when a work order is taken away from them', async () => {
    const order = await createWorkOrder(t, agent, {
      customerId: (await createCustomer(t, { areaCode: '31.74.07' })).id,
    });
    await transition(agent.token, order.id, { action: 'assign', technicianId: techA.id });
    const streamA = await openStream(baseUrl, techA.token);
    await transition(agent.token, order.id, { action: 'assign', technicianId: techB.id });
    const gone = await streamA.waitFor((e) => e.data.id === order.id);
    expect(gone.data).toMatchObject({ technicianId: techB.id });
    await streamA.close();
  });

  it('replays exactly the missed events after a reconnect, in order, none repeated', async () => {
    const order = await createWorkOrder(t, agent, {
      customerId: (await createCustomer(t, { areaCode: '31.74.07' })).id,
    });
    const first = await openStream(baseUrl, agent.token);
    await transition(agent.token, order.id, { action: 'assign', technicianId: techA.id });
    const seen = await first.waitFor((e) => e.data.id === order.id && e.data.status === 'assigned');
    await first.close();

    // While disconnected: the technician works on, the office edits.
    await transition(techA.token, order.id, { action: 'accept' });
    await transition(techA.token, order.id, { action: 'start' });
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/work-orders/${order.id}`,
      headers: bearer(agent.token),
      payload: { priority: 'high' },
    });

    const resumed = await openStream(baseUrl, agent.token, seen.id);
    await resumed.waitFor((e) => e.data.id === order.id && e.data.priority === 'high');
    await transition(techA.token, order.id, { action: 'hold', reason: 'other' });
    await resumed.waitFor((e) => e.data.id === order.id && e.data.status === 'on_hold');
    const mine = resumed.events.filter((e) => e.data.id === order.id);
    expect(mine.map((e) => [e.data.status, e.data.priority])).toEqual([
      ['accepted', 'normal'],
      ['in_progress', 'normal'],
      ['in_progress', 'high'],
      ['on_hold', 'high'],
    ]);
    const ids = resumed.events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(Math.min(...ids)).toBeGreaterThan(seen.id);
    await resumed.close();
  });

  it('replays only what the technician may see', async () => {
    const before = await openStream(baseUrl, agent.token);
    const hidden = await createWorkOrder(t, agent, {
      customerId: (await createCustomer(t, { areaCode: '31.75.01' })).id,
    });
    const mark = await before.waitFor((e) => e.data.id === hidden.id);
    await before.close();
    const order = await createWorkOrder(t, agent, {
      customerId: (await createCustomer(t, { areaCode: '31.71.01' })).id,
    });
    await transition(agent.token, hidden.id, { action: 'assign', technicianId: techA.id });
    const replay = await openStream(baseUrl, techB.token, mark.id - 1);
    await replay.waitFor((e) => e.data.id === order.id);
    await sleep(200);
    expect(replay.events.map((e) => e.data.id)).toEqual([order.id]);
    await replay.close();
  });

  it('answers with an event-stream that sends heartbeats', async () => {
    const response = await fetch(`${baseUrl}/api/v1/events`, { headers: bearer(agent.token) });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const started = Date.now();
    while (!text.includes(': ping') && Date.now() - started < 3000) text += (await reader?.read())?.value ?? '';
    expect(text).toContain('retry: 3000');
    expect(text).toContain(': ping');
    await reader?.cancel();
  });

  it('refuses a stream without a session (401) and a malformed Last-Event-ID (400)', async () => {
    expect((await fetch(`${baseUrl}/api/v1/events`)).status).toBe(401);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/events',
      headers: { ...bearer(agent.token), 'last-event-id': 'abc' },
    });
    expect(problemOf(bad).errors?.[0]?.path).toBe('headers.last-event-id');
  });

  it('tells a client resuming from before the oldest event kept to reload, then goes on live', async () => {
    const order = await createWorkOrder(t, agent, {
      customerId: (await createCustomer(t, { areaCode: '31.74.07' })).id,
    });
    const first = await openStream(baseUrl, agent.token);
    await transition(agent.token, order.id, { action: 'assign', technicianId: techA.id });
    const seen = await first.waitFor((e) => e.data.id === order.id && e.data.status === 'assigned');
    await transition(techA.token, order.id, { action: 'accept' });
    await transition(techA.token, order.id, { action: 'start' });
    // The server has delivered the newest event: streams opened from here start after it.
    await first.waitFor((e) => e.data.id === order.id && e.data.status === 'in_progress');
    await first.close();
    // Retention, a second from now: everything but the newest event goes.
    await pruneEventsBefore(t.database.db, toIso(addSeconds(new Date(), 1)), 10_000);
    const newest = await findLatestEventId(t.database.db);

    const stale = await openStream(baseUrl, agent.token, seen.id);
    const reload = await stale.waitFor((e) => e.type === 'reload');
    expect(reload.data).toEqual({ reason: 'events_pruned' });
    expect(reload.id).toBe(newest);
    await transition(techA.token, order.id, { action: 'hold', reason: 'other' });
    await stale.waitFor((e) => e.data.id === order.id && e.data.status === 'on_hold');
    // Nothing replayed: the pruned events are lost, and the kept one is older than the reload.
    expect(stale.events.map((e) => e.type)).toEqual(['reload', 'work_order.updated']);
    await stale.close();

    // Resuming from the newest event, or from the one just before the oldest kept, lost nothing.
    for (const lastEventId of [newest, newest - 1]) {
      const current = await openStream(baseUrl, agent.token, lastEventId);
      await transition(techA.token, order.id, { action: 'start' });
      await current.waitFor((e) => e.data.id === order.id && e.data.status === 'in_progress');
      await transition(techA.token, order.id, { action: 'hold', reason: 'other' });
      await current.waitFor((e) => e.data.id === order.id && e.data.status === 'on_hold');
      expect(current.events.map((e) => e.type)).not.toContain('reload');
      await current.close();
    }
  });
});
