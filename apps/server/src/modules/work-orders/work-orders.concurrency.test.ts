import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createBranch, createCustomer, createUser, createWorkOrder } from '../../../test/app';

const t = await buildTestApp();
const { app } = t;
const branch = await createBranch(t, ['31']);
const agent = await createUser(t, 'agent');
const technician = await createUser(t, 'technician', { branchId: branch.id });
const customer = await createCustomer(t);

describe('work orders under concurrency', () => {
  it('gives 20 concurrent intakes 20 distinct numbers', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/work-orders',
          headers: bearer(agent.token),
          payload: { customerId: customer.id, complaint: 'TV mati total', serviceType: 'carry_in' },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const numbers = responses.map((r) => r.json().number as string);
    expect(new Set(numbers).size).toBe(20);
    const sequence = numbers.map((n) => Number(n.slice(-6)));
    expect(Math.max(...sequence) - Math.min(...sequence)).toBe(19);
  });

  it('lets exactly one of two concurrent accepts with the same version win', async () => {
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const assigned = await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${order.id}/transitions`,
      headers: bearer(agent.token),
      payload: { action: 'assign', technicianId: technician.id },
    });
    const version = assigned.json().version as number;
    const accept = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/work-orders/${order.id}/transitions`,
        headers: { ...bearer(technician.token), 'if-match': String(version) },
        payload: { action: 'accept' },
      });
    const results = await Promise.all([accept(), accept()]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json().code).toBe('version_conflict');
    const history = await app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/${order.id}/history`,
      headers: bearer(agent.token),
    });
    expect(history.json().items.filter((h: { action: string }) => h.action === 'accept')).toHaveLength(1);
  });
});

describe('idempotency keys', () => {
  it('returns the first answer to a repeated request and changes nothing again', async () => {
    const request = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/work-orders',
        headers: { ...bearer(agent.token), 'idempotency-key': 'intake-7f3a' },
        payload: { customerId: customer.id, complaint: 'Kulkas tidak dingin', serviceType: 'home_visit' },
      });
    const first = await request();
    const second = await request();
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().number).toBe(first.json().number);
    const listed = await app.inject({
      method: 'GET',
      url: `/api/v1/work-orders?q=${first.json().number}`,
      headers: bearer(agent.token),
    });
    expect(listed.json().items).toHaveLength(1);
  });

  it('replays a transition once, refuses the same key with another body (422), and keeps keys per user', async () => {
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const send = (key: string, payload: Record<string, unknown>, token = agent.token) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/work-orders/${order.id}/transitions`,
        headers: { ...bearer(token), 'idempotency-key': key },
        payload,
      });
    const first = await send('assign-1', { action: 'assign', technicianId: technician.id });
    const replay = await send('assign-1', { action: 'assign', technicianId: technician.id });
    expect(replay.json().version).toBe(first.json().version);
    const history = await app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/${order.id}/history`,
      headers: bearer(agent.token),
    });
    expect(history.json().items.filter((h: { action: string }) => h.action === 'assign')).toHaveLength(1);

    const reused = await send('assign-1', { action: 'cancel', reason: 'salah input' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('idempotency_key_reused');

    // A refusal is an answer too: the same retry gets the same refusal.
    const refused = await send('close-1', { action: 'close' });
    expect(refused.statusCode).toBe(409);
    expect((await send('close-1', { action: 'close' })).headers['idempotent-replayed']).toBe('true');

    // Another user's identical key is theirs alone.
    expect((await send('assign-1', { action: 'accept' }, technician.token)).statusCode).toBe(200);
    const bad = await send('has spaces', { action: 'accept' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('headers.idempotency-key');
  });
});
