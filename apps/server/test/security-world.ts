import type { Notification, PartRequest, PartReturn, WorkOrderDetail } from '@purnajual/contract';
import { bearer, createBranch, createCustomer, createUser, createWorkOrder, signaturePng, type TestApp } from './app';
import { createPart, issueToBag, listLocations, locationOf, receiveStock } from './parts';

/*
 * A small company for the authorization tests: two branches, one person of every role,
 * and technician A's records on every path (a finished job with a photo, signatures, a
 * bill, a PDF, parts, a notification, a tracking link), so that each operation has a
 * real record to aim at.
 */

/** The callers of the authorization matrix, in the order of its columns. */
export const matrixRoles = [
  'admin',
  'supervisorOtherBranch',
  'agent',
  'warehouse',
  'technicianA',
  'technicianB',
  'anonymous',
] as const;
export type MatrixRole = (typeof matrixRoles)[number];

export interface Person {
  id: string;
  employeeNo: string;
  name: string;
  password: string;
  token: string;
}

/** A 3×2 JPEG, as a phone's camera would send it (smaller). */
const photoJpeg = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAACAAMDASIAAhEBAxEB/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/xAAUAQEAAAAAAAAAAAAAAAAAAAAA/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AAA//2Q==',
  'base64',
);

/** A photo upload form (`kind` and one JPEG) as a browser serializes it. */
export async function photoForm(kind = 'before') {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', new Blob([photoJpeg], { type: 'image/jpeg' }), 'foto.jpg');
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type') ?? '' };
}

export const repairReport = {
  diagnosis: 'Kapasitor kompresor lemah',
  actionTaken: 'Ganti kapasitor, isi freon',
  result: 'fixed',
  signature: signaturePng,
} as const;

/** The statuses a fresh work order of technician A can be brought to. */
type FreshStatus = 'new' | 'assigned' | 'accepted' | 'in_progress' | 'completed';

export async function buildSecurityWorld(t: TestApp) {
  const { app } = t;

  async function call<T>(
    caller: { token: string },
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: unknown,
    expected = method === 'POST' ? [200, 201, 204] : [200],
  ): Promise<T> {
    const response = await app.inject({
      method,
      url,
      headers: bearer(caller.token),
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    if (!expected.includes(response.statusCode)) {
      throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
    }
    return (response.body === '' ? undefined : response.json()) as T;
  }

  const jakarta = await createBranch(t, ['31']);
  const makassar = await createBranch(t, ['73']);
  const admin: Person = await createUser(t, 'admin', { name: 'Admin Pusat' });
  const agent: Person = await createUser(t, 'agent', { name: 'Sari Call Center' });
  const supervisorOtherBranch: Person = await createUser(t, 'supervisor', {
    branchId: makassar.id,
    name: 'Andi Makassar',
  });
  const warehouse: Person = await createUser(t, 'warehouse', { branchId: jakarta.id, name: 'Gudang Jakarta' });
  const technicianA: Person = await createUser(t, 'technician', { branchId: jakarta.id, name: 'Budi Santoso' });
  const technicianB: Person = await createUser(t, 'technician', { branchId: jakarta.id, name: 'Joko Prasetyo' });
  const makassarTechnician: Person = await createUser(t, 'technician', {
    branchId: makassar.id,
    name: 'Rudi Makassar',
  });
  // A covers Jakarta Selatan, where the customer lives; B covers Jakarta Pusat only.
  await call(admin, 'PUT', `/api/v1/technicians/${technicianA.id}/areas`, { areaCodes: ['31.74'] });
  await call(admin, 'PUT', `/api/v1/technicians/${technicianB.id}/areas`, { areaCodes: ['31.71'] });
  await call(admin, 'PUT', `/api/v1/technicians/${makassarTechnician.id}/areas`, { areaCodes: ['73.71'] });

  const customer = await createCustomer(t, {
    areaCode: '31.74.07',
    name: 'Ibu Ratna Kusumawardani',
    purchaseDate: '2019-01-15',
  });
  const makassarCustomer = await createCustomer(t, { areaCode: '73.71.09', name: 'Pak Daeng Makassar' });

  const part = await createPart(t, warehouse, { partNo: 'SEC-CAP-35', name: 'Kapasitor 35µF', price: 45_000 });
  const jakartaWarehouseId = await locationOf(t, warehouse, jakarta.id);
  await receiveStock(t, warehouse, jakartaWarehouseId, [{ partId: part.id, quantity: 200 }]);
  await issueToBag(t, technicianA, warehouse, [{ partId: part.id, quantity: 30 }]);
  await issueToBag(t, technicianB, warehouse, [{ partId: part.id, quantity: 10 }]);
  const bagOf = async (technician: Person) => {
    const bag = (await listLocations(t, technician)).find((l) => l.technicianId === technician.id);
    if (!bag) throw new Error(`no bag for ${technician.name}`);
    return bag.id;
  };
  const bagA = await bagOf(technicianA);

  const step = (caller: Person, id: string, payload: Record<string, unknown>) =>
    call<WorkOrderDetail>(caller, 'POST', `/api/v1/work-orders/${id}/transitions`, payload, [200]);
  const detailOf = (id: string, caller: Person = agent) =>
    call<WorkOrderDetail>(caller, 'GET', `/api/v1/work-orders/${id}`);

  /** A work order of the customer, taken by the agent and brought to `status` by technician A. */
  async function freshOrder(status: FreshStatus = 'new', customerId = customer.id) {
    const order = await createWorkOrder(t, agent, { customerId, customerProductId: null });
    if (status === 'new') return order;
    await step(agent, order.id, { action: 'assign', technicianId: technicianA.id });
    if (status === 'assigned') return order;
    await step(technicianA, order.id, { action: 'accept' });
    if (status === 'accepted') return order;
    await step(technicianA, order.id, { action: 'start' });
    if (status === 'in_progress') return order;
    await step(technicianA, order.id, { action: 'complete', ...repairReport });
    return order;
  }

  /** Technician A's repair with a part, signed and paid in full, then reopened: paid beyond the bill by the part. */
  async function freshOverpaidOrder() {
    const order = await freshOrder('in_progress');
    await call(agent, 'PUT', `/api/v1/work-orders/${order.id}/charges`, { labor: 100_000, transport: 50_000 });
    await step(technicianA, order.id, {
      action: 'complete',
      ...repairReport,
      partsUsed: [{ partId: part.id, quantity: 1 }],
    });
    const { billing } = await detailOf(order.id);
    await call(agent, 'POST', `/api/v1/work-orders/${order.id}/approval`, {
      signature: signaturePng,
      approvedTotal: billing.total,
      name: customer.name,
    });
    await call(agent, 'POST', `/api/v1/work-orders/${order.id}/payments`, {
      method: 'cash',
      amount: billing.customerPays,
    });
    await step(admin, order.id, { action: 'reopen', reason: 'AC bocor lagi' });
    return order;
  }

  const uploadPhoto = async (caller: Person, id: string) => {
    const { payload, contentType } = await photoForm();
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${id}/attachments`,
      headers: { ...bearer(caller.token), 'content-type': contentType },
      payload,
    });
    if (response.statusCode !== 201) throw new Error(`photo failed: ${response.statusCode} ${response.body}`);
    return response.json<{ id: string }>();
  };

  // Technician A's finished job: photo, charges, a part fitted, the customer's approval and
  // signature, a part payment; the bill still has a balance for more payments.
  const main = await createWorkOrder(t, agent, { customerId: customer.id, customerProductId: customer.product.id });
  await step(agent, main.id, { action: 'assign', technicianId: technicianA.id });
  await step(technicianA, main.id, { action: 'accept' });
  await step(technicianA, main.id, { action: 'start' });
  const photo = await uploadPhoto(technicianA, main.id);
  await call(technicianA, 'PUT', `/api/v1/work-orders/${main.id}/charges`, { labor: 175_000, transport: 50_000 });
  await step(technicianA, main.id, {
    action: 'complete',
    ...repairReport,
    partsUsed: [{ partId: part.id, quantity: 1 }],
  });
  const billed = await detailOf(main.id, technicianA);
  await call(technicianA, 'POST', `/api/v1/work-orders/${main.id}/approval`, {
    signature: signaturePng,
    approvedTotal: billed.billing.total,
    name: customer.name,
  });
  await call(technicianA, 'POST', `/api/v1/work-orders/${main.id}/payments`, { method: 'cash', amount: 10_000 });
  const mainDetail = await detailOf(main.id);
  const trackingToken = mainDetail.trackingUrl.slice('/t/'.length);

  const notifications = await call<{ items: Notification[] }>(technicianA, 'GET', '/api/v1/notifications');
  const notificationOfA = notifications.items.find((n) => n.workOrderId === main.id);
  if (!notificationOfA) throw new Error('technician A was not told of the assignment');

  /** A part request of technician A, waiting for the warehouse. */
  const freshRequestOfA = () =>
    call<PartRequest>(technicianA, 'POST', '/api/v1/part-requests', { lines: [{ partId: part.id, quantity: 1 }] });
  /** A return of one unused part from technician A's bag, waiting for the warehouse. */
  const freshReturnOfA = () =>
    call<PartReturn>(technicianA, 'POST', '/api/v1/part-returns', {
      lines: [{ partId: part.id, quantity: 1, condition: 'unused' }],
    });
  const requestOfA = await freshRequestOfA();
  const returnOfA = await freshReturnOfA();

  return {
    jakarta,
    makassar,
    people: { admin, agent, supervisorOtherBranch, warehouse, technicianA, technicianB, makassarTechnician },
    customer,
    makassarCustomer,
    part,
    jakartaWarehouseId,
    bagA,
    main: mainDetail,
    photoId: photo.id,
    trackingToken,
    notificationOfA,
    requestOfA,
    returnOfA,
    call,
    step,
    detailOf,
    freshOrder,
    freshOverpaidOrder,
    freshRequestOfA,
    freshReturnOfA,
    uploadPhoto,
  };
}
