import type { CustomerMessage, MessageTemplate } from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createCustomer, createUser, createWorkOrder, problemOf } from '../../../test/app';
import { until } from '../../../test/message-providers';
import type { OutgoingMessage } from './channels/sender';

/*
 * What reaches a customer, and what does not: the texts an admin edits (used by the next
 * message, in the customer's language), and the opt-out the office or the customer sets.
 */

const sent: OutgoingMessage[] = [];
const t = await buildTestApp({
  env: {
    PUBLIC_BASE_URL: 'https://servis.example.id',
    MESSAGE_POLL_INTERVAL_MS: '50',
    // Channels listed, so templates are held to their limits; the sender below stands in for them.
    MESSAGE_CHANNELS: 'whatsapp',
    WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
    WHATSAPP_ACCESS_TOKEN: 'EAAJB',
    WHATSAPP_APP_SECRET: 'secret',
    WHATSAPP_VERIFY_TOKEN: 'verify',
  },
  messageSender: {
    async send(message) {
      sent.push(message);
      return { channel: 'whatsapp', providerId: `wamid.${sent.length}` };
    },
  },
});
const { app } = t;
const admin = await createUser(t, 'admin');
const agent = await createUser(t, 'agent');

const messagesOf = async (workOrderId: string) =>
  (
    await app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/${workOrderId}/messages`,
      headers: bearer(agent.token),
    })
  ).json<{ items: CustomerMessage[] }>().items;

const putTemplate = (kind: string, language: string, payload: Record<string, unknown>, headers = {}) =>
  app.inject({
    method: 'PUT',
    url: `/api/v1/message-templates/${kind}/${language}`,
    headers: { ...bearer(admin.token), ...headers },
    payload,
  });

const patchCustomer = (id: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'PATCH', url: `/api/v1/customers/${id}`, headers: bearer(agent.token), payload });

async function settledMessage(workOrderId: string) {
  await until(async () => ['sent', 'failed'].includes((await messagesOf(workOrderId))[0]?.status ?? ''));
  return (await messagesOf(workOrderId))[0];
}

describe('message templates', () => {
  it("lists each kind in Indonesian and English, seeded from the texts the messages had, with WhatsApp's names", async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/message-templates',
      headers: bearer(admin.token),
    });
    const items = response.json<{ items: MessageTemplate[] }>().items;
    // In the order a work order sends them, Indonesian first.
    expect(items.map((item) => `${item.kind}/${item.language}`)).toEqual([
      'tracking_link/id',
      'tracking_link/en',
      'technician_assigned/id',
      'technician_assigned/en',
      'technician_on_the_way/id',
      'technician_on_the_way/en',
      'survey_invitation/id',
      'survey_invitation/en',
    ]);
    expect(items.find((item) => item.kind === 'tracking_link' && item.language === 'id')).toMatchObject({
      body: 'Halo {{customerName}}, permintaan servis {{workOrderNumber}} sudah kami terima. Pantau statusnya di {{trackingUrl}}',
      whatsappTemplateName: 'purnajual_tracking_link',
    });
    const forAgent = await app.inject({
      method: 'GET',
      url: '/api/v1/message-templates',
      headers: bearer(agent.token),
    });
    expect(forAgent.statusCode).toBe(403);
  });

  it('refuses an unknown placeholder, an empty text and one too long for a configured channel, naming it', async () => {
    const name = { whatsappTemplateName: 'purnajual_tracking_link' };
    const unknown = await putTemplate('tracking_link', 'id', {
      ...name,
      body: 'Halo {{namaPelanggan}}, {{trackingUrl}}',
    });
    expect(unknown.statusCode).toBe(400);
    expect(problemOf(unknown).errors?.[0]).toMatchObject({ path: 'body.body' });
    expect(problemOf(unknown).errors?.[0]?.message).toContain('unknown placeholder {{namaPelanggan}}');

    const empty = await putTemplate('tracking_link', 'id', { ...name, body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(problemOf(empty).errors?.[0]).toMatchObject({ path: 'body.body', message: 'must not be empty' });

    // 990 characters fit the outbox, but not a WhatsApp body once a long name fills {{customerName}}.
    const long = await putTemplate('tracking_link', 'id', { ...name, body: `${'a'.repeat(974)} {{customerName}}` });
    expect(long.statusCode).toBe(400);
    expect(problemOf(long).detail).toBe('Teks terlalu panjang untuk whatsapp');
    expect(problemOf(long).errors?.[0]?.message).toMatch(/^is too long for whatsapp: up to 1024 characters/);
    const inEnglish = await putTemplate(
      'tracking_link',
      'id',
      { ...name, body: `${'a'.repeat(974)} {{customerName}}` },
      {
        'accept-language': 'en',
      },
    );
    expect(problemOf(inEnglish).detail).toBe('The text is too long for whatsapp');

    const listed = await app.inject({ method: 'GET', url: '/api/v1/message-templates', headers: bearer(admin.token) });
    const current = listed
      .json<{ items: MessageTemplate[] }>()
      .items.find((item) => item.kind === 'tracking_link' && item.language === 'id');
    expect(current?.body).toMatch(/^Halo \{\{customerName\}\}, permintaan servis/);
  });

  it('uses an edited text for the next message, in the language the customer gets', async () => {
    const edited = await putTemplate('tracking_link', 'id', {
      body: 'Terima kasih {{customerName}}! Servis {{workOrderNumber}}: {{trackingUrl}}',
      whatsappTemplateName: 'purnajual_terima_kasih',
    });
    expect(edited.statusCode).toBe(200);
    const customer = await createCustomer(t, { name: 'Ibu Wulan' });
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const message = await settledMessage(order.id);
    expect(message?.body).toMatch(
      new RegExp(`^Terima kasih Ibu Wulan! Servis ${order.number}: https://servis\\.example\\.id/t/`),
    );
    const outgoing = sent.find((one) => one.workOrderId === order.id);
    expect(outgoing).toMatchObject({ whatsappTemplateName: 'purnajual_terima_kasih', language: 'id' });
    expect(outgoing?.parameters.slice(0, 2)).toEqual(['Ibu Wulan', order.number]);

    const english = await createCustomer(t, { name: 'Mr John Tan' });
    expect((await patchCustomer(english.id, { language: 'en' })).json()).toMatchObject({ language: 'en' });
    const englishOrder = await createWorkOrder(t, agent, { customerId: english.id });
    expect((await settledMessage(englishOrder.id))?.body).toMatch(
      new RegExp(`^Hello Mr John Tan, we have received service request ${englishOrder.number}\\.`),
    );
  });
});

describe('opting out of messages', () => {
  it('set by the office on the customer: their messages are not sent, and show as failed, opted out', async () => {
    const customer = await createCustomer(t);
    const patched = await patchCustomer(customer.id, { messagesOptOut: true });
    expect(patched.json()).toMatchObject({ messagesOptOut: true });
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    expect(await settledMessage(order.id)).toMatchObject({
      status: 'failed',
      failureReason: 'opted out',
      channel: null,
    });
    expect(sent.some((one) => one.workOrderId === order.id)).toBe(false);

    await patchCustomer(customer.id, { messagesOptOut: false });
    const later = await createWorkOrder(t, agent, { customerId: customer.id });
    expect(await settledMessage(later.id)).toMatchObject({ status: 'sent', channel: 'whatsapp' });
  });

  it('set by the customer from the tracking page: the record says so and the next messages are skipped', async () => {
    const customer = await createCustomer(t);
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    await settledMessage(order.id);
    const detail = await app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/${order.id}`,
      headers: bearer(agent.token),
    });
    const token = detail.json<{ trackingUrl: string }>().trackingUrl.slice('/t/'.length);

    const optOut = await app.inject({ method: 'POST', url: `/api/v1/public/tracking/${token}/opt-out` });
    expect(optOut.statusCode).toBe(200);
    expect(optOut.json()).toEqual({ messagesOptOut: true });
    expect(optOut.headers['cache-control']).toBe('no-store');
    const record = await app.inject({
      method: 'GET',
      url: `/api/v1/customers/${customer.id}`,
      headers: bearer(agent.token),
    });
    expect(record.json()).toMatchObject({ messagesOptOut: true });

    const next = await createWorkOrder(t, agent, { customerId: customer.id });
    expect(await settledMessage(next.id)).toMatchObject({ status: 'failed', failureReason: 'opted out' });
    expect(sent.some((one) => one.workOrderId === next.id)).toBe(false);

    const unknown = await app.inject({ method: 'POST', url: `/api/v1/public/tracking/${'x'.repeat(43)}/opt-out` });
    expect(unknown.statusCode).toBe(404);
  });

  it('stays when the opted-out customer is merged into another record of the same person', async () => {
    const survivor = await createCustomer(t, { name: 'Ibu Nining' });
    const duplicate = await createCustomer(t, { name: 'Ibu Nining S.' });
    await patchCustomer(duplicate.id, { messagesOptOut: true });
    const merged = await app.inject({
      method: 'POST',
      url: `/api/v1/customers/${survivor.id}/merge`,
      headers: bearer(admin.token),
      payload: { duplicateId: duplicate.id },
    });
    expect(merged.statusCode).toBe(200);
    const record = await app.inject({
      method: 'GET',
      url: `/api/v1/customers/${survivor.id}`,
      headers: bearer(agent.token),
    });
    expect(record.json()).toMatchObject({ messagesOptOut: true });
  });
});
