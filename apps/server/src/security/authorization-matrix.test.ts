import type { Role } from '@purnajual/contract';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createCustomer, createUser, signaturePng, signIn, testPassword } from '../../test/app';
import { csvOf, uploadImport, waitForImport } from '../../test/imports';
import { type ApiOperation, fillPath, listOperations } from '../../test/openapi-operations';
import { pushEnv } from '../../test/push';
import { startPushService } from '../../test/push-service';
import { buildSecurityWorld, type MatrixRole, matrixRoles, type Person, photoForm } from '../../test/security-world';
import { listen, openStream, sleep } from '../../test/sse';
import { totpCodeAt } from '../modules/auth/totp';
import { reachOf } from '../platform/access-policy/access-table';
import { documentScopeOf, isDocumentInScope } from '../platform/access-policy/part-document-policy';
import { isStockLocationInScope, stockScopeOf } from '../platform/access-policy/stock-policy';
import { canSeeUser } from '../platform/access-policy/user-policy';
import { isWorkOrderInScope, workOrderScopeOf } from '../platform/access-policy/work-order-policy';
import { newId } from '../platform/ids';

/*
 * The authorization matrix: every operation the OpenAPI document publishes, called by
 * every kind of caller on technician A's records in Jakarta, answers as the rules table
 * says — 2xx where the caller may, 401 without a session, 403 where the role may not use
 * the operation (or may not take that action), 404 where the record is outside what the
 * caller may see. A route added without a row in the table (or a way to call it) fails.
 * Refusals are problem responses and change nothing in the database.
 */

// Push on, to the test's own push service: the matrix's notifications are pushed as in production.
const t = await buildTestApp({ env: pushEnv() });
const pushService = await startPushService();
const { app } = t;
const world = await buildSecurityWorld(t);
const { people, main, customer, part, jakarta } = world;
const baseUrl = await listen(app);
// A finished import to read; the matrix's own upload then finds none running.
const importUpload = await uploadImport(
  app,
  people.admin.token,
  csvOf('externalId,name,phone,address,areaCode', 'SEC-1,X,0,Jl. A,31'),
);
const importId = (await waitForImport(app, people.admin.token, importUpload.json<{ id: string }>().id)).id;
const operations = await listOperations(app);
// A webhook switched off, so that nothing is sent while the matrix runs, one of its deliveries, and an API key.
const hookUrl = 'https://erp.purnajual.invalid/hooks';
const inactiveWebhook = async () => {
  const created = await t.services.webhooks.createWebhook({ url: hookUrl, events: ['work_order.*'] });
  await t.services.webhooks.updateWebhook(created.id, { active: false });
  return created;
};
const webhook = await inactiveWebhook();
const deliveryId = newId();
await t.database.db
  .insertInto('webhook_delivery')
  .values({
    id: deliveryId,
    webhookId: webhook.id,
    eventId: 1,
    eventType: 'work_order.created',
    body: '{}',
    status: 'failed',
    attempts: 6,
    createdAt: new Date().toISOString(),
  })
  .execute();
const apiKey = await t.services.apiKeys.createApiKey(people.admin, { name: 'ERP', scopes: ['work-orders:read'] });

type Outcome = 'ok' | 401 | 403 | 404;
/**
 * One outcome per caller, in the order of `matrixRoles`: admin, supervisor of Makassar,
 * agent, Jakarta warehouse clerk, technician A, technician B (same branch, other
 * districts), no session.
 */
type Row = readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
const ok = 'ok';

const everyone: Row = [ok, ok, ok, ok, ok, ok, ok];
const signedIn: Row = [ok, ok, ok, ok, ok, ok, 401];
const adminOnly: Row = [ok, 403, 403, 403, 403, 403, 401];
/** Merging customers: admin, and a supervisor of their branch (this world's supervisor is Makassar's). */
const mergers: Row = [ok, 403, 403, 403, 403, 403, 401];
/** admin, supervisor and agent: the office works with every customer. */
const office: Row = [ok, ok, ok, 403, 403, 403, 401];
/** Technician A's work order: hidden from the other branch and from technician B. */
const seesOrder: Row = [ok, 404, ok, ok, ok, 404, 401];
/** The office, and of the technicians the assigned one; warehouse staff may not. */
const handlesOrder: Row = [ok, 404, ok, 403, ok, 404, 401];
/** Office-only operations on technician A's work order. */
const officeOnOrder: Row = [ok, 404, ok, 403, 403, 403, 401];
/** Money going back to A's customer: admin, and a supervisor of A's branch (none in this world). */
const supervisorsOnOrder: Row = [ok, 404, 403, 403, 403, 403, 401];
/** admin and warehouse keep the catalog and receive goods. */
const catalog: Row = [ok, 403, 403, ok, 403, 403, 401];
const techniciansOnly: Row = [403, 403, 403, 403, ok, ok, 401];
/** Stock documents and bags of technician A: their branch's office and warehouse, and A. */
const seesStockOfA: Row = [ok, 404, 403, ok, ok, 404, 401];
/** Records of technician A and the Jakarta warehouse: admin, their supervisor and warehouse. */
const stockOfficeOnJakarta: Row = [ok, 404, 403, ok, 403, 403, 401];
/** admin and supervisor set limits of technician A (a record the other branch may not see). */
const limitsOfA: Row = [ok, 404, 403, 403, 403, 403, 401];
/** Branches are listed to everyone, so another branch's limits and loads are 403, not 404. */
const stockOfficeOnBranch: Row = [ok, 403, 403, ok, 403, 403, 401];
const limitsOnBranch: Row = [ok, 403, 403, 403, 403, 403, 401];
const loadsOfBranch: Row = [ok, 403, ok, 403, 403, 403, 401];
/** Every stock role sees a list scoped to itself; call-center agents handle no parts. */
const stockLists: Row = [ok, ok, 403, ok, ok, ok, 401];
/** Figures of Jakarta and technician A: not to the other branch's supervisor, nor to technician B. */
const figuresOfA: Row = [ok, 403, ok, 403, ok, 403, 401];
/** Two-factor sign-in is for those who work at the console; technicians keep NIK and password. */
const consoleUsers: Row = [ok, ok, ok, ok, 403, 403, 401];
/** Single sign-on is not configured in this world: its routes are not there (oidc.routes.test.ts has them). */
const notConfigured: Row = [404, 404, 404, 404, 404, 404, 404];

const rules: Record<string, Row> = {
  'GET /healthz': everyone,
  'GET /readyz': everyone,
  'POST /api/v1/auth/login': everyone,
  'POST /api/v1/auth/login/totp': everyone,
  'POST /api/v1/auth/logout': signedIn,
  'GET /api/v1/auth/methods': everyone,
  'GET /api/v1/auth/totp': consoleUsers,
  'POST /api/v1/auth/totp/enrolment': consoleUsers,
  'POST /api/v1/auth/totp/enrolment/confirm': consoleUsers,
  'POST /api/v1/auth/totp/disable': consoleUsers,
  'GET /api/v1/auth/oidc/start': notConfigured,
  'GET /api/v1/auth/oidc/callback': notConfigured,
  'GET /api/v1/me': signedIn,
  'GET /api/v1/users': [ok, ok, 403, 403, 403, 403, 401],
  'POST /api/v1/users': adminOnly,
  'GET /api/v1/users/{id}': [ok, 404, 403, 403, 403, 403, 401],
  'PATCH /api/v1/users/{id}': adminOnly,
  'PUT /api/v1/technicians/{id}/areas': [ok, 404, 403, 403, 403, 403, 401],
  'GET /api/v1/areas': signedIn,
  'GET /api/v1/branches': signedIn,
  'POST /api/v1/branches': adminOnly,
  'GET /api/v1/branches/{id}': signedIn,
  'PATCH /api/v1/branches/{id}': adminOnly,
  'GET /api/v1/product-models': signedIn,
  'POST /api/v1/product-models': adminOnly,
  'GET /api/v1/customers': office,
  'POST /api/v1/customers': office,
  'GET /api/v1/customers/{id}': office,
  'PATCH /api/v1/customers/{id}': office,
  'POST /api/v1/customers/{id}/products': office,
  'GET /api/v1/customers/{id}/merge-preview': mergers,
  'POST /api/v1/customers/{id}/merge': mergers,
  'POST /api/v1/products/{id}/transfer': office,
  // The customer lives in Jakarta: a Makassar supervisor may not open work there.
  'POST /api/v1/work-orders': [ok, 403, ok, 403, 403, 403, 401],
  'GET /api/v1/work-orders': signedIn,
  'GET /api/v1/work-orders/counts': signedIn,
  'GET /api/v1/work-orders/technician-loads': loadsOfBranch,
  'GET /api/v1/work-orders/{id}/candidates': officeOnOrder,
  'GET /api/v1/work-orders/{id}': seesOrder,
  'PATCH /api/v1/work-orders/{id}': officeOnOrder,
  'POST /api/v1/work-orders/{id}/transitions': handlesOrder,
  'GET /api/v1/work-orders/{id}/history': seesOrder,
  'GET /api/v1/work-orders/{id}/signature.png': seesOrder,
  'POST /api/v1/work-orders/{id}/attachments': handlesOrder,
  'GET /api/v1/work-orders/{id}/attachments/{attachmentId}': seesOrder,
  'GET /api/v1/notifications': signedIn,
  'POST /api/v1/notifications': office,
  'GET /api/v1/notifications/sent': office,
  // Technician A's own notification: nobody else's to mark, not even an admin's.
  'POST /api/v1/notifications/{id}/read': [404, 404, 404, 404, ok, 404, 401],
  'GET /api/v1/push/key': signedIn,
  // Pushes go to the technician app; a DELETE forgets only the caller's own browser.
  'PUT /api/v1/push/subscription': techniciansOnly,
  'DELETE /api/v1/push/subscription': signedIn,
  'GET /api/v1/parts': signedIn,
  'POST /api/v1/parts': catalog,
  'POST /api/v1/parts/import': catalog,
  'POST /api/v1/imports': adminOnly,
  'GET /api/v1/imports': adminOnly,
  'GET /api/v1/imports/templates': adminOnly,
  'GET /api/v1/imports/{id}': adminOnly,
  'GET /api/v1/imports/{id}/refused': adminOnly,
  'GET /api/v1/parts/{id}': signedIn,
  'PATCH /api/v1/parts/{id}': catalog,
  'GET /api/v1/stock-locations': stockLists,
  'GET /api/v1/stock': seesStockOfA,
  'POST /api/v1/stock/receipts': catalog,
  'GET /api/v1/stock/ledger': stockOfficeOnJakarta,
  'GET /api/v1/me/inventory': techniciansOnly,
  'GET /api/v1/me/part-limits': techniciansOnly,
  'GET /api/v1/technicians/{id}/part-limits': stockOfficeOnJakarta,
  'PUT /api/v1/technicians/{id}/part-limits': limitsOfA,
  'DELETE /api/v1/technicians/{id}/part-limits': limitsOfA,
  'GET /api/v1/branches/{id}/part-limits': stockOfficeOnBranch,
  'PUT /api/v1/branches/{id}/part-limits': limitsOnBranch,
  'GET /api/v1/part-requests': stockLists,
  'POST /api/v1/part-requests': techniciansOnly,
  'GET /api/v1/part-requests/{id}': seesStockOfA,
  'POST /api/v1/part-requests/{id}/transitions': seesStockOfA,
  'GET /api/v1/part-returns': stockLists,
  'POST /api/v1/part-returns': techniciansOnly,
  'GET /api/v1/part-returns/{id}': seesStockOfA,
  'POST /api/v1/part-returns/{id}/transitions': seesStockOfA,
  'PUT /api/v1/work-orders/{id}/charges': handlesOrder,
  'POST /api/v1/work-orders/{id}/approval': handlesOrder,
  'GET /api/v1/work-orders/{id}/approval/signature.png': seesOrder,
  'POST /api/v1/work-orders/{id}/payments': handlesOrder,
  'POST /api/v1/work-orders/{id}/refunds': supervisorsOnOrder,
  'GET /api/v1/work-orders/{id}/report.pdf': seesOrder,
  'GET /api/v1/reports/kpis': figuresOfA,
  'GET /api/v1/reports/kpis/work-orders': figuresOfA,
  'GET /api/v1/reports/repeat-repairs': figuresOfA,
  'GET /api/v1/reports/sla': [ok, 403, ok, 403, 403, 403, 401],
  'GET /api/v1/public/tracking/{token}': everyone,
  'GET /api/v1/public/tracking/{token}/survey': everyone,
  'POST /api/v1/public/tracking/{token}/survey': everyone,
  'POST /api/v1/work-orders/{id}/tracking-link/revoke': officeOnOrder,
  'GET /api/v1/work-orders/{id}/messages': officeOnOrder,
  'POST /api/v1/public/tracking/{token}/opt-out': everyone,
  'GET /api/v1/message-templates': adminOnly,
  'PUT /api/v1/message-templates/{kind}/{language}': adminOnly,
  'GET /api/v1/events': signedIn,
  'POST /api/v1/api-keys': adminOnly,
  'GET /api/v1/api-keys': adminOnly,
  'DELETE /api/v1/api-keys/{id}': adminOnly,
  'POST /api/v1/webhooks': adminOnly,
  'GET /api/v1/webhooks': adminOnly,
  'PATCH /api/v1/webhooks/{id}': adminOnly,
  'DELETE /api/v1/webhooks/{id}': adminOnly,
  'GET /api/v1/webhooks/{id}/deliveries': adminOnly,
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': adminOnly,
};

interface Caller {
  role: MatrixRole;
  person: Person | null;
}

interface CellRequest {
  /** Path parameters; the operation's path template is filled with them. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  payload?: Record<string, unknown> | Buffer;
  headers?: Record<string, string>;
  /** A session of the cell's own, for operations that end the session they run in. */
  token?: string | null;
  /** Server-Sent Events: read the status and headers over a real connection, then hang up. */
  stream?: boolean;
}

type Builder = (caller: Caller) => CellRequest | Promise<CellRequest>;

let sequence = 0;
const unique = () => {
  sequence += 1;
  return `${Date.now().toString(36).toUpperCase().slice(-5)}${sequence}`;
};
const technicianA = people.technicianA;
const today = new Date().toISOString().slice(0, 10);
const weekAgo = new Date(Date.now() - 7 * 86400_000).toISOString().slice(0, 10);
const figuresQuery = { from: weekAgo, to: today, branchId: jakarta.id, technicianId: technicianA.id };
const onMain = { id: main.id };
const isTechnician = (caller: Caller) => caller.role === 'technicianA' || caller.role === 'technicianB';
const roleOfCaller: Record<MatrixRole, Role> = {
  admin: 'admin',
  supervisorOtherBranch: 'supervisor',
  agent: 'agent',
  warehouse: 'warehouse',
  technicianA: 'technician',
  technicianB: 'technician',
  anonymous: 'agent',
};

/** Starts an enrolment in the session and answers a code of its new secret. */
async function enrolmentCode(token: string) {
  const started = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrolment', headers: bearer(token) });
  return totpCodeAt(started.json<{ secret: string }>().secret, new Date());
}

/** An agent with two-factor sign-in, and its recovery codes. */
async function enrolledAgent() {
  const user = await createUser(t, 'agent');
  const confirmed = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/totp/enrolment/confirm',
    headers: bearer(user.token),
    payload: { code: await enrolmentCode(user.token) },
  });
  return { user, recoveryCodes: confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes };
}

/** How to call each operation as each caller: on technician A's records unless said otherwise. */
const builders: Record<string, Builder> = {
  'GET /healthz': () => ({}),
  'GET /readyz': () => ({}),
  'POST /api/v1/auth/login': ({ person }) => {
    const who = person ?? technicianA;
    return { payload: { username: who.employeeNo, password: who.password } };
  },
  'POST /api/v1/auth/logout': async ({ person }) => ({
    token: person ? await signIn(app, person.employeeNo, person.password) : null,
  }),
  // A sign-in of its own per cell, finished with a recovery code: the clock is real, and the
  // enrolment's code used the current time step.
  'POST /api/v1/auth/login/totp': async () => {
    const { user, recoveryCodes } = await enrolledAgent();
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: user.employeeNo, password: user.password },
    });
    return { payload: { challenge: login.json<{ challenge: string }>().challenge, code: recoveryCodes[0] } };
  },
  'GET /api/v1/auth/methods': () => ({}),
  'GET /api/v1/auth/totp': () => ({}),
  'POST /api/v1/auth/totp/enrolment': () => ({}),
  // Confirming ends the user's other sessions: a user of the caller's role of its own per cell.
  'POST /api/v1/auth/totp/enrolment/confirm': async (caller) => {
    if (!caller.person || isTechnician(caller)) return { payload: { code: '123456' } };
    const own = await createUser(t, roleOfCaller[caller.role], { branchId: jakarta.id });
    return { token: own.token, payload: { code: await enrolmentCode(own.token) } };
  },
  'POST /api/v1/auth/totp/disable': ({ person }) => ({ payload: { password: person?.password ?? testPassword } }),
  'GET /api/v1/auth/oidc/start': () => ({}),
  'GET /api/v1/auth/oidc/callback': () => ({ query: { state: 'unknown', code: 'unknown' } }),
  'GET /api/v1/me': () => ({}),
  'GET /api/v1/users': () => ({}),
  'POST /api/v1/users': () => ({
    payload: { employeeNo: `SEC${unique()}`, name: 'Pegawai Baru', role: 'agent', password: testPassword },
  }),
  'GET /api/v1/users/{id}': () => ({ params: { id: technicianA.id } }),
  'PATCH /api/v1/users/{id}': () => ({ params: { id: technicianA.id }, payload: { name: technicianA.name } }),
  'PUT /api/v1/technicians/{id}/areas': () => ({ params: { id: technicianA.id }, payload: { areaCodes: ['31.74'] } }),
  'GET /api/v1/areas': () => ({ query: { parent: '31' } }),
  'GET /api/v1/branches': () => ({}),
  'POST /api/v1/branches': () => ({
    payload: { code: `S-${unique()}`, name: 'Cabang Baru', address: 'Jl. Baru 1', timeZone: 'Asia/Makassar' },
  }),
  'GET /api/v1/branches/{id}': () => ({ params: { id: jakarta.id } }),
  'PATCH /api/v1/branches/{id}': () => ({
    params: { id: jakarta.id },
    payload: { address: `Jl. Sudirman ${unique()}` },
  }),
  'GET /api/v1/product-models': () => ({}),
  'POST /api/v1/product-models': () => ({
    payload: { code: `SEC-${unique()}`, brand: 'Sejuk', name: 'Split AC 2 PK', category: 'ac', warrantyMonths: 12 },
  }),
  'GET /api/v1/customers': () => ({ query: { q: customer.name } }),
  'POST /api/v1/customers': () => ({
    payload: {
      name: 'Pak Baru',
      phone: `+62812${String(1_000_000 + sequence++).slice(-7)}`,
      address: 'Jl. Kemang 3',
      areaCode: '31.74.07',
    },
  }),
  'GET /api/v1/customers/{id}': () => ({ params: { id: customer.id } }),
  'PATCH /api/v1/customers/{id}': () => ({
    params: { id: customer.id },
    payload: { address: `Jl. Melawai Raya No. ${unique()}` },
  }),
  'POST /api/v1/customers/{id}/products': () => ({
    params: { id: customer.id },
    payload: { modelCode: customer.product.model.code, serialNumber: `SN-${unique()}` },
  }),
  'GET /api/v1/customers/{id}/merge-preview': async () => ({
    params: { id: customer.id },
    query: { duplicateId: (await createCustomer(t)).id },
  }),
  // A merge uses its duplicate up: two customers of its own per cell.
  'POST /api/v1/customers/{id}/merge': async () => ({
    params: { id: (await createCustomer(t)).id },
    payload: { duplicateId: (await createCustomer(t)).id },
  }),
  'POST /api/v1/products/{id}/transfer': async () => ({
    params: { id: (await createCustomer(t)).product.id },
    payload: { toCustomerId: customer.id },
  }),
  'POST /api/v1/work-orders': () => ({
    payload: { customerId: customer.id, complaint: 'AC bocor lagi', serviceType: 'home_visit' },
  }),
  'GET /api/v1/work-orders': () => ({}),
  'GET /api/v1/work-orders/counts': () => ({}),
  'GET /api/v1/work-orders/technician-loads': () => ({ query: { branchId: jakarta.id } }),
  'GET /api/v1/work-orders/{id}/candidates': () => ({ params: onMain }),
  'GET /api/v1/work-orders/{id}': () => ({ params: onMain }),
  'PATCH /api/v1/work-orders/{id}': () => ({
    params: onMain,
    payload: { complaint: `AC tidak dingin, keluar air (${unique()})` },
  }),
  // A work order of its own per cell, in the status where the caller's action applies.
  'POST /api/v1/work-orders/{id}/transitions': async (caller) => {
    if (isTechnician(caller)) {
      const order = await world.freshOrder('assigned');
      return { params: { id: order.id }, payload: { action: 'accept' } };
    }
    const order = await world.freshOrder('new');
    const payload =
      caller.role === 'admin' || caller.role === 'agent'
        ? { action: 'assign', technicianId: technicianA.id }
        : { action: 'cancel', reason: 'Pelanggan membatalkan' };
    return { params: { id: order.id }, payload };
  },
  'GET /api/v1/work-orders/{id}/history': () => ({ params: onMain }),
  'GET /api/v1/work-orders/{id}/signature.png': () => ({ params: onMain }),
  'POST /api/v1/work-orders/{id}/attachments': async () => {
    const { payload, contentType } = await photoForm('after');
    return { params: onMain, payload, headers: { 'content-type': contentType } };
  },
  'GET /api/v1/work-orders/{id}/attachments/{attachmentId}': () => ({
    params: { id: main.id, attachmentId: world.photoId },
  }),
  'GET /api/v1/notifications': () => ({}),
  // The Makassar supervisor writes to their own technician; to A they may not (property tests).
  'POST /api/v1/notifications': (caller) => ({
    payload: {
      title: 'Rapat pagi',
      body: 'Kumpul di kantor cabang pukul 08.00',
      technicianIds: [caller.role === 'supervisorOtherBranch' ? people.makassarTechnician.id : technicianA.id],
    },
  }),
  'GET /api/v1/notifications/sent': () => ({}),
  'POST /api/v1/notifications/{id}/read': () => ({ params: { id: world.notificationOfA.id } }),
  'GET /api/v1/push/key': () => ({}),
  'PUT /api/v1/push/subscription': () => ({ payload: { ...pushService.newBrowser() } }),
  'DELETE /api/v1/push/subscription': () => ({ payload: { endpoint: pushService.newBrowser().endpoint } }),
  'GET /api/v1/parts': () => ({ query: { q: 'SEC' } }),
  'POST /api/v1/parts': () => ({
    payload: { partNo: `SEC-${unique()}`, name: 'Sekring 5A', price: 5_000, returnable: true },
  }),
  'POST /api/v1/parts/import': () => ({
    payload: { csv: `partNo,name,price,returnable\nSEC-IMP-${unique()},Sekring 10A,7000,ya` },
  }),
  'POST /api/v1/imports': () => ({
    query: { kind: 'customers', dryRun: 'true' },
    payload: Buffer.from(
      csvOf('externalId,name,phone,address,areaCode', `SEC-${unique()},Ibu Uji,081234567890,Jl. A,31.74.07`),
    ),
    headers: { 'content-type': 'text/csv' },
  }),
  'GET /api/v1/imports': () => ({}),
  'GET /api/v1/imports/templates': () => ({ query: { kind: 'customers', format: 'xlsx' } }),
  'GET /api/v1/imports/{id}': () => ({ params: { id: importId } }),
  'GET /api/v1/imports/{id}/refused': () => ({ params: { id: importId } }),
  'GET /api/v1/parts/{id}': () => ({ params: { id: part.id } }),
  'PATCH /api/v1/parts/{id}': () => ({ params: { id: part.id }, payload: { reorderLevel: sequence++ % 10 } }),
  'GET /api/v1/stock-locations': () => ({}),
  'GET /api/v1/stock': () => ({ query: { locationId: world.bagA } }),
  'POST /api/v1/stock/receipts': () => ({
    payload: {
      locationId: world.jakartaWarehouseId,
      lines: [{ partId: part.id, quantity: 1 }],
      reference: `SJ-${unique()}`,
    },
  }),
  'GET /api/v1/stock/ledger': () => ({ query: { locationId: world.bagA } }),
  'GET /api/v1/me/inventory': () => ({}),
  'GET /api/v1/me/part-limits': () => ({}),
  'GET /api/v1/technicians/{id}/part-limits': () => ({ params: { id: technicianA.id } }),
  'PUT /api/v1/technicians/{id}/part-limits': () => ({
    params: { id: technicianA.id },
    payload: { maxItems: 1_000 + sequence++, maxValue: null },
  }),
  'DELETE /api/v1/technicians/{id}/part-limits': () => ({ params: { id: technicianA.id } }),
  'GET /api/v1/branches/{id}/part-limits': () => ({ params: { id: jakarta.id } }),
  'PUT /api/v1/branches/{id}/part-limits': () => ({
    params: { id: jakarta.id },
    payload: { maxItems: 1_000 + sequence++, maxValue: null },
  }),
  'GET /api/v1/part-requests': () => ({}),
  'POST /api/v1/part-requests': () => ({ payload: { lines: [{ partId: part.id, quantity: 1 }] } }),
  'GET /api/v1/part-requests/{id}': () => ({ params: { id: world.requestOfA.id } }),
  'POST /api/v1/part-requests/{id}/transitions': async (caller) => ({
    params: { id: (await world.freshRequestOfA()).id },
    payload: { action: isTechnician(caller) ? 'cancel' : 'approve' },
  }),
  'GET /api/v1/part-returns': () => ({}),
  'POST /api/v1/part-returns': () => ({
    payload: { lines: [{ partId: part.id, quantity: 1, condition: 'unused' }] },
  }),
  'GET /api/v1/part-returns/{id}': () => ({ params: { id: world.returnOfA.id } }),
  'POST /api/v1/part-returns/{id}/transitions': async (caller) => ({
    params: { id: (await world.freshReturnOfA()).id },
    payload: { action: isTechnician(caller) ? 'cancel' : 'receive' },
  }),
  // A technician charges the price list; the office any amount. Each cell changes the bill.
  'PUT /api/v1/work-orders/{id}/charges': (caller) => ({
    params: onMain,
    payload: isTechnician(caller)
      ? { labor: 300_000, transport: 50_000 }
      : { labor: 200_000 + sequence++, transport: 60_000, discount: 0 },
  }),
  'POST /api/v1/work-orders/{id}/approval': async () => ({
    params: onMain,
    payload: {
      signature: signaturePng,
      approvedTotal: (await world.detailOf(main.id)).billing.total,
      name: customer.name,
    },
  }),
  'GET /api/v1/work-orders/{id}/approval/signature.png': () => ({ params: onMain }),
  'POST /api/v1/work-orders/{id}/payments': () => ({ params: onMain, payload: { method: 'cash', amount: 1_000 } }),
  // Only an overpaid bill takes a refund: a work order of its own per cell.
  'POST /api/v1/work-orders/{id}/refunds': async () => ({
    params: { id: (await world.freshOverpaidOrder()).id },
    payload: { kind: 'credit_note', amount: 1_000, reason: 'Sisa untuk servis berikutnya' },
  }),
  'GET /api/v1/work-orders/{id}/report.pdf': () => ({ params: onMain }),
  'GET /api/v1/reports/kpis': () => ({ query: figuresQuery }),
  'GET /api/v1/reports/kpis/work-orders': () => ({ query: { ...figuresQuery, kpi: 'received' } }),
  'GET /api/v1/reports/repeat-repairs': () => ({ query: figuresQuery }),
  'GET /api/v1/reports/sla': () => ({ query: { branchId: jakarta.id } }),
  'GET /api/v1/public/tracking/{token}': () => ({ params: { token: world.trackingToken } }),
  'GET /api/v1/public/tracking/{token}/survey': () => ({ params: { token: world.trackingToken } }),
  // Answered once per work order: a finished job of its own per cell.
  'POST /api/v1/public/tracking/{token}/survey': async () => {
    const order = await world.freshOrder('completed');
    const token = (await world.detailOf(order.id)).trackingUrl.slice('/t/'.length);
    return { params: { token }, payload: { rating: 5, comment: 'Teknisi ramah dan cepat' } };
  },
  // Revoking changes the link: a work order of its own per cell.
  'POST /api/v1/work-orders/{id}/tracking-link/revoke': async () => ({
    params: { id: (await world.freshOrder('new')).id },
  }),
  'GET /api/v1/work-orders/{id}/messages': () => ({ params: onMain }),
  'POST /api/v1/public/tracking/{token}/opt-out': async () => {
    const order = await world.freshOrder('new');
    return { params: { token: (await world.detailOf(order.id)).trackingUrl.slice('/t/'.length) } };
  },
  'GET /api/v1/message-templates': () => ({}),
  'PUT /api/v1/message-templates/{kind}/{language}': () => ({
    params: { kind: 'survey_invitation', language: 'en' },
    payload: {
      body: 'Service {{workOrderNumber}} is complete. Please rate us at {{trackingUrl}}',
      whatsappTemplateName: 'purnajual_survey_invitation',
    },
  }),
  'GET /api/v1/events': () => ({ stream: true }),
  'POST /api/v1/api-keys': () => ({ payload: { name: `ERP ${unique()}`, scopes: ['work-orders:read'] } }),
  'GET /api/v1/api-keys': () => ({}),
  'DELETE /api/v1/api-keys/{id}': () => ({ params: { id: apiKey.id } }),
  // The admin's cell leaves a webhook on, at a name that never resolves (`.invalid`, RFC 2606).
  'POST /api/v1/webhooks': () => ({ payload: { url: hookUrl, events: ['part_request.*'] } }),
  'GET /api/v1/webhooks': () => ({}),
  'PATCH /api/v1/webhooks/{id}': () => ({ params: { id: webhook.id }, payload: { active: false } }),
  // Deleting uses the webhook up: one of its own per cell.
  'DELETE /api/v1/webhooks/{id}': async () => ({ params: { id: (await inactiveWebhook()).id } }),
  'GET /api/v1/webhooks/{id}/deliveries': () => ({ params: { id: webhook.id } }),
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': () => ({
    params: { id: webhook.id, deliveryId },
  }),
};

/**
 * What a refused request must leave alone: row counts of every table a request could
 * write, and the version and last change of the records that carry them.
 */
const watchedTables: Record<string, string[]> = {
  api_key: ['count(revokedAt)'],
  branch: ['max(updatedAt)'],
  branch_area: [],
  branch_part_limit: ['sum(maxItems)'],
  customer: ['sum(version)'],
  customer_message: [],
  customer_product: [],
  import_job: [],
  import_refusal: [],
  message_template: ['max(updatedAt)'],
  notification: ['count(readAt)'],
  outbox_event: ['max(id)'],
  part: ['max(updatedAt)'],
  part_request: ['sum(version)'],
  part_return: ['sum(version)'],
  product_model: [],
  product_ownership_change: [],
  stock_ledger_entry: [],
  survey_response: [],
  technician_area: [],
  technician_part_limit: ['sum(maxItems)'],
  tracking_link: ['count(revokedAt)'],
  user: ['max(updatedAt)'],
  webhook: ['max(updatedAt)'],
  work_order: ['sum(version)'],
  work_order_approval: [],
  work_order_attachment: [],
  work_order_charge: ['sum(version)'],
  work_order_history: [],
  work_order_overpayment: [],
  work_order_payment: [],
  work_order_refund: [],
};

async function databaseFingerprint(): Promise<string> {
  const rows = await Promise.all(
    Object.entries(watchedTables).map(async ([table, extra]) => {
      const columns = ['count(*)', ...extra].map((expression) => sql.raw(expression));
      const result = await sql<Record<string, unknown>>`select ${sql.join(columns)} from ${sql.table(table)}`.execute(
        t.database.db,
      );
      return `${table}: ${Object.values(result.rows[0] ?? {})
        .map(String)
        .join(' ')}`;
    }),
  );
  return rows.join('\n');
}

interface CellResponse {
  statusCode: number;
  contentType: string;
  body: string;
}

async function openEvents(token: string | null): Promise<CellResponse> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/events`, {
    headers: token === null ? {} : bearer(token),
    signal: controller.signal,
  });
  const contentType = response.headers.get('content-type') ?? '';
  const body = response.status === 200 ? '' : await response.text();
  controller.abort();
  await response.body?.cancel().catch(() => undefined);
  return { statusCode: response.status, contentType, body };
}

async function send(
  method: ApiOperation['method'],
  url: string,
  request: CellRequest,
  token: string | null,
): Promise<CellResponse> {
  if (request.stream) return openEvents(token);
  const response = await app.inject({
    method,
    url,
    headers: { ...(token === null ? {} : bearer(token)), ...request.headers },
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  });
  return {
    statusCode: response.statusCode,
    contentType: String(response.headers['content-type'] ?? ''),
    body: response.body,
  };
}

const refusalCodes: Record<number, string> = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' };

const callers: Caller[] = matrixRoles.map((role) => ({ role, person: role === 'anonymous' ? null : people[role] }));

describe('authorization matrix', () => {
  it('has a rule and a request builder for every operation, and nothing for operations that are gone', () => {
    const keys = operations.map((operation) => operation.key).sort();
    expect(keys.filter((key) => !(key in rules))).toEqual([]);
    expect(keys.filter((key) => !(key in builders))).toEqual([]);
    expect(Object.keys(rules).sort()).toEqual(keys);
    expect(Object.keys(builders).sort()).toEqual(keys);
  });

  for (const operation of operations) {
    it(operation.key, async () => {
      const row = rules[operation.key];
      const build = builders[operation.key];
      if (!row || !build) throw new Error(`${operation.key} has no rule or no request builder`);
      const mismatches: string[] = [];
      for (const [index, caller] of callers.entries()) {
        const expected = row[index];
        const request = await build(caller);
        const url = fillPath(operation.path, request.params ?? {});
        const query = new URLSearchParams(request.query ?? {}).toString();
        const before = operation.method === 'GET' || expected === ok ? '' : await databaseFingerprint();
        const token = request.token !== undefined ? request.token : (caller.person?.token ?? null);
        const response = await send(operation.method, query ? `${url}?${query}` : url, request, token);
        const got = response.statusCode >= 200 && response.statusCode < 300 ? ok : response.statusCode;
        const where = `${caller.role}: expected ${expected}, got ${response.statusCode}`;
        if (got !== expected) {
          mismatches.push(`${where} ${response.body.slice(0, 300)}`);
          continue;
        }
        if (expected === ok) continue;
        const code = response.contentType.startsWith('application/problem+json')
          ? (JSON.parse(response.body) as { code: string }).code
          : `not a problem response (${response.contentType})`;
        if (code !== refusalCodes[expected]) mismatches.push(`${where} with code ${code}`);
        if (before !== '' && (await databaseFingerprint()) !== before) mismatches.push(`${where}, but data changed`);
      }
      expect(mismatches).toEqual([]);
    });
  }
});

describe('secondary paths', () => {
  type Page = { items: { id: string; customer?: { id: string }; branchId?: string | null }[] };
  const get = async <T>(caller: Person, url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: bearer(caller.token) });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return response.json<T>();
  };
  const searches = [customer.name.split(' ')[1] ?? customer.name, customer.phone, main.number];

  it("technician B finds none of A's work orders by the customer's name, phone or the number", async () => {
    for (const q of searches) {
      const url = `/api/v1/work-orders?q=${encodeURIComponent(q)}`;
      // The query itself works: technician A finds the job.
      expect((await get<Page>(technicianA, url)).items.map((item) => item.id)).toContain(main.id);
      expect((await get<Page>(people.technicianB, url)).items).toEqual([]);
    }
    const listed = await get<Page>(people.technicianB, '/api/v1/work-orders?limit=200');
    expect(listed.items.filter((item) => item.customer?.id === customer.id)).toEqual([]);
    const byCustomer = await get<Page>(people.technicianB, `/api/v1/work-orders?customerId=${customer.id}`);
    expect(byCustomer.items).toEqual([]);
    const counts = await get<{ counts: Record<string, number> }>(people.technicianB, '/api/v1/work-orders/counts');
    expect(Object.values(counts.counts).every((count) => count === 0)).toBe(true);
  });

  it("technician B's notifications, part documents, locations and figures hold nothing of A's", async () => {
    const b = people.technicianB;
    const notifications = await get<{ items: { workOrderId: string | null }[] }>(b, '/api/v1/notifications');
    expect(notifications.items.filter((n) => n.workOrderId === main.id)).toEqual([]);
    for (const url of ['/api/v1/part-requests?limit=200', '/api/v1/part-returns?limit=200']) {
      const page = await get<{ items: { technician: { id: string } }[] }>(b, url);
      expect(page.items.filter((item) => item.technician.id !== b.id)).toEqual([]);
    }
    const locations = await get<{ items: { id: string; technicianId: string | null }[] }>(b, '/api/v1/stock-locations');
    expect(locations.items.map((l) => l.id)).not.toContain(world.bagA);
    const drill = await get<Page>(b, `/api/v1/reports/kpis/work-orders?kpi=received&from=${weekAgo}&to=${today}`);
    expect(drill.items).toEqual([]);
    const kpis = await get<{ received: number; revenue: number }>(
      b,
      `/api/v1/reports/kpis?from=${weekAgo}&to=${today}`,
    );
    expect(kpis).toMatchObject({ received: 0, revenue: 0 });
  });

  it('the supervisor of another branch sees nothing of Jakarta in lists, search, ledger or reports', async () => {
    const s = people.supervisorOtherBranch;
    const ofJakarta = (items: { branchId?: string | null }[]) => items.filter((item) => item.branchId === jakarta.id);
    expect(ofJakarta((await get<Page>(s, '/api/v1/work-orders?limit=200')).items)).toEqual([]);
    for (const q of searches) {
      expect((await get<Page>(s, `/api/v1/work-orders?q=${encodeURIComponent(q)}`)).items).toEqual([]);
    }
    const users = await get<{ items: { branchId: string | null }[] }>(s, '/api/v1/users?limit=200');
    expect(users.items.length).toBeGreaterThan(0);
    expect(ofJakarta(users.items)).toEqual([]);
    expect((await get<Page>(s, `/api/v1/stock/ledger?workOrderId=${main.id}`)).items).toEqual([]);
    expect((await get<Page>(s, `/api/v1/stock/ledger?partId=${part.id}`)).items).toEqual([]);
    expect(ofJakarta((await get<Page>(s, '/api/v1/stock-locations')).items)).toEqual([]);
    expect(ofJakarta((await get<Page>(s, '/api/v1/part-requests?limit=200')).items)).toEqual([]);
    expect(ofJakarta((await get<Page>(s, '/api/v1/part-returns?limit=200')).items)).toEqual([]);
    const sla = await get<{ atRisk: Page['items']; breached: Page['items'] }>(s, '/api/v1/reports/sla');
    expect(ofJakarta([...sla.atRisk, ...sla.breached])).toEqual([]);
    const drill = await get<Page>(s, `/api/v1/reports/kpis/work-orders?kpi=received&from=${weekAgo}&to=${today}`);
    expect(ofJakarta(drill.items)).toEqual([]);
    const byTechnician = await get<{ received: number }>(
      s,
      `/api/v1/reports/kpis?from=${weekAgo}&to=${today}&technicianId=${technicianA.id}`,
    );
    expect(byTechnician.received).toBe(0);
  });

  it("a supervisor opens work orders for their own branch's customers only", async () => {
    const s = people.supervisorOtherBranch;
    const orders = await t.database.db.selectFrom('work_order').select('id').execute();
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/work-orders',
      headers: bearer(s.token),
      payload: { customerId: customer.id, complaint: 'AC mati total', serviceType: 'home_visit' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'forbidden' });
    expect(await t.database.db.selectFrom('work_order').select('id').execute()).toHaveLength(orders.length);
    const own = await app.inject({
      method: 'POST',
      url: '/api/v1/work-orders',
      headers: bearer(s.token),
      payload: { customerId: world.makassarCustomer.id, complaint: 'AC mati total', serviceType: 'home_visit' },
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ branchId: world.makassar.id, status: 'new' });
  });
});

describe('event stream', () => {
  const mentionsOrder = (id: string) => (event: { data: Record<string, unknown> }) =>
    event.data.id === id || event.data.workOrderId === id;

  it("never carries technician A's work-order, notification or bag events to technician B; the office hears them", async () => {
    const streamB = await openStream(baseUrl, people.technicianB.token);
    const farSupervisor = await openStream(baseUrl, people.supervisorOtherBranch.token);
    const office = await openStream(baseUrl, people.agent.token);
    const clerk = await openStream(baseUrl, people.warehouse.token);
    const streamA = await openStream(baseUrl, technicianA.token);

    const order = await world.freshOrder('in_progress');
    await world.uploadPhoto(technicianA, order.id);
    await world.step(technicianA, order.id, { action: 'hold', reason: 'waiting_part' });
    const request = await world.freshRequestOfA();
    await world.call(people.warehouse, 'POST', `/api/v1/part-requests/${request.id}/transitions`, {
      action: 'approve',
    });
    await world.call(people.warehouse, 'POST', `/api/v1/part-requests/${request.id}/transitions`, { action: 'issue' });

    await office.waitFor((e) => e.data.id === order.id && e.data.status === 'on_hold');
    await streamA.waitFor((e) => e.data.id === order.id && e.data.status === 'on_hold');
    await streamA.waitFor((e) => e.type === 'notification.created' && e.data.workOrderId === order.id);
    await streamA.waitFor((e) => e.type === 'stock.changed' && e.data.partRequestId === request.id);
    await clerk.waitFor((e) => e.type === 'stock.changed' && e.data.partRequestId === request.id);
    await sleep(300);
    expect(streamB.events.filter(mentionsOrder(order.id))).toEqual([]);
    expect(streamB.events.filter((e) => e.data.partRequestId === request.id || e.data.id === request.id)).toEqual([]);
    expect(farSupervisor.events).toEqual([]);

    // A reconnect replays from the database, through the same rule written in SQL.
    const replayB = await openStream(baseUrl, people.technicianB.token, 0);
    const replayOffice = await openStream(baseUrl, people.agent.token, 0);
    await replayOffice.waitFor(mentionsOrder(main.id));
    await sleep(300);
    expect(replayB.events.filter((e) => e.data.technicianId === technicianA.id)).toEqual([]);
    expect(replayB.events.filter(mentionsOrder(main.id))).toEqual([]);
    expect(replayB.events.filter(mentionsOrder(order.id))).toEqual([]);
    for (const stream of [streamB, farSupervisor, office, clerk, streamA, replayB, replayOffice]) await stream.close();
  });
});

describe('access policy', () => {
  const { db } = t.database;
  const districtsOf = async (id: string) =>
    t.services.areas.expandToDistricts(await t.services.users.findAreaCodes(id));
  const order = db.selectFrom('work_order').select(['branchId', 'technicianId', 'districtCode', 'status']);
  const request = db.selectFrom('part_request').select(['branchId', 'technicianId']);
  /** Per record operation, what the policy answers for a caller on technician A's record, and its table's kind. */
  const questions = {
    'GET /api/v1/work-orders/{id}': {
      kind: 'workOrders',
      sees: async (actor) =>
        isWorkOrderInScope(
          await workOrderScopeOf(actor, districtsOf),
          await order.where('id', '=', main.id).executeTakeFirstOrThrow(),
        ),
    },
    'GET /api/v1/stock': {
      kind: 'stockLocations',
      sees: async (actor) =>
        isStockLocationInScope(stockScopeOf(actor), {
          kind: 'technician',
          branchId: jakarta.id,
          technicianId: technicianA.id,
        }),
    },
    'GET /api/v1/part-requests/{id}': {
      kind: 'partDocuments',
      sees: async (actor) =>
        isDocumentInScope(
          documentScopeOf(actor),
          await request.where('id', '=', world.requestOfA.id).executeTakeFirstOrThrow(),
        ),
    },
    'GET /api/v1/users/{id}': {
      kind: 'users',
      sees: async (actor) => canSeeUser(actor, { id: technicianA.id, branchId: jakarta.id }),
    },
  } satisfies Record<
    string,
    {
      kind: 'workOrders' | 'stockLocations' | 'partDocuments' | 'users';
      sees: (actor: { id: string; role: Role; branchId: string | null }) => Promise<boolean>;
    }
  >;

  it("answers for technician A's records what the matrix expects: 404 outside the scope, 403 where it reaches nothing", async () => {
    const mismatches: string[] = [];
    for (const [key, { kind, sees }] of Object.entries(questions)) {
      for (const [index, caller] of callers.entries()) {
        const expected = rules[key]?.[index];
        if (!caller.person || expected === undefined) continue;
        const actor = await t.services.users.getProfile(caller.person.id);
        if (reachOf(kind, actor.role) === 'none') {
          if (expected !== 403)
            mismatches.push(`${key} ${caller.role}: the policy reaches nothing, the matrix ${expected}`);
          continue;
        }
        if (expected === 403) continue;
        const answer = (await sees(actor)) ? ok : 404;
        if (answer !== expected) mismatches.push(`${key} ${caller.role}: the policy ${answer}, the matrix ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
