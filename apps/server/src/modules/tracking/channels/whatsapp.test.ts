import { createHmac } from 'node:crypto';
import type { CustomerMessage } from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createCustomer,
  createManualClock,
  createUser,
  createWorkOrder,
  problemOf,
} from '../../../../test/app';
import { startFakeProvider, until } from '../../../../test/message-providers';

/*
 * The WhatsApp Business Cloud API, played by a local HTTP server that checks each request
 * as Meta documents it and answers as Meta does; and the webhook Meta calls back with the
 * statuses of sent messages, signed with the app secret.
 */

const appSecret = 'rahasia-aplikasi-meta';
let nextId = 0;
const meta = await startFakeProvider((request) => {
  nextId += 1;
  const { to } = JSON.parse(request.body) as { to: string };
  return {
    status: 200,
    body: {
      messaging_product: 'whatsapp',
      contacts: [{ input: to, wa_id: to.replace('+', '') }],
      messages: [{ id: `wamid.HBgM${nextId}` }],
    },
  };
});
const clock = createManualClock();
const t = await buildTestApp({
  clock,
  env: {
    PUBLIC_BASE_URL: 'https://servis.example.id',
    MESSAGE_POLL_INTERVAL_MS: '50',
    MESSAGE_CHANNELS: 'whatsapp',
    WHATSAPP_API_URL: `${meta.url}/v21.0`,
    WHATSAPP_PHONE_NUMBER_ID: '106540352242922',
    WHATSAPP_ACCESS_TOKEN: 'EAAJB-token-uji',
    WHATSAPP_APP_SECRET: appSecret,
    WHATSAPP_VERIFY_TOKEN: 'token-verifikasi',
  },
});
const agent = await createUser(t, 'agent');

const messagesOf = async (workOrderId: string) =>
  (
    await t.app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/${workOrderId}/messages`,
      headers: bearer(agent.token),
    })
  ).json<{ items: CustomerMessage[] }>().items;

const firstMessage = async (workOrderId: string) => (await messagesOf(workOrderId))[0];

async function intake() {
  const customer = await createCustomer(t, { name: 'Ibu Ratna Dewi' });
  const order = await createWorkOrder(t, agent, { customerId: customer.id });
  return { customer, order };
}

const signed = (body: string, secret = appSecret) => ({
  'content-type': 'application/json',
  'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
});

/** A status report as Meta sends it. */
const report = (id: string, status: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              statuses: [
                {
                  id,
                  status,
                  timestamp: String(Math.floor(clock.now().getTime() / 1000)),
                  recipient_id: '62813',
                  ...extra,
                },
              ],
            },
          },
        ],
      },
    ],
  });

const postReport = (body: string, headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/webhooks/whatsapp', headers, payload: body });

describe('messages on WhatsApp', () => {
  it("sends the kind's template with the customer's values as Meta documents it, and keeps its wamid", async () => {
    const { customer, order } = await intake();
    await until(async () => (await firstMessage(order.id))?.status === 'sent');
    const request = meta.requests.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v21.0/106540352242922/messages');
    expect(request?.headers.authorization).toBe('Bearer EAAJB-token-uji');
    expect(request?.headers['content-type']).toBe('application/json');
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/${order.id}`,
      headers: bearer(agent.token),
    });
    const trackingUrl = `https://servis.example.id${detail.json<{ trackingUrl: string }>().trackingUrl}`;
    expect(JSON.parse(request?.body ?? '')).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: customer.phone,
      type: 'template',
      template: {
        name: 'purnajual_tracking_link',
        language: { code: 'id' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ibu Ratna Dewi' },
              { type: 'text', text: order.number },
              { type: 'text', text: trackingUrl },
            ],
          },
        ],
      },
    });
    expect(await firstMessage(order.id)).toMatchObject({
      status: 'sent',
      channel: 'whatsapp',
      providerId: `wamid.HBgM${nextId}`,
      failureReason: null,
    });
  });

  it('tries again after a 500 from Meta, with backoff, and sends it then', async () => {
    meta.answerNext({ status: 500, body: { error: { message: 'An unknown error occurred', code: 1 } } });
    const { order } = await intake();
    await until(async () => (await firstMessage(order.id))?.failureReason !== null);
    expect(await firstMessage(order.id)).toMatchObject({
      status: 'queued',
      failureReason: '500: An unknown error occurred',
    });
    clock.advanceSeconds(61);
    await until(async () => (await firstMessage(order.id))?.status === 'sent');
    expect(await firstMessage(order.id)).toMatchObject({ status: 'sent', attempts: 2, channel: 'whatsapp' });
  });

  it('fails a message Meta refuses with a 400 at once, with its reason, and never sends it again', async () => {
    meta.answerNext({
      status: 400,
      body: {
        error: {
          message: '(#132001) Template name does not exist in the translation',
          type: 'OAuthException',
          code: 132001,
          error_data: {
            messaging_product: 'whatsapp',
            details: 'template name (purnajual_tracking_link) does not exist in id',
          },
        },
      },
    });
    const { customer, order } = await intake();
    await until(async () => (await firstMessage(order.id))?.status === 'failed');
    expect(await firstMessage(order.id)).toMatchObject({
      attempts: 1,
      channel: null,
      failureReason:
        '400: (#132001) Template name does not exist in the translation (template name (purnajual_tracking_link) does not exist in id)',
    });
    clock.advanceSeconds(3600);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(meta.requests.filter((request) => request.body.includes(`"to":"${customer.phone}"`))).toHaveLength(1);
  });
});

describe("WhatsApp's webhook", () => {
  it('answers the subscription handshake with the challenge, only to the right verify token', async () => {
    const query = 'hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=';
    const right = await t.app.inject({ method: 'GET', url: `/api/v1/webhooks/whatsapp?${query}token-verifikasi` });
    expect(right.statusCode).toBe(200);
    expect(right.body).toBe('1158201444');
    const wrong = await t.app.inject({ method: 'GET', url: `/api/v1/webhooks/whatsapp?${query}tebakan` });
    expect(wrong.statusCode).toBe(403);
    expect(problemOf(wrong).code).toBe('forbidden');
  });

  it('moves a message forward as Meta reports it, never back, and ignores ids it did not send', async () => {
    const { order } = await intake();
    await until(async () => (await firstMessage(order.id))?.status === 'sent');
    const wamid = (await firstMessage(order.id))?.providerId ?? '';

    clock.advanceSeconds(5);
    const delivered = report(wamid, 'delivered');
    expect((await postReport(delivered, signed(delivered))).json()).toEqual({ moved: 1 });
    expect(await firstMessage(order.id)).toMatchObject({ status: 'delivered', statusAt: clock.now().toISOString() });

    clock.advanceSeconds(5);
    const read = report(wamid, 'read');
    await postReport(read, signed(read));
    const readAt = clock.now().toISOString();
    // Meta's reports may come late or out of order: none of them moves a read message back.
    for (const late of [report(wamid, 'delivered'), report(wamid, 'sent'), report(wamid, 'failed')]) {
      expect((await postReport(late, signed(late))).json()).toEqual({ moved: 0 });
    }
    expect(await firstMessage(order.id)).toMatchObject({ status: 'read', statusAt: readAt, failureReason: null });

    const unknown = report('wamid.tidak-dikenal', 'read');
    const answer = await postReport(unknown, signed(unknown));
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ moved: 0 });
  });

  it("records a failure Meta reports for a sent message, with Meta's reason", async () => {
    const { order } = await intake();
    await until(async () => (await firstMessage(order.id))?.status === 'sent');
    const failed = report((await firstMessage(order.id))?.providerId ?? '', 'failed', {
      errors: [{ code: 131026, title: 'Message undeliverable' }],
    });
    await postReport(failed, signed(failed));
    expect(await firstMessage(order.id)).toMatchObject({
      status: 'failed',
      failureReason: '131026: Message undeliverable',
    });
  });

  it('refuses a report with a forged or missing signature (401) and changes nothing', async () => {
    const { order } = await intake();
    await until(async () => (await firstMessage(order.id))?.status === 'sent');
    const read = report((await firstMessage(order.id))?.providerId ?? '', 'read');

    const forged = await postReport(read, signed(read, 'tebakan-rahasia'));
    expect(forged.statusCode).toBe(401);
    expect(problemOf(forged).code).toBe('unauthenticated');
    const missing = await postReport(read, { 'content-type': 'application/json' });
    expect(missing.statusCode).toBe(401);
    // Signed over other bytes than those sent: the body was changed on the way.
    const tampered = await postReport(read.replace('"read"', '"delivered"'), signed(read));
    expect(tampered.statusCode).toBe(401);
    expect(await firstMessage(order.id)).toMatchObject({ status: 'sent' });
  });

  it('refuses a body larger than Meta ever sends (413), before reading it as JSON', async () => {
    const huge = JSON.stringify({ entry: [], padding: 'x'.repeat(300 * 1024) });
    const answer = await postReport(huge, signed(huge));
    expect(answer.statusCode).toBe(413);
  });
});
