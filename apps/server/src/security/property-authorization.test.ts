import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createCustomer, createWorkOrder, problemOf, signaturePng } from '../../test/app';
import { listLocations, stockAt } from '../../test/parts';
import { buildSecurityWorld, type Person, repairReport } from '../../test/security-world';

/*
 * Property-level authorization: a field a role may not set is refused — 403 where the
 * role may not touch the record or the value, 400 naming the field where the operation
 * has no such field — and the record stays as it was; never silently dropped. And what a
 * technician is shown: their own and claimable work, the selling price of parts, other
 * people by name only.
 */

const t = await buildTestApp();
const { app } = t;
const world = await buildSecurityWorld(t);
const { people, customer, part, jakarta, makassar } = world;
const { admin, agent, supervisorOtherBranch, warehouse, technicianA, technicianB, makassarTechnician } = people;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
const send = (caller: Person, method: Method, url: string, payload?: Record<string, unknown>) =>
  app.inject({ method, url, headers: bearer(caller.token), ...(payload === undefined ? {} : { payload }) });

/** A refusal as a problem response with this status, naming these fields. */
function expectRefused(response: LightMyRequestResponse, status: 400 | 403, paths: string[] = []) {
  expect(response.statusCode, response.body).toBe(status);
  const problem = problemOf(response);
  expect(problem.code).toBe(status === 400 ? 'validation_failed' : 'forbidden');
  expect(problem.errors?.map((error) => error.path) ?? []).toEqual(expect.arrayContaining(paths));
}

/** The fields of a work order that only routing, transitions and the office's rules change. */
const guarded = async (id: string) => {
  const detail = await world.detailOf(id);
  return {
    status: detail.status,
    version: detail.version,
    technicianId: detail.technicianId,
    branchId: detail.branchId,
    priority: detail.priority,
    complaint: detail.complaint,
    billing: detail.billing.version,
    payments: detail.billing.payments.length,
    approval: detail.billing.approval?.id ?? null,
  };
};

const rowCount = async (table: 'work_order' | 'part_request' | 'part_return' | 'notification') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .executeTakeFirstOrThrow()
    ).count,
  );

describe('work orders: fields a role may not set', () => {
  it('a technician may not edit their work order at all: assignee, branch, status, priority, prices (403)', async () => {
    const order = await world.freshOrder('in_progress');
    const before = await guarded(order.id);
    for (const payload of [
      { technicianId: technicianB.id },
      { branchId: makassar.id },
      { status: 'completed' },
      { priority: 'urgent' },
      { labor: 1_000 },
      { complaint: 'Diganti oleh teknisi' },
    ]) {
      expectRefused(await send(technicianA, 'PATCH', `/api/v1/work-orders/${order.id}`, payload), 403);
    }
    expect(await guarded(order.id)).toEqual(before);
  });

  it('the office edits intake data only: an assignee, branch, status or number in a PATCH is refused by name (400)', async () => {
    const order = await world.freshOrder('assigned');
    const before = await guarded(order.id);
    for (const [field, value] of Object.entries({
      technicianId: technicianB.id,
      branchId: makassar.id,
      status: 'completed',
      number: 'WO-0000-000001',
      slaDueAt: '2030-01-01T00:00:00.000Z',
    })) {
      const response = await send(agent, 'PATCH', `/api/v1/work-orders/${order.id}`, {
        priority: 'high',
        [field]: value,
      });
      expectRefused(response, 400, [`body.${field}`]);
      expect(problemOf(response).errors).toContainEqual({
        path: `body.${field}`,
        message: 'bukan kolom yang boleh Anda isi',
      });
    }
    expect(await guarded(order.id)).toEqual(before);
    const edited = await send(agent, 'PATCH', `/api/v1/work-orders/${order.id}`, { priority: 'high' });
    expect(edited.json()).toMatchObject({ priority: 'high', technicianId: technicianA.id });
  });

  it('a transition carries its own fields only: an assignee, status or price slipped in is refused (400)', async () => {
    const transition = (caller: Person, id: string, payload: Record<string, unknown>) =>
      send(caller, 'POST', `/api/v1/work-orders/${id}/transitions`, payload);
    const assigned = await world.freshOrder('assigned');
    const claimable = await world.freshOrder('new');
    const working = await world.freshOrder('in_progress');
    const before = await Promise.all([assigned, claimable, working].map((order) => guarded(order.id)));

    expectRefused(await transition(technicianA, assigned.id, { action: 'accept', technicianId: technicianB.id }), 400, [
      'body.technicianId',
    ]);
    expectRefused(await transition(technicianA, assigned.id, { action: 'accept', status: 'completed' }), 400, [
      'body.status',
    ]);
    expectRefused(await transition(technicianA, claimable.id, { action: 'claim', technicianId: technicianB.id }), 400, [
      'body.technicianId',
    ]);
    expectRefused(
      await transition(agent, claimable.id, { action: 'assign', technicianId: technicianA.id, branchId: makassar.id }),
      400,
      ['body.branchId'],
    );
    expectRefused(
      await transition(technicianA, working.id, {
        action: 'complete',
        ...repairReport,
        partsUsed: [{ partId: part.id, quantity: 1, unitPrice: 1 }],
      }),
      400,
      ['body.partsUsed.0.unitPrice'],
    );
    // Assigning is the office's: a technician cannot hand work to themselves or others.
    expectRefused(await transition(technicianA, claimable.id, { action: 'assign', technicianId: technicianA.id }), 403);
    expect(await Promise.all([assigned, claimable, working].map((order) => guarded(order.id)))).toEqual(before);
  });

  it('intake takes no branch, technician, status or number: routing sets them (400), and nothing is written', async () => {
    const count = await rowCount('work_order');
    const intake = { customerId: customer.id, complaint: 'AC berisik', serviceType: 'home_visit' };
    for (const [field, value] of Object.entries({
      branchId: makassar.id,
      technicianId: technicianB.id,
      status: 'completed',
      number: 'WO-0000-000001',
      warrantyStatus: 'in_warranty',
    })) {
      expectRefused(await send(agent, 'POST', '/api/v1/work-orders', { ...intake, [field]: value }), 400, [
        `body.${field}`,
      ]);
    }
    expect(await rowCount('work_order')).toBe(count);
  });

  it('closing with money owed takes an override from a supervisor or an admin only (403 to an agent)', async () => {
    const order = await world.freshOrder('completed');
    await world.call(agent, 'PUT', `/api/v1/work-orders/${order.id}/charges`, { labor: 100_000, transport: 50_000 });
    const before = await guarded(order.id);
    const response = await send(agent, 'POST', `/api/v1/work-orders/${order.id}/transitions`, {
      action: 'close',
      overrideReason: 'Pelanggan bayar besok',
    });
    expectRefused(response, 403, ['body.overrideReason']);
    expect(await guarded(order.id)).toEqual(before);
  });
});

describe('money: fields a role may not set', () => {
  it('a technician charges the price list: other labor or transport, or a discount, is refused (403)', async () => {
    const order = await world.freshOrder('in_progress');
    const { priceList } = (await world.detailOf(order.id, technicianA)).billing;
    const [labor = 0] = priceList.laborOptions;
    const put = (caller: Person, payload: Record<string, unknown>) =>
      send(caller, 'PUT', `/api/v1/work-orders/${order.id}/charges`, payload);
    const before = await guarded(order.id);
    expectRefused(await put(technicianA, { labor: 999_999, transport: priceList.transport }), 403, ['body.labor']);
    expectRefused(await put(technicianA, { labor, transport: 1 }), 403, ['body.transport']);
    expectRefused(await put(technicianA, { labor, transport: priceList.transport, discount: 10_000 }), 403, [
      'body.discount',
    ]);
    // Figures the server works out are nobody's to send.
    expectRefused(await put(technicianA, { labor, transport: priceList.transport, tax: 0 }), 400, ['body.tax']);
    expectRefused(await put(agent, { labor, transport: priceList.transport, total: 1 }), 400, ['body.total']);
    expect(await guarded(order.id)).toEqual(before);

    expect((await put(technicianA, { labor, transport: priceList.transport })).statusCode).toBe(200);
    const office = await put(agent, { labor: 999_999, transport: 1, discount: 10_000 });
    expect(office.json()).toMatchObject({ charges: { labor: 999_999, transport: 1, discount: 10_000 } });
  });

  it('an approval or a payment carries no amounts, receipt numbers or cashier of the caller making', async () => {
    const order = await world.freshOrder('in_progress');
    await world.call(agent, 'PUT', `/api/v1/work-orders/${order.id}/charges`, { labor: 175_000, transport: 50_000 });
    const { total } = (await world.detailOf(order.id)).billing;
    const before = await guarded(order.id);
    const approval = { signature: signaturePng, approvedTotal: total, name: customer.name };
    expectRefused(
      await send(technicianA, 'POST', `/api/v1/work-orders/${order.id}/approval`, { ...approval, customerPays: 0 }),
      400,
      ['body.customerPays'],
    );
    for (const [field, value] of Object.entries({ receiptNumber: 'KW-0000-000001', receivedBy: technicianB.id })) {
      const payment = { method: 'cash', amount: 10_000, [field]: value };
      expectRefused(await send(technicianA, 'POST', `/api/v1/work-orders/${order.id}/payments`, payment), 400, [
        `body.${field}`,
      ]);
    }
    expect(await guarded(order.id)).toEqual(before);
  });
});

describe('people: fields a role may not set', () => {
  it("only an admin changes a role, a branch or whether an account is active — not even one's own (403)", async () => {
    const roleOf = async (person: Person) =>
      await t.database.db
        .selectFrom('user')
        .select(['role', 'branchId', 'active'])
        .where('id', '=', person.id)
        .executeTakeFirstOrThrow();
    for (const person of [supervisorOtherBranch, agent, warehouse, technicianA]) {
      const before = await roleOf(person);
      for (const payload of [{ role: 'admin' }, { branchId: jakarta.id }, { active: true }]) {
        expectRefused(await send(person, 'PATCH', `/api/v1/users/${person.id}`, payload), 403);
      }
      expect(await roleOf(person)).toEqual(before);
    }
    expectRefused(
      await send(supervisorOtherBranch, 'PATCH', `/api/v1/users/${makassarTechnician.id}`, { role: 'supervisor' }),
      403,
    );
    // Even an admin sends user fields only.
    expectRefused(await send(admin, 'PATCH', `/api/v1/users/${technicianB.id}`, { passwordHash: 'x' }), 400, [
      'body.passwordHash',
    ]);
    expectRefused(
      await send(admin, 'POST', '/api/v1/users', {
        employeeNo: 'SEC-NEW-1',
        name: 'Teknisi Baru',
        role: 'technician',
        branchId: jakarta.id,
        password: 'martabak-manis-keju',
        areaCodes: ['31'],
      }),
      400,
      ['body.areaCodes'],
    );
  });

  it("a supervisor gives their technicians only areas their branch serves (403), so no one claims another branch's work", async () => {
    const areasOf = async () =>
      (await world.call<{ areaCodes: string[] }>(admin, 'GET', `/api/v1/users/${makassarTechnician.id}`)).areaCodes;
    const put = (caller: Person, areaCodes: string[]) =>
      send(caller, 'PUT', `/api/v1/technicians/${makassarTechnician.id}/areas`, { areaCodes });
    expectRefused(await put(supervisorOtherBranch, ['31.74']), 403, ['body.areaCodes.0']);
    expectRefused(await put(supervisorOtherBranch, ['73.71.09', '31.74.07']), 403, ['body.areaCodes.1']);
    expect(await areasOf()).toEqual(['73.71']);
    const jakartaOrder = await world.freshOrder('new');
    expect((await send(makassarTechnician, 'GET', `/api/v1/work-orders/${jakartaOrder.id}`)).statusCode).toBe(404);

    expect((await put(supervisorOtherBranch, ['73.71.09'])).statusCode).toBe(200);
    expect(await areasOf()).toEqual(['73.71.09']);
    // Cover across branches is the admin's decision.
    expect((await put(admin, ['73.71', '31.74.07'])).statusCode).toBe(200);
    expect((await put(admin, ['73.71'])).statusCode).toBe(200);
  });

  it("a supervisor notifies their own branch's technicians only (400 naming the recipient), and nothing is sent", async () => {
    const count = await rowCount('notification');
    const message = { title: 'Lembur', body: 'Sabtu masuk' };
    expectRefused(
      await send(supervisorOtherBranch, 'POST', '/api/v1/notifications', {
        ...message,
        technicianIds: [technicianA.id],
      }),
      400,
      ['body.technicianIds.0'],
    );
    expectRefused(
      await send(supervisorOtherBranch, 'POST', '/api/v1/notifications', { ...message, branchId: jakarta.id }),
      400,
      ['body.branchId'],
    );
    expectRefused(
      await send(agent, 'POST', '/api/v1/notifications', {
        ...message,
        technicianIds: [technicianA.id],
        senderId: admin.id,
      }),
      400,
      ['body.senderId'],
    );
    expect(await rowCount('notification')).toBe(count);
  });
});

describe('stock: fields a role may not set', () => {
  it('goods come in through the warehouse only (403 to others), at catalog prices, into the own branch', async () => {
    const before = await stockAt(t, warehouse, world.jakartaWarehouseId);
    const receipt = {
      locationId: world.jakartaWarehouseId,
      lines: [{ partId: part.id, quantity: 5 }],
      reference: 'SJ-LUAR',
    };
    for (const caller of [agent, supervisorOtherBranch, technicianA]) {
      expectRefused(await send(caller, 'POST', '/api/v1/stock/receipts', receipt), 403);
    }
    expectRefused(
      await send(warehouse, 'POST', '/api/v1/stock/receipts', {
        ...receipt,
        lines: [{ partId: part.id, quantity: 5, unitPrice: 1 }],
      }),
      400,
      ['body.lines.0.unitPrice'],
    );
    const makassarWarehouse = (await listLocations(t, admin)).find(
      (location) => location.kind === 'warehouse' && location.branchId === makassar.id,
    );
    if (!makassarWarehouse) throw new Error('no Makassar warehouse');
    const elsewhere = await send(warehouse, 'POST', '/api/v1/stock/receipts', {
      ...receipt,
      locationId: makassarWarehouse.id,
    });
    expect(elsewhere.statusCode).toBe(404);
    expect(await stockAt(t, warehouse, world.jakartaWarehouseId)).toEqual(before);
    expect(await stockAt(t, admin, makassarWarehouse.id)).toEqual(new Map());
  });

  it("a technician sets no price and no limit: catalog and carrying limits are the office's (403)", async () => {
    expectRefused(await send(technicianA, 'PATCH', `/api/v1/parts/${part.id}`, { price: 1 }), 403);
    expectRefused(
      await send(technicianA, 'PUT', `/api/v1/technicians/${technicianA.id}/part-limits`, {
        maxItems: null,
        maxValue: null,
      }),
      403,
    );
    expectRefused(
      await send(warehouse, 'PUT', `/api/v1/branches/${jakarta.id}/part-limits`, { maxItems: 1, maxValue: 1 }),
      403,
    );
    expect((await world.call<{ price: number }>(technicianA, 'GET', `/api/v1/parts/${part.id}`)).price).toBe(45_000);
  });

  it("a technician's request or return is their own: a technician, branch, status or price sent along is refused (400)", async () => {
    const counts = [await rowCount('part_request'), await rowCount('part_return')];
    const lines = [{ partId: part.id, quantity: 1 }];
    for (const [field, value] of Object.entries({
      technicianId: technicianB.id,
      branchId: makassar.id,
      status: 'issued',
    })) {
      expectRefused(await send(technicianA, 'POST', '/api/v1/part-requests', { lines, [field]: value }), 400, [
        `body.${field}`,
      ]);
      expectRefused(
        await send(technicianA, 'POST', '/api/v1/part-returns', {
          lines: [{ ...lines[0], condition: 'unused' }],
          [field]: value,
        }),
        400,
        [`body.${field}`],
      );
    }
    expectRefused(
      await send(technicianA, 'POST', '/api/v1/part-requests', { lines: [{ ...lines[0], price: 1 }] }),
      400,
      ['body.lines.0.price'],
    );
    // For someone else's work order, or approved by the one who asks: no.
    const ofB = await createWorkOrder(t, agent, { customerId: customer.id });
    await world.step(agent, ofB.id, { action: 'assign', technicianId: technicianB.id });
    expectRefused(await send(technicianA, 'POST', '/api/v1/part-requests', { lines, workOrderId: ofB.id }), 400, [
      'body.workOrderId',
    ]);
    expect([await rowCount('part_request'), await rowCount('part_return')]).toEqual(counts);
    const own = await world.freshRequestOfA();
    expectRefused(
      await send(technicianA, 'POST', `/api/v1/part-requests/${own.id}/transitions`, { action: 'approve' }),
      403,
    );
    expectRefused(
      await send(warehouse, 'POST', `/api/v1/part-requests/${own.id}/transitions`, {
        action: 'approve',
        technicianId: technicianB.id,
      }),
      400,
      ['body.technicianId'],
    );
    expect((await world.call<{ status: string }>(warehouse, 'GET', `/api/v1/part-requests/${own.id}`)).status).toBe(
      'requested',
    );
  });
});

// Technician B's own customer and job in Jakarta Pusat, and a claimable job next door.
const ownCustomer = await createCustomer(t, { areaCode: '31.71.01', name: 'Bapak Hendra Gunawan' });
const ownOrder = await createWorkOrder(t, agent, { customerId: ownCustomer.id });
await world.step(agent, ownOrder.id, { action: 'assign', technicianId: technicianB.id });
const neighbour = await createCustomer(t, { areaCode: '31.71.03', name: 'Ibu Wulan Sari' });
const claimable = await createWorkOrder(t, agent, { customerId: neighbour.id });

describe('what a technician is shown', () => {
  it("technician B's list holds their own work and the claimable in their areas, never another customer's", async () => {
    const page = await world.call<{
      items: { id: string; status: string; technicianId: string | null; customer: Record<string, unknown> }[];
    }>(technicianB, 'GET', '/api/v1/work-orders?limit=200');
    expect(page.items.map((item) => item.id)).toEqual(expect.arrayContaining([ownOrder.id, claimable.id]));
    const isOwn = (item: (typeof page.items)[number]) => item.technicianId === technicianB.id;
    const isClaimableByB = (item: (typeof page.items)[number]) =>
      item.technicianId === null && item.status === 'new' && String(item.customer.areaCode).startsWith('31.71.');
    expect(page.items.filter((item) => !isOwn(item) && !isClaimableByB(item))).toEqual([]);
    for (const item of page.items) {
      expect(Object.keys(item.customer).sort()).toEqual(['address', 'areaCode', 'id', 'name', 'phone']);
    }
  });

  it('parts reach a technician with their selling price only, no internal cost', async () => {
    const partFields = [
      'createdAt',
      'id',
      'modelCodes',
      'mustReturnDefective',
      'name',
      'partNo',
      'price',
      'reorderLevel',
      'returnable',
      'updatedAt',
      'version',
    ];
    const one = await world.call<Record<string, unknown>>(technicianA, 'GET', `/api/v1/parts/${part.id}`);
    expect(Object.keys(one).sort()).toEqual(partFields);
    const bag = await world.call<{ items: { part: Record<string, unknown> }[] }>(
      technicianA,
      'GET',
      '/api/v1/me/inventory',
    );
    for (const item of bag.items) {
      expect(Object.keys(item.part).sort()).toEqual([
        'id',
        'mustReturnDefective',
        'name',
        'partNo',
        'price',
        'returnable',
      ]);
    }
    // Movements with their unit prices are the stock office's.
    expectRefused(await send(technicianA, 'GET', '/api/v1/stock/ledger'), 403);
  });

  it("responses to technician A name other people, but never their NIK, phone or email, nor B's customers", async () => {
    let phone = 0;
    for (const person of Object.values(people)) {
      phone += 1;
      await world.call(admin, 'PATCH', `/api/v1/users/${person.id}`, {
        phone: `+6281377700${String(phone).padStart(2, '0')}`,
        email: `${person.employeeNo.toLowerCase()}@purnajual.test`,
      });
    }
    const others = await Promise.all(
      Object.values(people)
        .filter((person) => person.id !== technicianA.id)
        .map((person) =>
          world.call<{ employeeNo: string; phone: string; email: string }>(admin, 'GET', `/api/v1/users/${person.id}`),
        ),
    );
    const secrets = [
      ...others.flatMap((user) => [user.employeeNo, user.phone, user.email]),
      ownCustomer.name,
      ownCustomer.phone,
      neighbour.phone,
    ];
    const today = new Date().toISOString().slice(0, 10);
    const urls = [
      '/api/v1/me',
      '/api/v1/work-orders?limit=200',
      '/api/v1/work-orders/counts',
      `/api/v1/work-orders/${world.main.id}`,
      `/api/v1/work-orders/${world.main.id}/history`,
      '/api/v1/notifications',
      '/api/v1/parts?limit=200',
      '/api/v1/stock-locations',
      `/api/v1/stock?locationId=${world.bagA}`,
      `/api/v1/stock?locationId=${world.jakartaWarehouseId}`,
      '/api/v1/me/inventory',
      '/api/v1/me/part-limits',
      '/api/v1/part-requests?limit=200',
      `/api/v1/part-requests/${world.requestOfA.id}`,
      '/api/v1/part-returns?limit=200',
      `/api/v1/part-returns/${world.returnOfA.id}`,
      `/api/v1/reports/kpis?from=${today}&to=${today}`,
      `/api/v1/reports/kpis/work-orders?kpi=received&from=${today}&to=${today}`,
      '/api/v1/branches',
    ];
    for (const url of urls) {
      const response = await send(technicianA, 'GET', url);
      expect(response.statusCode, url).toBe(200);
      const leaked = secrets.filter((secret) => response.body.includes(secret));
      expect(leaked, url).toEqual([]);
    }
    // The detail does name who did what: by name, with nothing else about them.
    const history = await world.call<{ items: { actor: Record<string, unknown> | null }[] }>(
      technicianA,
      'GET',
      `/api/v1/work-orders/${world.main.id}/history`,
    );
    for (const { actor } of history.items) {
      if (actor) expect(Object.keys(actor).sort()).toEqual(['id', 'name', 'role']);
    }
    // The customer's tracking page: the technician's first name and nothing about the customer.
    const tracking = await app.inject({ method: 'GET', url: `/api/v1/public/tracking/${world.trackingToken}` });
    expect(tracking.json()).toMatchObject({ technicianFirstName: 'Budi' });
    for (const secret of ['Santoso', customer.name, customer.phone, customer.address, technicianA.employeeNo]) {
      expect(tracking.body).not.toContain(secret);
    }
  });
});
