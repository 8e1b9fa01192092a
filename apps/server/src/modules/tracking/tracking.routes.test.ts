import type { CustomerMessage, PublicTracking, WorkOrderDetail } from '@purnajual/contract';
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
import type { OutgoingMessage } from './channels/sender';
import { createMessageDispatcher } from './message-dispatcher';

/*
 * What the customer reaches without signing in: the tracking page and API by an
 * unguessable token (nothing about the customer on it), the survey once after completion,
 * and the messages that tell them about their work order.
 */

const sent: OutgoingMessage[] = [];
let failNext = false;
const t = await buildTestApp({
  env: { PUBLIC_BASE_URL: 'https://servis.example.id/', TRACKING_POLL_SECONDS: '7', MESSAGE_POLL_INTERVAL_MS: '100' },
  messageSender: {
    async send(message) {
      if (failNext) {
        failNext = false;
        throw new Error('gateway down');
      }
      sent.push(message);
      return { channel: 'log', providerId: null };
    },
  },
});
const { app } = t;

const branch = await createBranch(t, ['31']);
const agent = await createUser(t, 'agent');
const supervisor = await createUser(t, 'supervisor', { branchId: branch.id });
const technician = await createUser(t, 'technician', { branchId: branch.id, name: 'Agus Setiawan Pratama' });

type Caller = { token: string };
const step = (caller: Caller, id: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/v1/work-orders/${id}/transitions`, headers: bearer(caller.token), payload });
const detail = async (caller: Caller, id: string) =>
  (
    await app.inject({ method: 'GET', url: `/api/v1/work-orders/${id}`, headers: bearer(caller.token) })
  ).json<WorkOrderDetail>();
const publicView = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: `/api/v1/public/tracking/${url.slice('/t/'.length)}`, headers });
const survey = (trackingUrl: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/v1/public/tracking/${trackingUrl.slice(3)}/survey`, payload });

async function newOrder() {
  const customer = await createCustomer(t, { name: 'Bapak Hendra Gunawan' });
  const order = await createWorkOrder(t, agent, { customerId: customer.id, customerProductId: customer.product.id });
  const { trackingUrl } = await detail(agent, order.id);
  return { customer, order, trackingUrl };
}

async function completedOrder() {
  const made = await newOrder();
  await step(agent, made.order.id, { action: 'assign', technicianId: technician.id });
  await step(technician, made.order.id, { action: 'accept' });
  await step(technician, made.order.id, { action: 'start' });
  await step(technician, made.order.id, {
    action: 'complete',
    diagnosis: 'Freon habis',
    actionTaken: 'Isi freon',
    result: 'fixed',
    signature: signaturePng,
  });
  return made;
}

describe('the tracking link', () => {
  it('is an unguessable /t/<token> on the detail, for the office and the technician', async () => {
    const { order, trackingUrl } = await newOrder();
    expect(trackingUrl).toMatch(/^\/t\/[A-Za-z0-9_-]{43}$/);
    const another = await newOrder();
    expect(another.trackingUrl).not.toBe(trackingUrl);
    await step(agent, order.id, { action: 'assign', technicianId: technician.id });
    expect((await detail(technician, order.id)).trackingUrl).toBe(trackingUrl);
  });

  it('shows status, appointment, the technician first name and status history, and nothing else', async () => {
    const { customer, order, trackingUrl } = await newOrder();
    await step(agent, order.id, { action: 'assign', technicianId: technician.id });
    await step(technician, order.id, { action: 'accept' });
    const start = new Date(Date.now() + 86400_000);
    start.setUTCMinutes(0, 0, 0);
    const end = new Date(start.getTime() + 2 * 3600_000);
    await step(technician, order.id, {
      action: 'schedule',
      appointmentStart: start.toISOString(),
      appointmentEnd: end.toISOString(),
    });
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/work-orders/${order.id}`,
      headers: bearer(agent.token),
      payload: { priority: 'high' },
    });
    const response = await publicView(trackingUrl);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const view = response.json<PublicTracking>();
    expect(Object.keys(view).sort()).toEqual(
      ['appointmentEnd', 'appointmentStart', 'history', 'number', 'status', 'technicianFirstName', 'timeZone'].sort(),
    );
    expect(view).toMatchObject({
      number: order.number,
      status: 'scheduled',
      appointmentStart: start.toISOString(),
      appointmentEnd: end.toISOString(),
      technicianFirstName: 'Agus',
      // The branch's zone, in which the page writes the appointment.
      timeZone: 'Asia/Jakarta',
    });
    // Status changes only, each with nothing but the status and the time.
    expect(view.history.map((h) => h.status)).toEqual(['new', 'assigned', 'accepted', 'scheduled']);
    for (const entry of view.history) expect(Object.keys(entry).sort()).toEqual(['at', 'status']);
    const raw = response.body;
    for (const secret of [customer.name, customer.phone, customer.address, customer.product.serialNumber, 'Setiawan']) {
      expect(raw).not.toContain(secret);
    }
  });

  it("carries the zone of the branch that serves the customer, for the page's times", async () => {
    await t.services.branches.createBranch({
      code: 'TRK-WITA',
      name: 'Cabang Uji WITA',
      address: 'Jl. Uji No. 2',
      timeZone: 'Asia/Makassar',
      areaCodes: ['31.71'],
      autoAssign: false,
    });
    const customer = await createCustomer(t, { areaCode: '31.71.01' });
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const { trackingUrl } = await detail(agent, order.id);
    expect((await publicView(trackingUrl)).json<PublicTracking>().timeZone).toBe('Asia/Makassar');
  });

  it('serves a small page without sign-in that carries no customer data and loads its own script', async () => {
    const { customer, trackingUrl } = await newOrder();
    const page = await app.inject({ method: 'GET', url: trackingUrl });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(page.body).toContain('<html lang="id">');
    expect(page.body).toContain('<script src="/t/assets/tracking.js" defer></script>');
    expect(page.body).toContain('content="7"');
    expect(page.body).not.toMatch(/<script>(?!<)/);
    for (const secret of [customer.name, customer.phone, customer.address]) expect(page.body).not.toContain(secret);
    const script = await app.inject({ method: 'GET', url: '/t/assets/tracking.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain('/api/v1/public/tracking/');
    expect((await app.inject({ method: 'GET', url: '/t/assets/tracking.css' })).statusCode).toBe(200);
  });

  it('answers 404 for a wrong, malformed or revoked token, on the page and the API', async () => {
    const { order, trackingUrl } = await newOrder();
    const token = trackingUrl.slice(3);
    const flipped = token.replace(/[a-z]/, (c) => c.toUpperCase());
    for (const wrong of [`${'A'.repeat(42)}B`, 'pendek', flipped === token ? `${token.slice(0, -1)}_` : flipped]) {
      expect((await publicView(`/t/${wrong}`)).statusCode, wrong).toBe(404);
      expect(problemOf(await publicView(`/t/${wrong}`)).code).toBe('not_found');
      const page = await app.inject({ method: 'GET', url: `/t/${wrong}` });
      expect(page.statusCode).toBe(404);
      expect(page.body).toContain('Tautan tidak berlaku');
    }

    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/work-orders/${order.id}/tracking-link/revoke`,
          headers: bearer(technician.token),
        })
      ).statusCode,
    ).toBe(403);
    const revoked = await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${order.id}/tracking-link/revoke`,
      headers: bearer(supervisor.token),
    });
    expect(revoked.statusCode).toBe(200);
    const renewed = revoked.json<{ trackingUrl: string }>().trackingUrl;
    expect(renewed).not.toBe(trackingUrl);
    expect((await publicView(trackingUrl)).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: trackingUrl })).statusCode).toBe(404);
    expect((await publicView(renewed)).statusCode).toBe(200);
    expect((await detail(agent, order.id)).trackingUrl).toBe(renewed);
  });

  it('updates when the status changes; an unchanged answer is a 304', async () => {
    const { order, trackingUrl } = await newOrder();
    const first = await publicView(trackingUrl);
    const etag = String(first.headers.etag);
    expect(first.json()).toMatchObject({ status: 'new', technicianFirstName: null });
    const unchanged = await publicView(trackingUrl, { 'if-none-match': etag });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');

    await step(agent, order.id, { action: 'assign', technicianId: technician.id });
    const changed = await publicView(trackingUrl, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ status: 'assigned', technicianFirstName: 'Agus' });
    await step(technician, order.id, { action: 'accept' });
    await step(technician, order.id, { action: 'depart' });
    expect((await publicView(trackingUrl)).json()).toMatchObject({ status: 'en_route' });
  });
});

describe('the satisfaction survey', () => {
  it('opens at completion, takes one answer, and refuses a second (409)', async () => {
    const { order, trackingUrl } = await newOrder();
    const stateOf = async () =>
      (await app.inject({ method: 'GET', url: `/api/v1/public/tracking/${trackingUrl.slice(3)}/survey` })).json().state;
    expect(await stateOf()).toBe('not_yet');
    const early = await survey(trackingUrl, { rating: 5 });
    expect(early.statusCode).toBe(409);
    expect(problemOf(early).code).toBe('invalid_transition');

    const done = await completedOrder();
    const doneState = async () =>
      (await app.inject({ method: 'GET', url: `/api/v1/public/tracking/${done.trackingUrl.slice(3)}/survey` })).json()
        .state;
    expect(await doneState()).toBe('open');
    expect((await survey(done.trackingUrl, { rating: 6 })).statusCode).toBe(400);
    expect((await survey(done.trackingUrl, { rating: 0 })).statusCode).toBe(400);
    const answered = await survey(done.trackingUrl, { rating: 4, comment: 'Teknisi ramah dan cepat' });
    expect(answered.statusCode).toBe(201);
    expect(answered.json()).toMatchObject({ rating: 4, comment: 'Teknisi ramah dan cepat' });
    const again = await survey(done.trackingUrl, { rating: 1 });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).code).toBe('survey_already_answered');
    expect(await doneState()).toBe('answered');
    expect((await detail(agent, done.order.id)).survey).toMatchObject({
      rating: 4,
      comment: 'Teknisi ramah dan cepat',
    });
    expect((await detail(agent, order.id)).survey).toBeNull();

    // Still open once closed; two answers at once still make one.
    const racing = await completedOrder();
    await step(agent, racing.order.id, { action: 'close' });
    const results = await Promise.all([
      survey(racing.trackingUrl, { rating: 5 }),
      survey(racing.trackingUrl, { rating: 3 }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('is refused for a revoked link', async () => {
    const done = await completedOrder();
    await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${done.order.id}/tracking-link/revoke`,
      headers: bearer(agent.token),
    });
    expect((await survey(done.trackingUrl, { rating: 5 })).statusCode).toBe(404);
  });
});

describe('messages to the customer', () => {
  it('are written with the changes they tell of and listed for the office', async () => {
    const { customer, order, trackingUrl } = await newOrder();
    await step(agent, order.id, { action: 'assign', technicianId: technician.id });
    await step(technician, order.id, { action: 'accept' });
    await step(technician, order.id, { action: 'depart' });
    await step(technician, order.id, { action: 'start' });
    await step(technician, order.id, {
      action: 'complete',
      diagnosis: 'Freon habis',
      actionTaken: 'Isi freon',
      result: 'fixed',
      signature: signaturePng,
    });
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/${order.id}/messages`,
      headers: bearer(supervisor.token),
    });
    const items = response.json<{ items: CustomerMessage[] }>().items;
    expect(items.map((m) => m.kind)).toEqual([
      'tracking_link',
      'technician_assigned',
      'technician_on_the_way',
      'survey_invitation',
    ]);
    for (const message of items) {
      expect(message.recipient).toBe(customer.phone);
      expect(message.body).toContain(`https://servis.example.id${trackingUrl}`);
      expect(message.body).toContain(order.number);
    }
    expect(items[2]?.body).toContain('teknisi Agus sedang dalam perjalanan');
    const forTechnician = await app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/${order.id}/messages`,
      headers: bearer(technician.token),
    });
    expect(forTechnician.statusCode).toBe(403);
  });

  it('go out through the pluggable sender once each, and are tried again later when it fails', async () => {
    const messagesOf = async (id: string) =>
      (
        await app.inject({ method: 'GET', url: `/api/v1/work-orders/${id}/messages`, headers: bearer(agent.token) })
      ).json<{ items: CustomerMessage[] }>().items;
    const until = async (done: () => Promise<boolean>) => {
      for (let i = 0; i < 100 && !(await done()); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    };

    const { order } = await newOrder();
    await until(async () => (await messagesOf(order.id))[0]?.status === 'sent');
    expect(sent.filter((m) => m.workOrderId === order.id).map((m) => m.kind)).toEqual(['tracking_link']);
    expect((await messagesOf(order.id))[0]).toMatchObject({ status: 'sent', attempts: 1 });

    failNext = true;
    const failing = await newOrder();
    await until(async () => (await messagesOf(failing.order.id))[0]?.attempts === 1);
    expect((await messagesOf(failing.order.id))[0]).toMatchObject({
      status: 'queued',
      attempts: 1,
      sentAt: null,
      failureReason: 'gateway down',
    });
    expect(sent.some((m) => m.workOrderId === failing.order.id)).toBe(false);

    // The retry is due a minute later: a dispatcher whose clock is there sends it.
    const retried: OutgoingMessage[] = [];
    const dispatcher = createMessageDispatcher({
      db: t.database.db,
      clock: { now: () => new Date(Date.now() + 2 * 60_000) },
      sender: {
        send: async (message) => {
          retried.push(message);
          return { channel: 'log', providerId: null };
        },
      },
      log: app.log,
      pollIntervalMs: 60_000,
    });
    await dispatcher.wake();
    await dispatcher.stop();
    expect(retried.filter((m) => m.workOrderId === failing.order.id).map((m) => m.kind)).toEqual(['tracking_link']);
    expect((await messagesOf(failing.order.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
