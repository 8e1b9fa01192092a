import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createCustomer,
  createUser,
  createWorkOrder,
  signaturePng,
} from '../../../test/app';

/*
 * A technician sees their own work orders and the unassigned ones in their areas; a
 * supervisor and warehouse staff their branch. Anything else is 404 on every path —
 * list, detail, history, transitions, edits, and the signature file.
 */

const t = await buildTestApp();
const { app } = t;
const jakarta = await createBranch(t, ['31']);
const makassar = await createBranch(t, ['73']);
const agent = await createUser(t, 'agent');
const asAdmin = { ...agent, role: 'admin' as const, sessionId: '' };
const techA = await createUser(t, 'technician', { branchId: jakarta.id });
const techB = await createUser(t, 'technician', { branchId: jakarta.id });
await t.services.users.setTechnicianAreas(asAdmin, techA.id, ['31.74']);
await t.services.users.setTechnicianAreas(asAdmin, techB.id, ['31.74']);
const makassarSupervisor = await createUser(t, 'supervisor', { branchId: makassar.id });
const makassarWarehouse = await createUser(t, 'warehouse', { branchId: makassar.id });
const jakartaSupervisor = await createUser(t, 'supervisor', { branchId: jakarta.id });

const transition = (token: string, id: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/v1/work-orders/${id}/transitions`, headers: bearer(token), payload });

// Technician A's completed job, with a signature on file.
const customer = await createCustomer(t, { areaCode: '31.74.07', name: 'Ibu Kartika Rahasia' });
const order = await createWorkOrder(t, agent, { customerId: customer.id });
await transition(techA.token, order.id, { action: 'claim' });
await transition(techA.token, order.id, { action: 'start' });
await transition(techA.token, order.id, {
  action: 'complete',
  diagnosis: 'Sensor suhu rusak',
  actionTaken: 'Ganti sensor',
  result: 'fixed',
  signature: signaturePng,
});

const paths = (id: string) => [
  { method: 'GET' as const, url: `/api/v1/work-orders/${id}` },
  { method: 'GET' as const, url: `/api/v1/work-orders/${id}/history` },
  { method: 'GET' as const, url: `/api/v1/work-orders/${id}/signature.png` },
  {
    method: 'POST' as const,
    url: `/api/v1/work-orders/${id}/transitions`,
    payload: { action: 'hold', reason: 'other' },
  },
];

describe('work-order visibility', () => {
  it("hides technician A's work order from technician B on every path, and from B's list and search", async () => {
    for (const request of paths(order.id)) {
      const response = await app.inject({ ...request, headers: bearer(techB.token) });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(404);
      expect(response.json().code).toBe('not_found');
    }
    const listed = await app.inject({
      method: 'GET',
      url: '/api/v1/work-orders?q=Kartika',
      headers: bearer(techB.token),
    });
    expect(listed.json().items).toEqual([]);
    for (const request of paths(order.id).slice(0, 3)) {
      expect((await app.inject({ ...request, headers: bearer(techA.token) })).statusCode).toBe(200);
    }
  });

  it("hides another branch's work orders from its supervisor and warehouse staff, but not from their own", async () => {
    for (const user of [makassarSupervisor, makassarWarehouse]) {
      for (const request of paths(order.id).slice(0, 3)) {
        expect((await app.inject({ ...request, headers: bearer(user.token) })).statusCode).toBe(404);
      }
      const listed = await app.inject({ method: 'GET', url: '/api/v1/work-orders', headers: bearer(user.token) });
      expect(listed.json().items).toEqual([]);
    }
    const own = await app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/${order.id}`,
      headers: bearer(jakartaSupervisor.token),
    });
    expect(own.statusCode).toBe(200);
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/v1/work-orders/${order.id}`,
      headers: bearer(makassarSupervisor.token),
      payload: { priority: 'high' },
    });
    expect(edit.statusCode).toBe(404);
  });

  it('offers an unassigned work order to every covering technician until one claims it, then only to them', async () => {
    const fresh = await createWorkOrder(t, agent, { customerId: customer.id });
    const sees = async (token: string) =>
      (await app.inject({ method: 'GET', url: `/api/v1/work-orders/${fresh.id}`, headers: bearer(token) })).statusCode;
    expect(await sees(techA.token)).toBe(200);
    expect(await sees(techB.token)).toBe(200);
    expect((await transition(techB.token, fresh.id, { action: 'claim' })).statusCode).toBe(200);
    expect(await sees(techA.token)).toBe(404);
    expect((await transition(techA.token, fresh.id, { action: 'claim' })).statusCode).toBe(404);
  });

  it('does not let a technician take a work order by assigning or editing it', async () => {
    const fresh = await createWorkOrder(t, agent, { customerId: customer.id });
    const assign = await transition(techA.token, fresh.id, { action: 'assign', technicianId: techA.id });
    expect(assign.statusCode).toBe(403);
    const create = await app.inject({
      method: 'POST',
      url: '/api/v1/work-orders',
      headers: bearer(techA.token),
      payload: { customerId: customer.id, complaint: 'x', serviceType: 'home_visit' },
    });
    expect(create.statusCode).toBe(403);
  });
});
