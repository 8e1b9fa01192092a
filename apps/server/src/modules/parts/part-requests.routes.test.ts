import type { PartRequest, PartReturn } from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createCustomer,
  createUser,
  createWorkOrder,
  problemOf,
  signaturePng,
} from '../../../test/app';
import {
  approvedRequest,
  createPart,
  issueToBag,
  ledgerAgainstLevels,
  listLocations,
  locationOf,
  receiveStock,
  requestParts,
  returnParts,
  stockAt,
  transitionRequest,
  transitionReturn,
} from '../../../test/parts';

const t = await buildTestApp();
const { app } = t;
const jakarta = await createBranch(t, ['31']);
const makassar = await createBranch(t, ['73']);
const admin = await createUser(t, 'admin');
const agent = await createUser(t, 'agent');
const clerk = await createUser(t, 'warehouse', { branchId: jakarta.id });
const supervisor = await createUser(t, 'supervisor', { branchId: jakarta.id });
const makassarClerk = await createUser(t, 'warehouse', { branchId: makassar.id });
const agus = await createUser(t, 'technician', { branchId: jakarta.id });
const budi = await createUser(t, 'technician', { branchId: jakarta.id });
const warehouse = await locationOf(t, clerk, jakarta.id);
const defectiveBin = await locationOf(t, clerk, jakarta.id, 'defective');
const bagOf = async (technician: { id: string }) =>
  (await listLocations(t, clerk)).find((l) => l.technicianId === technician.id)?.id ?? '';

const capacitor = await createPart(t, clerk, { name: 'Kapasitor kompresor 35µF', price: 45_000 });
const pcb = await createPart(t, clerk, {
  name: 'PCB indoor AC 1 PK',
  price: 850_000,
  returnable: true,
  mustReturnDefective: true,
});
const freon = await createPart(t, clerk, { name: 'Freon R32 1 kg', price: 150_000, returnable: false });
await receiveStock(t, clerk, warehouse, [
  { partId: capacitor.id, quantity: 40 },
  { partId: pcb.id, quantity: 10 },
  { partId: freon.id, quantity: 20 },
]);

const getRequest = async (caller: { token: string }, id: string) =>
  app.inject({ method: 'GET', url: `/api/v1/part-requests/${id}`, headers: bearer(caller.token) });

describe('part requests: technician → warehouse', () => {
  it('go requested → approved → issued, moving the parts from the warehouse into the bag', async () => {
    const created = await requestParts(t, agus, {
      lines: [
        { partId: capacitor.id, quantity: 3 },
        { partId: freon.id, quantity: 1 },
      ],
      note: 'Untuk servis besok pagi',
    });
    expect(created.statusCode).toBe(201);
    const request = created.json<PartRequest>();
    expect(request).toMatchObject({
      status: 'requested',
      branchId: jakarta.id,
      technician: { id: agus.id, name: agus.name },
      workOrder: null,
      totalItems: 4,
      totalValue: 3 * 45_000 + 150_000,
      allowedActions: ['cancel'],
    });

    const queue = await app.inject({
      method: 'GET',
      url: '/api/v1/part-requests?status=requested',
      headers: bearer(clerk.token),
    });
    const queued = queue.json<{ items: PartRequest[] }>().items.find((r) => r.id === request.id);
    expect(queued?.allowedActions).toEqual(['approve', 'reject']);

    const approved = await transitionRequest(t, supervisor, request.id, { action: 'approve' });
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: { id: supervisor.id } });
    // Supervisors decide; the warehouse hands the parts over.
    expect(approved.json<PartRequest>().allowedActions).toEqual(['reject']);

    const before = await stockAt(t, clerk, warehouse);
    const issued = await transitionRequest(t, clerk, request.id, { action: 'issue' });
    expect(issued.statusCode).toBe(200);
    expect(issued.json()).toMatchObject({ status: 'issued', issuedBy: { id: clerk.id, name: clerk.name } });

    const after = await stockAt(t, clerk, warehouse);
    expect((before.get(capacitor.id) ?? 0) - (after.get(capacitor.id) ?? 0)).toBe(3);
    expect((before.get(freon.id) ?? 0) - (after.get(freon.id) ?? 0)).toBe(1);
    const inventory = (
      await app.inject({ method: 'GET', url: '/api/v1/me/inventory', headers: bearer(agus.token) })
    ).json();
    expect(inventory.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ part: expect.objectContaining({ id: capacitor.id }), quantity: 3, value: 135_000 }),
        expect.objectContaining({ part: expect.objectContaining({ id: freon.id, returnable: false }), quantity: 1 }),
      ]),
    );
    expect(inventory.location).toMatchObject({ kind: 'technician', technicianId: agus.id, branchId: jakarta.id });

    const ledger = await app.inject({
      method: 'GET',
      url: `/api/v1/stock/ledger?locationId=${inventory.location.id}`,
      headers: bearer(clerk.token),
    });
    const entries = ledger.json().items.filter((e: { partRequestId: string }) => e.partRequestId === request.id);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      reason: 'issue',
      fromLocationId: warehouse,
      toLocationId: inventory.location.id,
    });
  });

  it('refuse what the status or the role does not allow', async () => {
    const request = (await requestParts(t, agus, { lines: [{ partId: capacitor.id, quantity: 1 }] })).json();
    const early = await transitionRequest(t, clerk, request.id, { action: 'issue' });
    expect(early.statusCode).toBe(409);
    expect(problemOf(early).code).toBe('invalid_transition');
    expect((await transitionRequest(t, agus, request.id, { action: 'approve' })).statusCode).toBe(403);
    expect((await transitionRequest(t, agent, request.id, { action: 'approve' })).statusCode).toBe(403);

    const rejected = await transitionRequest(t, clerk, request.id, {
      action: 'reject',
      reason: 'Stok dipakai servis besar',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectReason: 'Stok dipakai servis besar' });
    expect((await transitionRequest(t, clerk, request.id, { action: 'reject' })).statusCode).toBe(400);

    const other = (await requestParts(t, agus, { lines: [{ partId: capacitor.id, quantity: 1 }] })).json();
    const cancelled = await transitionRequest(t, agus, other.id, { action: 'cancel' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', allowedActions: [] });
    const stale = await transitionRequest(t, clerk, other.id, { action: 'approve', version: 1 });
    expect(problemOf(stale).code).toBe('version_conflict');
  });

  it("keep a technician's requests, bag and stock from other technicians and other branches (404)", async () => {
    const request = (await requestParts(t, agus, { lines: [{ partId: capacitor.id, quantity: 1 }] })).json();
    for (const caller of [budi, makassarClerk]) {
      expect((await getRequest(caller, request.id)).statusCode).toBe(404);
      expect((await transitionRequest(t, caller, request.id, { action: 'approve' })).statusCode).toBe(404);
    }
    const budiList = await app.inject({ method: 'GET', url: '/api/v1/part-requests', headers: bearer(budi.token) });
    expect(budiList.json().items.map((r: PartRequest) => r.id)).not.toContain(request.id);
    const makassarList = await app.inject({
      method: 'GET',
      url: '/api/v1/part-requests',
      headers: bearer(makassarClerk.token),
    });
    expect(makassarList.json().items).toEqual([]);
    expect((await getRequest(admin, request.id)).statusCode).toBe(200);

    const agusBag = await bagOf(agus);
    const peek = (caller: { token: string }, locationId: string) =>
      app.inject({ method: 'GET', url: `/api/v1/stock?locationId=${locationId}`, headers: bearer(caller.token) });
    expect((await peek(budi, agusBag)).statusCode).toBe(404);
    expect((await peek(makassarClerk, agusBag)).statusCode).toBe(404);
    expect((await peek(budi, defectiveBin)).statusCode).toBe(404);
    expect((await peek(budi, warehouse)).statusCode).toBe(200);
    expect((await peek(agent, warehouse)).statusCode).toBe(403);
    const budiSees = (await listLocations(t, budi)).map((l) => l.id).sort();
    expect(budiSees).toEqual([warehouse, await bagOf(budi)].sort());
    expect((await listLocations(t, makassarClerk)).map((l) => l.branchId)).not.toContain(jakarta.id);
  });

  it('issue with the same Idempotency-Key moves stock once', async () => {
    const request = await approvedRequest(t, budi, clerk, [{ partId: capacitor.id, quantity: 2 }]);
    const before = await stockAt(t, clerk, warehouse);
    const issue = () =>
      transitionRequest(t, clerk, request.id, { action: 'issue' }, { 'idempotency-key': `issue-${request.id}` });
    const first = await issue();
    const replay = await issue();
    expect(first.statusCode).toBe(200);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().version).toBe(first.json().version);
    const after = await stockAt(t, clerk, warehouse);
    expect((before.get(capacitor.id) ?? 0) - (after.get(capacitor.id) ?? 0)).toBe(2);
    // Without the key, a second issue is refused: the request is already issued.
    expect(problemOf(await transitionRequest(t, clerk, request.id, { action: 'issue' })).code).toBe(
      'invalid_transition',
    );
    const { fromLedger, onHand } = await ledgerAgainstLevels(t);
    expect(fromLedger).toEqual(onHand);
  });

  it('refuse to issue more than the warehouse has (409 insufficient_stock), moving nothing', async () => {
    const request = await approvedRequest(t, budi, clerk, [
      { partId: capacitor.id, quantity: 1 },
      { partId: pcb.id, quantity: 11 },
    ]);
    const before = await stockAt(t, clerk, warehouse);
    const refused = await transitionRequest(t, clerk, request.id, { action: 'issue' });
    expect(refused.statusCode).toBe(409);
    expect(problemOf(refused)).toMatchObject({ code: 'insufficient_stock' });
    expect(problemOf(refused).detail).toContain(pcb.partNo);
    expect(await stockAt(t, clerk, warehouse)).toEqual(before);
    expect((await getRequest(clerk, request.id)).json().status).toBe('approved');
  });

  it('leave no stock rows behind when an issue is refused for too little stock or a passed carrying limit', async () => {
    const tech = await createUser(t, 'technician', { branchId: jakarta.id });
    const limit = (maxItems: number | null) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/technicians/${tech.id}/part-limits`,
        headers: bearer(supervisor.token),
        payload: { maxItems, maxValue: null },
      });
    await limit(null);
    const scarce = await approvedRequest(t, tech, clerk, [{ partId: pcb.id, quantity: 11 }]);
    expect(problemOf(await transitionRequest(t, clerk, scarce.id, { action: 'issue' })).code).toBe(
      'insufficient_stock',
    );
    await limit(1);
    const first = await approvedRequest(t, tech, clerk, [{ partId: capacitor.id, quantity: 1 }]);
    const second = await approvedRequest(t, tech, clerk, [{ partId: freon.id, quantity: 1 }]);
    expect((await transitionRequest(t, clerk, first.id, { action: 'issue' })).statusCode).toBe(200);
    expect(problemOf(await transitionRequest(t, clerk, second.id, { action: 'issue' })).code).toBe(
      'part_limit_exceeded',
    );
    const levels = await t.database.db
      .selectFrom('stock_level')
      .select(['partId', 'quantity'])
      .where('locationId', '=', await bagOf(tech))
      .execute();
    expect(levels.map((level) => [level.partId, Number(level.quantity)])).toEqual([[capacitor.id, 1]]);
  });

  it('refuse a request over the carrying limit without creating a bag for a technician who never had one', async () => {
    const newcomer = await createUser(t, 'technician', { branchId: jakarta.id });
    const limited = await app.inject({
      method: 'PUT',
      url: `/api/v1/technicians/${newcomer.id}/part-limits`,
      headers: bearer(supervisor.token),
      payload: { maxItems: 2, maxValue: null },
    });
    expect(limited.statusCode).toBe(200);
    const refused = await requestParts(t, newcomer, { lines: [{ partId: capacitor.id, quantity: 3 }] });
    expect(refused.statusCode).toBe(409);
    expect(problemOf(refused).code).toBe('part_limit_exceeded');
    const bags = await t.database.db
      .selectFrom('stock_location')
      .select('id')
      .where('technicianId', '=', newcomer.id)
      .execute();
    expect(bags).toEqual([]);
    const accepted = await requestParts(t, newcomer, { lines: [{ partId: capacitor.id, quantity: 2 }] });
    expect(accepted.statusCode).toBe(201);
  });

  it('validate the input: unknown parts, zero or negative quantities, repeated parts, foreign work orders', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ lines: [{ partId: '01933b4c-0000-7000-8000-0000000000ff', quantity: 1 }] }, 'body.lines.0.partId'],
      [{ lines: [{ partId: capacitor.id, quantity: 0 }] }, 'body.lines.0.quantity'],
      [{ lines: [{ partId: capacitor.id, quantity: -2 }] }, 'body.lines.0.quantity'],
      [{ lines: [{ partId: capacitor.id, quantity: 1.5 }] }, 'body.lines.0.quantity'],
      [{ lines: [] }, 'body.lines'],
      [
        {
          lines: [
            { partId: capacitor.id, quantity: 1 },
            { partId: capacitor.id, quantity: 2 },
          ],
        },
        'body.lines.1',
      ],
    ];
    for (const [payload, path] of cases) {
      const response = await requestParts(t, agus, payload);
      expect(response.statusCode, path).toBe(400);
      expect(problemOf(response).errors?.[0]?.path).toBe(path);
    }
    const customer = await createCustomer(t, { areaCode: '31.74.07' });
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${order.id}/transitions`,
      headers: bearer(agent.token),
      payload: { action: 'assign', technicianId: budi.id },
    });
    const foreign = await requestParts(t, agus, { lines: [{ partId: pcb.id, quantity: 1 }], workOrderId: order.id });
    expect(problemOf(foreign).errors?.[0]?.path).toBe('body.workOrderId');
    const own = await requestParts(t, budi, { lines: [{ partId: pcb.id, quantity: 1 }], workOrderId: order.id });
    expect(own.json().workOrder).toEqual({ id: order.id, number: order.number });
    expect((await requestParts(t, clerk, { lines: [{ partId: pcb.id, quantity: 1 }] })).statusCode).toBe(403);
  });
});

describe('carrying limits', () => {
  it('are enforced when issuing (409 part_limit_exceeded), and shown to the technician', async () => {
    const tech = await createUser(t, 'technician', { branchId: jakarta.id });
    const defaults = await app.inject({
      method: 'PUT',
      url: `/api/v1/branches/${jakarta.id}/part-limits`,
      headers: bearer(supervisor.token),
      payload: { maxItems: 50, maxValue: 2_000_000 },
    });
    expect(defaults.json()).toEqual({ branchId: jakarta.id, maxItems: 50, maxValue: 2_000_000 });
    const own = await app.inject({
      method: 'PUT',
      url: `/api/v1/technicians/${tech.id}/part-limits`,
      headers: bearer(supervisor.token),
      payload: { maxItems: 5, maxValue: null },
    });
    expect(own.json()).toMatchObject({ source: 'technician', maxItems: 5, maxValue: null, currentItems: 0 });

    await issueToBag(t, tech, clerk, [{ partId: capacitor.id, quantity: 4 }]);
    const limits = await app.inject({ method: 'GET', url: '/api/v1/me/part-limits', headers: bearer(tech.token) });
    expect(limits.json()).toEqual({
      technicianId: tech.id,
      maxItems: 5,
      maxValue: null,
      source: 'technician',
      currentItems: 4,
      currentValue: 180_000,
    });

    // Two approved requests that each fit alone but not together: the second one is refused.
    const first = await approvedRequest(t, tech, clerk, [{ partId: capacitor.id, quantity: 1 }]);
    const second = await approvedRequest(t, tech, clerk, [{ partId: capacitor.id, quantity: 1 }]);
    expect((await transitionRequest(t, clerk, first.id, { action: 'issue' })).statusCode).toBe(200);
    const before = await stockAt(t, clerk, warehouse);
    const refused = await transitionRequest(t, clerk, second.id, { action: 'issue' });
    expect(refused.statusCode).toBe(409);
    expect(problemOf(refused).code).toBe('part_limit_exceeded');
    expect(await stockAt(t, clerk, warehouse)).toEqual(before);
    expect((await getRequest(clerk, second.id)).json().status).toBe('approved');

    // Asking for more than could ever be issued is refused at once.
    const tooMuch = await requestParts(t, tech, { lines: [{ partId: capacitor.id, quantity: 1 }] });
    expect(problemOf(tooMuch).code).toBe('part_limit_exceeded');

    // Back to the branch default, which limits value: three PCBs on top of the rest are too dear.
    const cleared = await app.inject({
      method: 'DELETE',
      url: `/api/v1/technicians/${tech.id}/part-limits`,
      headers: bearer(admin.token),
    });
    expect(cleared.json()).toMatchObject({ source: 'branch', maxItems: 50, maxValue: 2_000_000, currentItems: 5 });
    const dear = await requestParts(t, tech, { lines: [{ partId: pcb.id, quantity: 3 }] });
    expect(problemOf(dear).code).toBe('part_limit_exceeded');
    expect(problemOf(dear).detail).toContain('2000000');
    expect((await requestParts(t, tech, { lines: [{ partId: pcb.id, quantity: 1 }] })).statusCode).toBe(201);
  });

  it('are set by supervisors of the branch and admins only', async () => {
    const put = (caller: { token: string }, technicianId: string) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/technicians/${technicianId}/part-limits`,
        headers: bearer(caller.token),
        payload: { maxItems: 3, maxValue: 100 },
      });
    expect((await put(clerk, agus.id)).statusCode).toBe(403);
    expect((await put(agus, agus.id)).statusCode).toBe(403);
    const farSupervisor = await createUser(t, 'supervisor', { branchId: makassar.id });
    expect((await put(farSupervisor, agus.id)).statusCode).toBe(404);
    expect((await put(supervisor, clerk.id)).statusCode).toBe(404);
    const negative = await app.inject({
      method: 'PUT',
      url: `/api/v1/technicians/${agus.id}/part-limits`,
      headers: bearer(supervisor.token),
      payload: { maxItems: -1, maxValue: null },
    });
    expect(problemOf(negative).errors?.[0]?.path).toBe('body.maxItems');
    const otherBranch = await app.inject({
      method: 'PUT',
      url: `/api/v1/branches/${makassar.id}/part-limits`,
      headers: bearer(supervisor.token),
      payload: { maxItems: 1, maxValue: 1 },
    });
    expect(otherBranch.statusCode).toBe(403);
    const seen = await app.inject({
      method: 'GET',
      url: `/api/v1/technicians/${agus.id}/part-limits`,
      headers: bearer(clerk.token),
    });
    expect(seen.json()).toMatchObject({ technicianId: agus.id, source: 'branch' });
  });
});

describe('part returns', () => {
  it('take unused parts back to the warehouse and defective ones to the defective bin', async () => {
    const tech = await createUser(t, 'technician', { branchId: jakarta.id });
    await issueToBag(t, tech, clerk, [
      { partId: capacitor.id, quantity: 5 },
      { partId: freon.id, quantity: 2 },
    ]);
    const notReturnable = await returnParts(t, tech, {
      lines: [{ partId: freon.id, quantity: 1, condition: 'unused' }],
    });
    expect(problemOf(notReturnable).errors?.[0]).toMatchObject({ path: 'body.lines.0.partId' });
    const tooMany = await returnParts(t, tech, { lines: [{ partId: capacitor.id, quantity: 6, condition: 'unused' }] });
    expect(problemOf(tooMany).code).toBe('insufficient_stock');
    const zero = await returnParts(t, tech, { lines: [{ partId: capacitor.id, quantity: 0, condition: 'unused' }] });
    expect(zero.statusCode).toBe(400);

    const created = await returnParts(t, tech, {
      lines: [
        { partId: capacitor.id, quantity: 2, condition: 'unused' },
        { partId: capacitor.id, quantity: 1, condition: 'defective' },
        { partId: freon.id, quantity: 1, condition: 'defective' },
      ],
      note: 'Kapasitor satu rusak dari pabrik',
    });
    expect(created.statusCode).toBe(201);
    const partReturn = created.json<PartReturn>();
    expect(partReturn).toMatchObject({ status: 'submitted', totalItems: 4, allowedActions: ['cancel'] });
    // Parts already on their way back cannot be returned twice.
    const again = await returnParts(t, tech, { lines: [{ partId: capacitor.id, quantity: 3, condition: 'unused' }] });
    expect(problemOf(again).code).toBe('insufficient_stock');

    const bag = await bagOf(tech);
    const [warehouseBefore, binBefore] = [await stockAt(t, clerk, warehouse), await stockAt(t, clerk, defectiveBin)];
    expect((await transitionReturn(t, tech, partReturn.id, { action: 'receive' })).statusCode).toBe(403);
    const received = await transitionReturn(t, clerk, partReturn.id, { action: 'receive' });
    expect(received.json()).toMatchObject({ status: 'received', receivedBy: { id: clerk.id } });
    expect(await stockAt(t, clerk, bag)).toEqual(
      new Map([
        [capacitor.id, 2],
        [freon.id, 1],
      ]),
    );
    const warehouseAfter = await stockAt(t, clerk, warehouse);
    expect((warehouseAfter.get(capacitor.id) ?? 0) - (warehouseBefore.get(capacitor.id) ?? 0)).toBe(2);
    const binAfter = await stockAt(t, clerk, defectiveBin);
    expect((binAfter.get(capacitor.id) ?? 0) - (binBefore.get(capacitor.id) ?? 0)).toBe(1);
    expect((binAfter.get(freon.id) ?? 0) - (binBefore.get(freon.id) ?? 0)).toBe(1);
    expect(problemOf(await transitionReturn(t, clerk, partReturn.id, { action: 'receive' })).code).toBe(
      'invalid_transition',
    );
    expect((await transitionReturn(t, budi, partReturn.id, { action: 'cancel' })).statusCode).toBe(404);
  });

  it('track the defective parts a repair replaced until they come back', async () => {
    const tech = await createUser(t, 'technician', { branchId: jakarta.id });
    await issueToBag(t, tech, clerk, [{ partId: pcb.id, quantity: 2 }]);
    const customer = await createCustomer(t, { areaCode: '31.74.07' });
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const step = (caller: { token: string }, payload: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/work-orders/${order.id}/transitions`,
        headers: bearer(caller.token),
        payload,
      });
    await step(agent, { action: 'assign', technicianId: tech.id });
    await step(tech, { action: 'accept' });
    await step(tech, { action: 'start' });
    const completed = await step(tech, {
      action: 'complete',
      diagnosis: 'PCB indoor terbakar',
      actionTaken: 'Ganti PCB indoor',
      result: 'fixed',
      signature: signaturePng,
      partsUsed: [{ partId: pcb.id, quantity: 1 }],
    });
    expect(completed.statusCode).toBe(200);

    const inventory = async () =>
      (await app.inject({ method: 'GET', url: '/api/v1/me/inventory', headers: bearer(tech.token) })).json();
    expect((await inventory()).defectiveDue).toEqual([
      {
        workOrder: { id: order.id, number: order.number },
        part: { id: pcb.id, partNo: pcb.partNo, name: pcb.name, price: pcb.price },
        quantity: 1,
      },
    ]);
    const wrongOrder = await returnParts(t, tech, {
      lines: [{ partId: capacitor.id, quantity: 1, condition: 'defective', workOrderId: order.id }],
    });
    expect(problemOf(wrongOrder).errors?.[0]?.path).toBe('body.lines.0.workOrderId');
    const tooMany = await returnParts(t, tech, {
      lines: [{ partId: pcb.id, quantity: 2, condition: 'defective', workOrderId: order.id }],
    });
    expect(problemOf(tooMany).errors?.[0]?.path).toBe('body.lines.0.quantity');
    const unusedFromOrder = await returnParts(t, tech, {
      lines: [{ partId: pcb.id, quantity: 1, condition: 'unused', workOrderId: order.id }],
    });
    expect(problemOf(unusedFromOrder).errors?.[0]?.path).toBe('body.lines.0.workOrderId');

    const core = await returnParts(t, tech, {
      lines: [{ partId: pcb.id, quantity: 1, condition: 'defective', workOrderId: order.id }],
    });
    expect(core.json().lines[0]).toMatchObject({ condition: 'defective', workOrder: { id: order.id } });
    expect((await inventory()).defectiveDue).toEqual([]);
    const binBefore = await stockAt(t, clerk, defectiveBin);
    await transitionReturn(t, clerk, core.json().id, { action: 'receive' });
    const binAfter = await stockAt(t, clerk, defectiveBin);
    expect((binAfter.get(pcb.id) ?? 0) - (binBefore.get(pcb.id) ?? 0)).toBe(1);
    // The good PCB left in the bag is untouched by the core coming back.
    expect((await inventory()).items).toEqual([expect.objectContaining({ quantity: 1 })]);
    const ledger = await app.inject({
      method: 'GET',
      url: `/api/v1/stock/ledger?workOrderId=${order.id}`,
      headers: bearer(clerk.token),
    });
    expect(ledger.json().items.map((e: { reason: string }) => e.reason)).toEqual(['core_return', 'use']);
  });

  it('may be cancelled by the technician while submitted', async () => {
    const tech = await createUser(t, 'technician', { branchId: jakarta.id });
    await issueToBag(t, tech, clerk, [{ partId: capacitor.id, quantity: 1 }]);
    const created = (
      await returnParts(t, tech, { lines: [{ partId: capacitor.id, quantity: 1, condition: 'unused' }] })
    ).json<PartReturn>();
    const cancelled = await transitionReturn(t, tech, created.id, { action: 'cancel' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', allowedActions: [] });
    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/part-returns?status=submitted,received',
      headers: bearer(tech.token),
    });
    expect(list.json().items.map((r: PartReturn) => r.id)).not.toContain(created.id);
    const { fromLedger, onHand } = await ledgerAgainstLevels(t);
    expect(fromLedger).toEqual(onHand);
  });
});
