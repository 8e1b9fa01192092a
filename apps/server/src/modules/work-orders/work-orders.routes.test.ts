import { workOrderStatuses } from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createCustomer,
  createManualClock,
  createUser,
  createWorkOrder,
  problemOf,
  signaturePng,
} from '../../../test/app';

const clock = createManualClock(new Date('2026-11-28T02:00:00.000Z'));
const t = await buildTestApp({ clock, env: { SLA_HOURS_URGENT: '4', SLA_HOURS_NORMAL: '48' } });
const { app } = t;

// Jakarta serves the whole province; a specialist branch serves Jakarta Selatan only.
const jakarta = await createBranch(t, ['31']);
const selatan = await createBranch(t, ['31.74']);
const agent = await createUser(t, 'agent');
const kebayoranTech = await createUser(t, 'technician', { branchId: selatan.id });
const selatanTech = await createUser(t, 'technician', { branchId: selatan.id });
const pusatTech = await createUser(t, 'technician', { branchId: jakarta.id });
await t.services.users.setTechnicianAreas({ ...agent, role: 'admin', sessionId: '' }, kebayoranTech.id, ['31.74.07']);
await t.services.users.setTechnicianAreas({ ...agent, role: 'admin', sessionId: '' }, selatanTech.id, ['31.74']);
await t.services.users.setTechnicianAreas({ ...agent, role: 'admin', sessionId: '' }, pusatTech.id, ['31.71']);

const transition = (
  token: string,
  id: string,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/work-orders/${id}/transitions`,
    headers: { ...bearer(token), ...headers },
    payload,
  });
const list = async (token: string, query = '') =>
  (await app.inject({ method: 'GET', url: `/api/v1/work-orders${query}`, headers: bearer(token) })).json();

describe('intake and routing', () => {
  it('numbers the work order, routes it to the most specific branch, and offers it to covering technicians', async () => {
    const customer = await createCustomer(t, { areaCode: '31.74.07' });
    const order = await createWorkOrder(t, agent, {
      customerId: customer.id,
      customerProductId: customer.product.id,
      priority: 'urgent',
    });
    expect(order.number).toMatch(/^WO-2611-\d{6}$/);
    expect(order).toMatchObject({ status: 'new', branchId: selatan.id, technicianId: null });
    expect(order.routing.coveringTechnicianIds.sort()).toEqual([kebayoranTech.id, selatanTech.id].sort());
    expect(order.slaDueAt).toBe('2026-11-28T06:00:00.000Z');

    const offered = (await list(kebayoranTech.token)).items.map((w: { id: string }) => w.id);
    expect(offered).toContain(order.id);
    expect((await list(selatanTech.token)).items.map((w: { id: string }) => w.id)).toContain(order.id);
    expect((await list(pusatTech.token)).items.map((w: { id: string }) => w.id)).not.toContain(order.id);
  });

  it('routes a district outside any specialist branch to the province branch', async () => {
    const customer = await createCustomer(t, { areaCode: '31.71.01' });
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    expect(order.branchId).toBe(jakarta.id);
    expect(order.routing.coveringTechnicianIds).toEqual([pusatTech.id]);
  });

  it('takes a work order no branch serves, and shows that state instead of failing', async () => {
    const customer = await createCustomer(t, { areaCode: '91.71.03' });
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    expect(order).toMatchObject({
      status: 'new',
      branchId: null,
      routing: { branchId: null, coveringTechnicianIds: [] },
    });
    const detail = (
      await app.inject({ method: 'GET', url: `/api/v1/work-orders/${order.id}`, headers: bearer(agent.token) })
    ).json();
    expect(detail.history[0]).toMatchObject({
      action: 'create',
      toStatus: 'new',
      note: 'No branch serves this district',
    });
    expect((await list(agent.token, '?technicianId=none&status=new')).items.map((w: { id: string }) => w.id)).toContain(
      order.id,
    );
    const unrouted = await list(agent.token, '?branchId=none');
    expect(unrouted.items.map((w: { id: string }) => w.id)).toEqual([order.id]);
  });

  it('auto-assigns to the covering technician with the fewest open work orders when the branch asks for it', async () => {
    const makassar = await createBranch(t, ['73.71']);
    await t.services.branches.updateBranch(makassar.id, { autoAssign: true });
    const busy = await createUser(t, 'technician', { branchId: makassar.id });
    const free = await createUser(t, 'technician', { branchId: makassar.id });
    for (const tech of [busy, free]) {
      await t.services.users.setTechnicianAreas({ ...agent, role: 'admin', sessionId: '' }, tech.id, ['73.71']);
    }
    const first = await createWorkOrder(t, agent, {
      customerId: (await createCustomer(t, { areaCode: '73.71.09' })).id,
    });
    const second = await createWorkOrder(t, agent, {
      customerId: (await createCustomer(t, { areaCode: '73.71.09' })).id,
    });
    expect(first.status).toBe('assigned');
    expect(second.status).toBe('assigned');
    expect(new Set([first.technicianId, second.technicianId])).toEqual(new Set([busy.id, free.id]));
  });

  it('warns about open work orders of the same customer or serial number, and still takes the new one', async () => {
    const customer = await createCustomer(t);
    const first = await createWorkOrder(t, agent, { customerId: customer.id, customerProductId: customer.product.id });
    const second = await createWorkOrder(t, agent, { customerId: customer.id, customerProductId: customer.product.id });
    expect(second.possibleDuplicates).toEqual([{ id: first.id, number: first.number, status: 'new' }]);
    const open = await list(agent.token, `?customerId=${customer.id}&open=true`);
    expect(open.items.map((w: { id: string }) => w.id).sort()).toEqual([first.id, second.id].sort());
  });

  it('derives the warranty status from the product at intake', async () => {
    const inWarranty = await createCustomer(t, { purchaseDate: '2026-06-01' });
    const expired = await createCustomer(t, { purchaseDate: '2024-01-10' });
    const noDate = await createCustomer(t);
    const statusOf = async (c: { id: string; product: { id: string } }) =>
      (await createWorkOrder(t, agent, { customerId: c.id, customerProductId: c.product.id })).warrantyStatus;
    expect(await statusOf(inWarranty)).toBe('in_warranty');
    expect(await statusOf(expired)).toBe('out_of_warranty');
    expect(await statusOf(noDate)).toBe('unknown');
  });

  it('refuses bad intake input with field paths and creates nothing', async () => {
    const customer = await createCustomer(t);
    const other = await createCustomer(t);
    const before = (await list(agent.token, `?customerId=${customer.id}`)).items.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ customerId: 'abc', complaint: 'x', serviceType: 'home_visit' }, 'body.customerId'],
      [
        { customerId: '01933b4c-0000-7000-8000-000000000000', complaint: 'x', serviceType: 'home_visit' },
        'body.customerId',
      ],
      [
        { customerId: customer.id, customerProductId: other.product.id, complaint: 'x', serviceType: 'home_visit' },
        'body.customerProductId',
      ],
      [{ customerId: customer.id, complaint: '', serviceType: 'home_visit' }, 'body.complaint'],
      [{ customerId: customer.id, complaint: 'x'.repeat(2001), serviceType: 'home_visit' }, 'body.complaint'],
      [{ customerId: customer.id, complaint: 'x', serviceType: 'teleport' }, 'body.serviceType'],
      [{ customerId: customer.id, complaint: 'x', serviceType: 'home_visit', priority: 'asap' }, 'body.priority'],
    ];
    for (const [payload, path] of cases) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/work-orders',
        headers: bearer(agent.token),
        payload,
      });
      expect(response.statusCode, path).toBe(400);
      expect(problemOf(response).errors?.map((e) => e.path)).toContain(path);
    }
    expect((await list(agent.token, `?customerId=${customer.id}`)).items).toHaveLength(before);
  });
});

describe('the repair visit', () => {
  it('runs claim → schedule → depart → start → hold → start → complete with the repair timer', async () => {
    const customer = await createCustomer(t, { areaCode: '31.74.07' });
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const tech = kebayoranTech.token;
    expect((await transition(tech, order.id, { action: 'claim' })).json()).toMatchObject({
      status: 'accepted',
      technicianId: kebayoranTech.id,
    });
    const scheduled = await transition(tech, order.id, {
      action: 'schedule',
      appointmentStart: '2026-11-28T03:00:00.000Z',
      appointmentEnd: '2026-11-28T05:00:00.000Z',
    });
    expect(scheduled.json()).toMatchObject({ status: 'scheduled', appointmentStart: '2026-11-28T03:00:00.000Z' });
    await transition(tech, order.id, { action: 'depart' });
    await transition(tech, order.id, { action: 'start' });
    clock.advanceSeconds(600);
    const running = (
      await app.inject({ method: 'GET', url: `/api/v1/work-orders/${order.id}`, headers: bearer(tech) })
    ).json();
    expect(running).toMatchObject({ status: 'in_progress', repairSeconds: 600 });
    expect(running.inProgressSince).not.toBeNull();
    const held = await transition(tech, order.id, {
      action: 'hold',
      reason: 'waiting_part',
      note: 'Kapasitor 35uF habis',
    });
    expect(held.json()).toMatchObject({
      status: 'on_hold',
      holdReason: 'waiting_part',
      repairSeconds: 600,
      inProgressSince: null,
    });
    clock.advanceSeconds(86400);
    await transition(tech, order.id, { action: 'start' });
    clock.advanceSeconds(900);
    const completed = await transition(tech, order.id, {
      action: 'complete',
      diagnosis: 'Kapasitor kompresor lemah',
      actionTaken: 'Ganti kapasitor 35uF, isi freon R32',
      result: 'fixed',
      signature: signaturePng,
    });
    expect(completed.statusCode).toBe(200);
    const detail = completed.json();
    expect(detail).toMatchObject({ status: 'completed', repairSeconds: 1500, inProgressSince: null });
    expect(detail.report).toMatchObject({ diagnosis: 'Kapasitor kompresor lemah', result: 'fixed' });
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'claim',
      'schedule',
      'depart',
      'start',
      'hold',
      'start',
      'complete',
    ]);
    expect(detail.history[5]).toMatchObject({
      fromStatus: 'in_progress',
      toStatus: 'on_hold',
      note: 'Kapasitor 35uF habis',
    });
    expect(detail.history[1].actor).toEqual({ id: kebayoranTech.id, name: kebayoranTech.name, role: 'technician' });

    const signature = await app.inject({
      method: 'GET',
      url: detail.report.signatureUrl,
      headers: bearer(agent.token),
    });
    expect(signature.statusCode).toBe(200);
    expect(signature.headers['content-type']).toBe('image/png');
    expect(signature.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect(detail.allowedActions).toEqual([]);
    const office = (
      await app.inject({ method: 'GET', url: `/api/v1/work-orders/${order.id}`, headers: bearer(agent.token) })
    ).json();
    expect(office.allowedActions).toEqual(['close', 'cancel']);
  });

  it('refuses appointments in the past, ending before they start, or longer than a working day', async () => {
    const order = await createWorkOrder(t, agent, {
      customerId: (await createCustomer(t, { areaCode: '31.74.07' })).id,
    });
    await transition(kebayoranTech.token, order.id, { action: 'claim' });
    const now = clock.now().getTime();
    const at = (hours: number) => new Date(now + hours * 3600_000).toISOString();
    const cases: [string, string, string][] = [
      [at(-2), at(-1), 'body.appointmentStart'],
      [at(3), at(2), 'body.appointmentEnd'],
      [at(1), at(1), 'body.appointmentEnd'],
      [at(1), at(14), 'body.appointmentEnd'],
      ['tomorrow', at(2), 'body.appointmentStart'],
    ];
    for (const [appointmentStart, appointmentEnd, path] of cases) {
      const response = await transition(kebayoranTech.token, order.id, {
        action: 'schedule',
        appointmentStart,
        appointmentEnd,
      });
      expect(response.statusCode, `${appointmentStart}–${appointmentEnd}`).toBe(400);
      expect(problemOf(response).errors?.[0]?.path).toBe(path);
    }
    const detail = (
      await app.inject({ method: 'GET', url: `/api/v1/work-orders/${order.id}`, headers: bearer(agent.token) })
    ).json();
    expect(detail).toMatchObject({ status: 'accepted', appointmentStart: null, version: 2 });
  });

  it('refuses a signature that is not a PNG', async () => {
    const order = await createWorkOrder(t, agent, {
      customerId: (await createCustomer(t, { areaCode: '31.74.07' })).id,
    });
    await transition(kebayoranTech.token, order.id, { action: 'claim' });
    await transition(kebayoranTech.token, order.id, { action: 'start' });
    const report = { action: 'complete', diagnosis: 'd', actionTaken: 'a', result: 'fixed' };
    const notPng = await transition(kebayoranTech.token, order.id, {
      ...report,
      signature: `data:image/png;base64,${Buffer.from('<svg onload=alert(1)>').toString('base64')}`,
    });
    expect(problemOf(notPng).errors?.[0]?.path).toBe('body.signature');
    const missing = await transition(kebayoranTech.token, order.id, report);
    expect(problemOf(missing).errors?.[0]?.path).toBe('body.signature');
  });

  it('assigns only active technicians, and a supervisor only those of their branch', async () => {
    const supervisor = await createUser(t, 'supervisor', { branchId: selatan.id });
    const order = await createWorkOrder(t, agent, {
      customerId: (await createCustomer(t, { areaCode: '31.74.07' })).id,
    });
    const notTech = await transition(agent.token, order.id, { action: 'assign', technicianId: supervisor.id });
    expect(problemOf(notTech).errors?.[0]?.path).toBe('body.technicianId');
    const otherBranch = await transition(supervisor.token, order.id, { action: 'assign', technicianId: pusatTech.id });
    expect(problemOf(otherBranch).errors?.[0]).toEqual({
      path: 'body.technicianId',
      message: 'is not a technician of your branch',
    });
    const ok = await transition(supervisor.token, order.id, { action: 'assign', technicianId: selatanTech.id });
    expect(ok.json()).toMatchObject({
      status: 'assigned',
      technicianId: selatanTech.id,
      technicianName: selatanTech.name,
    });
  });
});

describe('editing and listing', () => {
  it('records office edits in the history and recomputes the SLA when the priority changes', async () => {
    const order = await createWorkOrder(t, agent, { customerId: (await createCustomer(t)).id });
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/v1/work-orders/${order.id}`,
      headers: { ...bearer(agent.token), 'if-match': String(order.version) },
      payload: { priority: 'urgent', complaint: 'AC bocor dan berisik' },
    });
    expect(edited.statusCode).toBe(200);
    const detail = edited.json();
    expect(detail).toMatchObject({ priority: 'urgent', complaint: 'AC bocor dan berisik', version: 2 });
    expect(Date.parse(detail.slaDueAt) - Date.parse(detail.createdAt)).toBe(4 * 3600_000);
    const history = (
      await app.inject({ method: 'GET', url: `/api/v1/work-orders/${order.id}/history`, headers: bearer(agent.token) })
    ).json();
    expect(history.items.at(-1)).toMatchObject({ action: 'edit', note: 'Changed complaint, priority' });
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/work-orders/${order.id}`,
      headers: { ...bearer(agent.token), 'if-match': '1' },
      payload: { priority: 'low' },
    });
    expect(problemOf(stale).code).toBe('version_conflict');
    const technicianEdit = await app.inject({
      method: 'PATCH',
      url: `/api/v1/work-orders/${order.id}`,
      headers: bearer(kebayoranTech.token),
      payload: { priority: 'low' },
    });
    expect(technicianEdit.statusCode).toBe(403);
  });

  it('filters by status, technician, text and date, and pages newest first without repeats', async () => {
    const customer = await createCustomer(t, { name: 'Pak Darmawan Unik', areaCode: '31.74.07' });
    const orders = [];
    for (let i = 0; i < 5; i += 1)
      orders.push(await createWorkOrder(t, agent, { customerId: customer.id, customerProductId: customer.product.id }));
    await transition(kebayoranTech.token, orders[0]?.id ?? '', { action: 'claim' });

    const byName = await list(agent.token, '?q=darmawan%20unik&limit=2');
    expect(byName.items.map((w: { id: string }) => w.id)).toEqual([orders[4]?.id, orders[3]?.id]);
    const next = await list(agent.token, `?q=darmawan%20unik&limit=2&cursor=${byName.nextCursor}`);
    expect(next.items.map((w: { id: string }) => w.id)).toEqual([orders[2]?.id, orders[1]?.id]);
    const last = await list(agent.token, `?q=darmawan%20unik&limit=2&cursor=${next.nextCursor}`);
    expect(last.items.map((w: { id: string }) => w.id)).toEqual([orders[0]?.id]);
    expect(last.nextCursor).toBeNull();

    expect(
      (await list(agent.token, `?q=${orders[2]?.number.toLowerCase()}`)).items.map((w: { id: string }) => w.id),
    ).toEqual([orders[2]?.id]);
    expect((await list(agent.token, `?q=${customer.product.serialNumber}`)).items).toHaveLength(5);
    expect(
      (await list(agent.token, `?q=${encodeURIComponent(customer.phone.replace('+62', '0'))}`)).items,
    ).toHaveLength(5);
    const accepted = await list(
      agent.token,
      `?status=accepted&technicianId=${kebayoranTech.id}&customerId=${customer.id}`,
    );
    expect(accepted.items.map((w: { id: string }) => w.id)).toEqual([orders[0]?.id]);
    const statuses = await list(agent.token, `?status=new,accepted&customerId=${customer.id}`);
    expect(statuses.items).toHaveLength(5);
    const future = await list(agent.token, `?from=2030-01-01T00:00:00.000Z&customerId=${customer.id}`);
    expect(future.items).toEqual([]);
    expect(
      problemOf(
        await app.inject({ method: 'GET', url: '/api/v1/work-orders?status=lost', headers: bearer(agent.token) }),
      ).errors?.[0]?.path,
    ).toBe('query.status.0');
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/work-orders?limit=500', headers: bearer(agent.token) }))
        .statusCode,
    ).toBe(400);
  });
});

describe('what the board and dispatch read', () => {
  it('counts work orders per status within the caller’s scope', async () => {
    const before = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/work-orders/counts?branchId=${selatan.id}`,
        headers: bearer(agent.token),
      })
    ).json();
    const order = await createWorkOrder(t, agent, {
      customerId: (await createCustomer(t, { areaCode: '31.74.07' })).id,
    });
    await transition(kebayoranTech.token, order.id, { action: 'claim' });
    const after = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/work-orders/counts?branchId=${selatan.id}`,
        headers: bearer(agent.token),
      })
    ).json();
    expect(after.counts.accepted).toBe(before.counts.accepted + 1);
    expect(after.counts.new).toBe(before.counts.new);
    expect(Object.keys(after.counts).sort()).toEqual([...workOrderStatuses].sort());
    const own = (
      await app.inject({ method: 'GET', url: '/api/v1/work-orders/counts', headers: bearer(pusatTech.token) })
    ).json();
    expect(own.counts.accepted).toBe(0);
  });

  it('lists assignment candidates, covering technicians first with their open load', async () => {
    const order = await createWorkOrder(t, agent, {
      customerId: (await createCustomer(t, { areaCode: '31.74.07' })).id,
    });
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/${order.id}/candidates`,
      headers: bearer(agent.token),
    });
    const items: { id: string; covers: boolean; openWorkOrders: number }[] = response.json().items;
    expect(
      items
        .filter((c) => c.covers)
        .map((c) => c.id)
        .sort(),
    ).toEqual([kebayoranTech.id, selatanTech.id].sort());
    expect(items.findIndex((c) => !c.covers)).toBe(-1);
    expect(items.every((c) => c.openWorkOrders >= 0)).toBe(true);
    const byTechnician = await app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/${order.id}/candidates`,
      headers: bearer(kebayoranTech.token),
    });
    expect(byTechnician.statusCode).toBe(403);
  });
});

describe('dispatch', () => {
  it("lists a branch's technicians with open work orders and today's appointments in the branch's zone", async () => {
    const order = await createWorkOrder(t, agent, {
      customerId: (await createCustomer(t, { areaCode: '31.74.07' })).id,
    });
    await transition(agent.token, order.id, { action: 'assign', technicianId: selatanTech.id });
    await transition(selatanTech.token, order.id, { action: 'accept' });
    const before = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/work-orders/technician-loads?branchId=${selatan.id}`,
        headers: bearer(agent.token),
      })
    ).json();
    const start = new Date(clock.now().getTime() + 3600_000).toISOString();
    const end = new Date(clock.now().getTime() + 3 * 3600_000).toISOString();
    await transition(selatanTech.token, order.id, { action: 'schedule', appointmentStart: start, appointmentEnd: end });
    const after = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/work-orders/technician-loads?branchId=${selatan.id}`,
        headers: bearer(agent.token),
      })
    ).json();
    const mine = (body: {
      items: { id: string; appointmentsToday: number; openWorkOrders: number; areaCodes: string[] }[];
    }) => body.items.find((item) => item.id === selatanTech.id);
    expect(mine(after)?.appointmentsToday).toBe((mine(before)?.appointmentsToday ?? 0) + 1);
    expect(mine(after)?.openWorkOrders).toBeGreaterThan(0);
    expect(mine(after)?.areaCodes).toEqual(['31.74']);
    expect(after.items.map((i: { id: string }) => i.id)).not.toContain(pusatTech.id);
    const malformed = await app.inject({
      method: 'GET',
      url: '/api/v1/work-orders/technician-loads?branchId=JKT',
      headers: bearer(agent.token),
    });
    expect(problemOf(malformed).errors?.[0]?.path).toBe('query.branchId');
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/work-orders/technician-loads?branchId=01933b4c-0000-7000-8000-000000000000',
      headers: bearer(agent.token),
    });
    expect(unknown.statusCode).toBe(404);
    const badCounts = await app.inject({
      method: 'GET',
      url: '/api/v1/work-orders/counts?branchId=x',
      headers: bearer(agent.token),
    });
    expect(problemOf(badCounts).errors?.[0]?.path).toBe('query.branchId');
    const otherSupervisor = await createUser(t, 'supervisor', { branchId: jakarta.id });
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/technician-loads?branchId=${selatan.id}`,
      headers: bearer(otherSupervisor.token),
    });
    expect(problemOf(hidden).code).toBe('forbidden');
  });
});
