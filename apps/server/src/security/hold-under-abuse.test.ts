import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createCustomer,
  createUser,
  createWorkOrder,
  problemOf,
  signIn,
} from '../../test/app';
import { askForStream, listen, openStream, openStreamWhenFree } from '../../test/sse';
import { findLatestEventId, recordEvent } from '../platform/events/outbox';

/*
 * Issue #18, "Hold under abuse": what an authorized assessment found one signed-in user,
 * or anyone, could do — hold hundreds of event streams, replay the whole outbox, keep a
 * stream after sign-out, scrape the metrics, fetch source maps, read tracking tokens and
 * phone numbers from the logs, pick `aaaaaaaa` as a password, and, as warehouse staff,
 * receive customers' names and phones. Each case here failed before the fix.
 */

const webDir = mkdtempSync(join(tmpdir(), 'purnajual-web-'));
for (const [app, file] of [
  ['console', 'index-abc123.js'],
  ['technician', 'index-def456.js'],
] as const) {
  mkdirSync(join(webDir, app, 'assets'), { recursive: true });
  writeFileSync(join(webDir, app, 'index.html'), '<!doctype html><title>Purnajual</title>');
  writeFileSync(join(webDir, app, 'assets', file), 'console.log(1)\n//# sourceMappingURL=x.js.map');
  writeFileSync(join(webDir, app, 'assets', `${file}.map`), '{"version":3,"sources":["../src/secret.ts"]}');
}
afterAll(() => rmSync(webDir, { recursive: true, force: true }));

const metricsToken = 'scraper-token-0123456789abcdef';
const logLines: string[] = [];
const t = await buildTestApp({
  env: {
    SSE_HEARTBEAT: '1',
    LOG_LEVEL: 'info',
    METRICS_TOKEN: metricsToken,
    CONSOLE_DIR: join(webDir, 'console'),
    TECHNICIAN_DIR: join(webDir, 'technician'),
  },
  logStream: { write: (line) => void logLines.push(line) },
});
const { app } = t;
const baseUrl = await listen(app);
const jakarta = await createBranch(t, ['31']);
const makassar = await createBranch(t, ['73']);
const admin = await createUser(t, 'admin');
const agent = await createUser(t, 'agent');

const intake = async () =>
  createWorkOrder(t, agent, { customerId: (await createCustomer(t, { areaCode: '31.74.07' })).id });

const patchUser = (id: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers: bearer(admin.token), payload });

describe('event streams are bounded', () => {
  it('refuses a sixth stream of one session and an eleventh of one user (429), and opens again once one closes', async () => {
    const person = await createUser(t, 'agent');
    const firstSession = await Promise.all(Array.from({ length: 5 }, () => openStream(baseUrl, person.token)));
    const sixth = await askForStream(baseUrl, person.token);
    expect(sixth.status).toBe(429);
    expect(sixth.contentType).toContain('application/problem+json');
    expect(sixth.problem?.code).toBe('rate_limited');

    const secondToken = await signIn(app, person.employeeNo, person.password);
    const secondSession = await Promise.all(Array.from({ length: 5 }, () => openStream(baseUrl, secondToken)));
    const thirdToken = await signIn(app, person.employeeNo, person.password);
    const eleventh = await askForStream(baseUrl, thirdToken);
    expect(eleventh.status).toBe(429);
    expect(eleventh.problem?.detail).toMatch(/another tab or device/);

    await firstSession[0]?.close();
    const reopened = await openStreamWhenFree(baseUrl, thirdToken);
    // Someone else is not held back by this user's streams.
    const others = await openStream(baseUrl, agent.token);
    for (const stream of [...firstSession, ...secondSession, reopened, others]) await stream.close();
  });

  it('replays at most SSE_MAX_REPLAY_EVENTS (500) events: from further back, Last-Event-ID: 0 included, it says to reload', async () => {
    const live = await openStream(baseUrl, agent.token);
    const at = new Date().toISOString();
    for (let n = 0; n < 520; n += 1) {
      await recordEvent(t.database.db, 'work_order.updated', {}, { id: `filler-${n}` }, at);
    }
    const newest = await findLatestEventId(t.database.db);
    // Delivered live: the server has read them, and a stream opened now starts after them.
    await live.waitFor((event) => event.id === newest, 5000);
    await live.close();

    const fromStart = await openStream(baseUrl, agent.token, 0);
    const reload = await fromStart.waitFor((event) => event.type === 'reload');
    expect(reload).toMatchObject({ id: newest, data: { reason: 'too_far_behind' } });
    const order = await intake();
    await fromStart.waitFor((event) => event.data.id === order.id);
    expect(fromStart.events.map((event) => event.type)).toEqual(['reload', 'work_order.created']);
    await fromStart.close();

    const recent = await openStream(baseUrl, agent.token, newest - 10);
    await recent.waitFor((event) => event.data.id === order.id);
    expect(recent.events.map((event) => event.type)).not.toContain('reload');
    expect(recent.events.filter((event) => String(event.data.id).startsWith('filler-'))).toHaveLength(10);
    await recent.close();
  });
});

describe('a stream follows its session', () => {
  it('ends at sign-out — that session’s streams only — and cannot be opened again with the token', async () => {
    const person = await createUser(t, 'agent');
    const otherToken = await signIn(app, person.employeeNo, person.password);
    const signedOut = await openStream(baseUrl, person.token);
    const otherSession = await openStream(baseUrl, otherToken);

    const logout = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(person.token) });
    expect(logout.statusCode).toBe(204);
    await signedOut.ended;

    const order = await intake();
    await otherSession.waitFor((event) => event.data.id === order.id);
    expect(signedOut.events.filter((event) => event.data.id === order.id)).toEqual([]);
    expect((await askForStream(baseUrl, person.token)).status).toBe(401);
    await otherSession.close();
  });

  const changes: [string, 'agent' | 'warehouse', () => Record<string, unknown>][] = [
    ['is deactivated', 'agent', () => ({ active: false })],
    ['has their password changed', 'agent', () => ({ password: 'sate-ayam-madura' })],
    ['is given another role', 'agent', () => ({ role: 'supervisor', branchId: jakarta.id })],
    ['moves to another branch', 'warehouse', () => ({ branchId: makassar.id })],
  ];

  it.each(changes)('ends every stream of a user who %s', async (_change, role, patch) => {
    const person = await createUser(t, role, { branchId: role === 'warehouse' ? jakarta.id : null });
    const otherToken = await signIn(app, person.employeeNo, person.password);
    const streams = [await openStream(baseUrl, person.token), await openStream(baseUrl, otherToken)];
    expect((await patchUser(person.id, patch())).statusCode).toBe(200);
    for (const stream of streams) await stream.ended;
  });

  it('ends the streams of a technician whose operating areas change, and a new stream sees the new areas', async () => {
    const technician = await createUser(t, 'technician', { branchId: jakarta.id });
    const setAreas = (areaCodes: string[]) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/technicians/${technician.id}/areas`,
        headers: bearer(admin.token),
        payload: { areaCodes },
      });
    await setAreas(['31.71']);
    const before = await openStream(baseUrl, technician.token);
    expect((await setAreas(['31.74'])).statusCode).toBe(200);
    await before.ended;
    const after = await openStream(baseUrl, technician.token);
    const order = await intake();
    await after.waitFor((event) => event.data.id === order.id);
    await after.close();
  });

  it('stays open when a change leaves what the user may see alone (their phone)', async () => {
    const person = await createUser(t, 'agent');
    const stream = await openStream(baseUrl, person.token);
    expect((await patchUser(person.id, { phone: '081234567890' })).statusCode).toBe(200);
    const order = await intake();
    await stream.waitFor((event) => event.data.id === order.id);
    await stream.close();
  });
});

describe('events carry only what the role may see', () => {
  it('gives warehouse staff work orders without the customer’s name and phone, live and replayed', async () => {
    const clerk = await createUser(t, 'warehouse', { branchId: jakarta.id });
    const supervisor = await createUser(t, 'supervisor', { branchId: jakarta.id });
    const clerkStream = await openStream(baseUrl, clerk.token);
    const supervisorStream = await openStream(baseUrl, supervisor.token);
    const customer = await createCustomer(t, { areaCode: '31.74.07', name: 'Ibu Wulan Sari' });
    const order = await createWorkOrder(t, agent, { customerId: customer.id });

    const seenBySupervisor = await supervisorStream.waitFor((event) => event.data.id === order.id);
    expect(seenBySupervisor.data.customer).toMatchObject({ name: 'Ibu Wulan Sari', phone: customer.phone });
    const seenByClerk = await clerkStream.waitFor((event) => event.data.id === order.id);
    expect(seenByClerk.data).toMatchObject({ number: order.number, customer: { id: customer.id } });
    expect(seenByClerk.data.customer).not.toHaveProperty('name');
    expect(seenByClerk.data.customer).not.toHaveProperty('phone');

    const replay = await openStream(baseUrl, clerk.token, seenByClerk.id - 1);
    const replayed = await replay.waitFor((event) => event.data.id === order.id);
    expect(JSON.stringify(replayed.data)).not.toContain('Wulan');
    expect(JSON.stringify(replayed.data)).not.toContain(customer.phone);
    for (const stream of [clerkStream, supervisorStream, replay]) await stream.close();
  });
});

describe('what the server publishes', () => {
  it('serves /metrics only to the bearer of METRICS_TOKEN', async () => {
    expect(problemOf(await app.inject('/metrics')).code).toBe('unauthenticated');
    expect((await app.inject({ url: '/metrics', headers: bearer('guess') })).statusCode).toBe(401);
    const scraped = await app.inject({ url: '/metrics', headers: bearer(metricsToken) });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain('sse_open_connections');
  });

  it('publishes no metrics at all without METRICS_TOKEN', async () => {
    const unset = await buildTestApp({ withAreas: false });
    const response = await unset.app.inject({ url: '/metrics', headers: bearer(metricsToken) });
    expect(response.statusCode).toBe(403);
    expect(problemOf(response).code).toBe('forbidden');
  });

  it('serves no source map of either app, even one left in the built folder', async () => {
    expect((await app.inject('/assets/index-abc123.js')).statusCode).toBe(200);
    for (const url of ['/assets/index-abc123.js.map', '/m/assets/index-def456.js.map', '/assets/INDEX-ABC123.JS.MAP']) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('sources');
    }
  });

  it('writes no tracking token and no customer phone number to the log', async () => {
    const customer = await createCustomer(t, { areaCode: '31.74.07' });
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const technician = await createUser(t, 'technician', { branchId: jakarta.id });
    const detail = await app.inject({ url: `/api/v1/work-orders/${order.id}`, headers: bearer(agent.token) });
    const trackingUrl = detail.json<{ trackingUrl: string }>().trackingUrl;
    const token = trackingUrl.slice(trackingUrl.lastIndexOf('/') + 1);
    const localPhone = `0${customer.phone.slice(3)}`;

    expect((await app.inject(trackingUrl)).statusCode).toBe(200);
    expect((await app.inject(`/api/v1/public/tracking/${token}`)).statusCode).toBe(200);
    await app.inject({ url: `/api/v1/customers?q=${localPhone}`, headers: bearer(agent.token) });
    await app.inject({
      url: `/api/v1/customers?q=${encodeURIComponent(customer.phone)}`,
      headers: bearer(agent.token),
    });
    // Assigning sends the customer a message with the tracking link, written to the log.
    await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${order.id}/transitions`,
      headers: bearer(agent.token),
      payload: { action: 'assign', technicianId: technician.id },
    });
    await expect
      .poll(() => logLines.some((line) => line.includes('message to customer')), { timeout: 10_000 })
      .toBe(true);

    const log = logLines.join('');
    expect(log).toContain(`"url":"/t/[redacted]"`);
    expect(log).toContain(`"url":"/api/v1/customers?q=[redacted]"`);
    for (const secret of [token, customer.phone, customer.phone.slice(1), localPhone]) {
      expect(log).not.toContain(secret);
    }
  });
});

describe('passwords an attacker tries first', () => {
  const createWith = (password: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin.token),
      payload: { employeeNo: `PW${Date.now().toString(36)}`, name: 'Rahmat Hidayat', role: 'agent', password },
    });

  it.each([
    ['one character repeated', 'aaaaaaaa', /one character repeated/],
    ['the company’s name', 'Purnajual2026!', /company's name \(purnajual, servis, indonesia\)/],
    ['a word of the company’s name', 'servis-ac-jaya', /company's name/],
  ])('are refused: %s (400, naming the field)', async (_kind, password, message) => {
    const response = await createWith(password);
    expect(response.statusCode).toBe(400);
    const problem = problemOf(response);
    expect(problem.errors?.map((error) => error.path)).toEqual(['body.password']);
    expect(problem.errors?.[0]?.message).toMatch(message);
  });

  it('still takes a password of the user’s own choosing', async () => {
    expect((await createWith('nasi-uduk-betawi')).statusCode).toBe(201);
  });
});
