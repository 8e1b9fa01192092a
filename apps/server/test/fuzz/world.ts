import type { WorkOrderDetail } from '@purnajual/contract';
import { bearer, createBranch, createCustomer, createUser, createWorkOrder, signaturePng, type TestApp } from '../app';
import { createPart, issueToBag, locationOf, receiveStock, requestParts, returnParts } from '../parts';
import type { FuzzTargets } from './requests';

/** A signed-in user the fuzzer sends requests as; `token` is renewed if a request ends the session. */
export interface FuzzSession {
  id: string;
  employeeNo: string;
  password: string;
  token: string;
}

export interface FuzzWorld extends FuzzTargets {
  admin: FuzzSession;
  technician: FuzzSession;
  /**
   * Reads again what earlier requests changed and a valid request must match: the work
   * orders' versions, their bills' totals and balances.
   */
  refresh(): Promise<void>;
}

type Caller = { token: string };

async function expectStatus(
  response: Promise<{ statusCode: number; body: string; json<T>(): T }>,
  status: number,
  what: string,
) {
  const answer = await response;
  if (answer.statusCode !== status) throw new Error(`${what}: ${answer.statusCode} ${answer.body}`);
  return answer;
}

/**
 * A small company with a record of every kind in several states: two branches, staff of
 * every role, customers with products, work orders from new to completed (with a photo,
 * charges, an approval, a payment and a tracking link), parts in the warehouse and a bag,
 * a part request, a return and a notification.
 *
 * The fuzzer signs in as `admin` and `technician`; their own accounts are left out of the
 * user ids it edits, so that a valid request (deactivate, change role) cannot end the
 * sessions the rest of the run needs.
 */
export async function createFuzzWorld(t: TestApp): Promise<FuzzWorld> {
  const { app } = t;
  const jakarta = await createBranch(t, ['31']);
  const makassar = await createBranch(t, ['73']);
  const admin = await createUser(t, 'admin');
  const agent = await createUser(t, 'agent', { branchId: jakarta.id });
  const supervisor = await createUser(t, 'supervisor', { branchId: jakarta.id });
  const makassarSupervisor = await createUser(t, 'supervisor', { branchId: makassar.id });
  const clerk = await createUser(t, 'warehouse', { branchId: jakarta.id });
  const technician = await createUser(t, 'technician', { branchId: jakarta.id });
  const otherTechnician = await createUser(t, 'technician', { branchId: jakarta.id });
  for (const tech of [technician, otherTechnician]) {
    await expectStatus(
      app.inject({
        method: 'PUT',
        url: `/api/v1/technicians/${tech.id}/areas`,
        headers: bearer(admin.token),
        payload: { areaCodes: ['31.74'] },
      }),
      200,
      'technician areas',
    );
  }

  const customer = await createCustomer(t, { areaCode: '31.74.07', name: 'Ibu Sri Wahyuni' });
  const otherCustomer = await createCustomer(t, { areaCode: '31.74.01', name: 'Bapak Hendra Gunawan' });

  const capacitor = await createPart(t, clerk, { modelCodes: [] });
  const fan = await createPart(t, clerk, { price: 125_000 });
  const warehouse = await locationOf(t, clerk, jakarta.id);
  await receiveStock(t, clerk, warehouse, [
    { partId: capacitor.id, quantity: 100 },
    { partId: fan.id, quantity: 40 },
  ]);
  await issueToBag(t, technician, clerk, [{ partId: capacitor.id, quantity: 10 }]);

  const step = (caller: Caller, id: string, payload: Record<string, unknown>) =>
    expectStatus(
      app.inject({
        method: 'POST',
        url: `/api/v1/work-orders/${id}/transitions`,
        headers: bearer(caller.token),
        payload,
      }),
      200,
      `transition ${String(payload.action)}`,
    );
  const session = ({ id, employeeNo, password, token }: FuzzSession): FuzzSession => ({
    id,
    employeeNo,
    password,
    token,
  });
  const sessions = { admin: session(admin), technician: session(technician) };
  // Read with the admin's session, which the test renews when a request signed it out.
  const detail = async (id: string) =>
    (
      await expectStatus(
        app.inject({ method: 'GET', url: `/api/v1/work-orders/${id}`, headers: bearer(sessions.admin.token) }),
        200,
        'detail',
      )
    ).json<WorkOrderDetail>();

  const fresh = await createWorkOrder(t, agent, { customerId: customer.id, customerProductId: customer.product.id });
  const others = await createWorkOrder(t, agent, { customerId: otherCustomer.id });
  await step(agent, others.id, { action: 'assign', technicianId: otherTechnician.id });
  const cancelled = await createWorkOrder(t, agent, { customerId: otherCustomer.id });
  await step(agent, cancelled.id, { action: 'cancel', reason: 'Duplikat laporan' });

  const repairing = await createWorkOrder(t, agent, {
    customerId: customer.id,
    customerProductId: customer.product.id,
  });
  await step(technician, repairing.id, { action: 'claim' });
  await step(technician, repairing.id, { action: 'start' });
  const form = new FormData();
  form.append('kind', 'before');
  form.append('file', new Blob([Buffer.from(signaturePng.split(',')[1] ?? '', 'base64')]), 'foto.png');
  const upload = new Request('http://localhost/', { method: 'POST', body: form });
  const photo = await expectStatus(
    app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${repairing.id}/attachments`,
      headers: { ...bearer(technician.token), 'content-type': upload.headers.get('content-type') ?? '' },
      payload: Buffer.from(await upload.arrayBuffer()),
    }),
    201,
    'photo',
  );

  const done = await createWorkOrder(t, agent, { customerId: customer.id, customerProductId: customer.product.id });
  await step(technician, done.id, { action: 'claim' });
  await step(technician, done.id, { action: 'start' });
  await expectStatus(
    app.inject({
      method: 'PUT',
      url: `/api/v1/work-orders/${done.id}/charges`,
      headers: bearer(supervisor.token),
      payload: { labor: 175_000, transport: 50_000 },
    }),
    200,
    'charges',
  );
  await step(technician, done.id, {
    action: 'complete',
    diagnosis: 'Kapasitor kompresor lemah',
    actionTaken: 'Ganti kapasitor',
    result: 'fixed',
    signature: signaturePng,
    partsUsed: [{ partId: capacitor.id, quantity: 1 }],
  });
  const completed = await detail(done.id);
  await expectStatus(
    app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${done.id}/approval`,
      headers: bearer(technician.token),
      payload: { signature: signaturePng, approvedTotal: completed.billing.total, name: 'Ibu Sri Wahyuni' },
    }),
    201,
    'approval',
  );
  await expectStatus(
    app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${done.id}/payments`,
      headers: bearer(technician.token),
      payload: { method: 'cash', amount: 100_000 },
    }),
    201,
    'payment',
  );

  const partRequest = await expectStatus(
    requestParts(t, technician, { lines: [{ partId: fan.id, quantity: 1 }], workOrderId: repairing.id }),
    201,
    'part request',
  );
  const partReturn = await expectStatus(
    returnParts(t, technician, { lines: [{ partId: capacitor.id, quantity: 1, condition: 'unused' }] }),
    201,
    'part return',
  );
  await expectStatus(
    app.inject({
      method: 'POST',
      url: '/api/v1/notifications',
      headers: bearer(supervisor.token),
      payload: { title: 'Rapat pagi', body: 'Jam 08.00 di kantor cabang', technicianIds: [technician.id] },
    }),
    201,
    'notification',
  );
  const notificationIds = (
    await expectStatus(
      app.inject({ method: 'GET', url: '/api/v1/notifications', headers: bearer(technician.token) }),
      200,
      'inbox',
    )
  )
    .json<{ items: { id: string }[] }>()
    .items.map((item) => item.id);

  const workOrderIds = [fresh.id, others.id, cancelled.id, repairing.id, done.id];
  const trackingTokens = (await Promise.all(workOrderIds.map(detail))).map(
    (wo) => wo.trackingUrl.split('/').at(-1) ?? '',
  );
  const branchIds = [jakarta.id, makassar.id];
  const victimUserIds = [agent.id, supervisor.id, makassarSupervisor.id, clerk.id, otherTechnician.id];
  const technicianIds = [technician.id, otherTechnician.id];
  const customerIds = [customer.id, otherCustomer.id];
  const partIds = [capacitor.id, fan.id];
  const locationIds = [warehouse, await locationOf(t, clerk, jakarta.id, 'defective')];

  const byPath: Record<string, string[]> = {
    users: victimUserIds,
    technicians: technicianIds,
    branches: branchIds,
    customers: customerIds,
    'work-orders': workOrderIds,
    notifications: notificationIds,
    parts: partIds,
    'part-requests': [partRequest.json<{ id: string }>().id],
    'part-returns': [partReturn.json<{ id: string }>().id],
  };
  const byField: Record<string, (string | number)[]> = {
    technicianId: technicianIds,
    branchId: branchIds,
    customerId: customerIds,
    customerProductId: [customer.product.id, otherCustomer.product.id],
    partId: partIds,
    workOrderId: workOrderIds,
    locationId: locationIds,
    userId: victimUserIds,
    areaCode: ['31.74.07', '31.74.01', '31.74', '31', '73.71.01', '73'],
    modelCode: [customer.product.model.code, otherCustomer.product.model.code],
    signature: [signaturePng],
    phone: ['+6281234567890', '081298765432', '62 812-3456-7890'],
    csv: [`partNo,name,price,returnable\nFZ-${Date.now().toString(36).toUpperCase()},Kapasitor,45000,ya`],
  };

  return {
    ...sessions,
    pathValues(path, parameter) {
      if (parameter === 'attachmentId') return [photo.json<{ id: string }>().id];
      if (parameter === 'token') return trackingTokens;
      return byPath[path.split('/')[3] ?? ''] ?? [];
    },
    fieldValues: (name) => byField[name] ?? [],
    async refresh() {
      const details = await Promise.all(workOrderIds.map(detail));
      byField.version = [...new Set(details.flatMap((wo) => [wo.version, wo.billing.version]))];
      byField.approvedTotal = details.map((wo) => wo.billing.total);
      byField.amount = details.map((wo) => wo.billing.balance).filter((balance) => balance > 0);
    },
  };
}
