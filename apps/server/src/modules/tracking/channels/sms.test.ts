import type { CustomerMessage } from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createCustomer,
  createManualClock,
  createUser,
  createWorkOrder,
} from '../../../../test/app';
import { startFakeProvider, until } from '../../../../test/message-providers';

/*
 * SMS through a gateway speaking Twilio's Messages API, played by a local HTTP server that
 * checks each request as Twilio documents it (form-encoded, HTTP basic auth) and answers as
 * Twilio does: 201 with the message's `sid`, or an error with a code and a message.
 */

const accountSid = 'AC0123456789abcdef0123456789abcdef';
let nextSid = 0;
const twilio = await startFakeProvider(() => {
  nextSid += 1;
  return {
    status: 201,
    body: { sid: `SM${String(nextSid).padStart(32, '0')}`, status: 'queued', account_sid: accountSid },
  };
});
const clock = createManualClock();
const t = await buildTestApp({
  clock,
  env: {
    PUBLIC_BASE_URL: 'https://servis.example.id',
    MESSAGE_POLL_INTERVAL_MS: '50',
    MESSAGE_CHANNELS: 'sms',
    SMS_API_URL: twilio.url,
    SMS_ACCOUNT_SID: accountSid,
    SMS_AUTH_TOKEN: 'token-rahasia-sms',
    SMS_FROM: '+15017122661',
  },
});
const agent = await createUser(t, 'agent');

const firstMessage = async (workOrderId: string) =>
  (
    await t.app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/${workOrderId}/messages`,
      headers: bearer(agent.token),
    })
  ).json<{ items: CustomerMessage[] }>().items[0];

async function intake() {
  const customer = await createCustomer(t, { name: 'Bapak Hendra Wijaya' });
  return { customer, order: await createWorkOrder(t, agent, { customerId: customer.id }) };
}

describe('messages by SMS', () => {
  it('posts To, From and Body form-encoded with basic auth to the Messages resource, and keeps the sid', async () => {
    const { customer, order } = await intake();
    await until(async () => (await firstMessage(order.id))?.status === 'sent');
    const request = twilio.requests.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/2010-04-01/Accounts/${accountSid}/Messages.json`);
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${accountSid}:token-rahasia-sms`).toString('base64')}`,
    );
    const form = new URLSearchParams(request?.body);
    expect([...form.keys()].sort()).toEqual(['Body', 'From', 'To']);
    expect(form.get('To')).toBe(customer.phone);
    expect(form.get('From')).toBe('+15017122661');
    const message = await firstMessage(order.id);
    expect(form.get('Body')).toBe(message?.body);
    expect(message?.body).toMatch(
      new RegExp(
        `^Halo Bapak Hendra Wijaya, permintaan servis ${order.number} sudah kami terima\\. Pantau statusnya di https://servis\\.example\\.id/t/`,
      ),
    );
    expect(message).toMatchObject({ channel: 'sms', providerId: `SM${String(nextSid).padStart(32, '0')}` });
  });

  it('tries again after a 503 from the gateway and sends it then', async () => {
    twilio.answerNext({ status: 503, body: { code: 20503, message: 'Service unavailable', status: 503 } });
    const { order } = await intake();
    await until(async () => (await firstMessage(order.id))?.failureReason !== null);
    expect(await firstMessage(order.id)).toMatchObject({
      status: 'queued',
      failureReason: '503: Service unavailable (code 20503)',
    });
    clock.advanceSeconds(61);
    await until(async () => (await firstMessage(order.id))?.status === 'sent');
    expect(await firstMessage(order.id)).toMatchObject({ attempts: 2, channel: 'sms' });
  });

  it('fails a number the gateway refuses (400) at once, with its reason', async () => {
    twilio.answerNext({
      status: 400,
      body: {
        code: 21211,
        message: "The 'To' number is not a valid phone number.",
        more_info: 'https://www.twilio.com/docs/errors/21211',
        status: 400,
      },
    });
    const { order } = await intake();
    await until(async () => (await firstMessage(order.id))?.status === 'failed');
    expect(await firstMessage(order.id)).toMatchObject({
      attempts: 1,
      failureReason: "400: The 'To' number is not a valid phone number. (code 21211)",
    });
  });
});
