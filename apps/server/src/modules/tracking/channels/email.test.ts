import type { AddressInfo } from 'node:net';
import type { CustomerMessage } from '@purnajual/contract';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createCustomer, createUser, createWorkOrder } from '../../../../test/app';
import { startFakeProvider, until } from '../../../../test/message-providers';

/*
 * E-mail to customers who have an address, through a real SMTP server on 127.0.0.1 that
 * asks for the credentials of SMTP_URL; customers without one get the next channel listed.
 */

const received: { from: string; to: string[]; raw: string }[] = [];
const smtp = new SMTPServer({
  disabledCommands: ['STARTTLS'],
  authOptional: false,
  onAuth(auth, _session, callback) {
    if (auth.username === 'purnajual' && auth.password === 'sandi smtp') callback(null, { user: auth.username });
    else callback(new Error('Invalid username or password'));
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        raw: Buffer.concat(chunks).toString('utf8'),
      });
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
const smtpPort = (smtp.server.address() as AddressInfo).port;

const sms = await startFakeProvider(() => ({ status: 201, body: { sid: 'SM00000000000000000000000000000001' } }));
const t = await buildTestApp({
  env: {
    PUBLIC_BASE_URL: 'https://servis.example.id',
    MESSAGE_POLL_INTERVAL_MS: '50',
    MESSAGE_CHANNELS: 'email,sms',
    SMTP_URL: `smtp://purnajual:${encodeURIComponent('sandi smtp')}@127.0.0.1:${smtpPort}`,
    SMTP_FROM: 'Purnajual Servis <servis@example.id>',
    SMS_API_URL: sms.url,
    SMS_ACCOUNT_SID: 'AC01',
    SMS_AUTH_TOKEN: 'token',
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

describe('messages by e-mail', () => {
  it('reach a customer with an address by e-mail, the first channel listed, with the text of the message', async () => {
    const customer = await createCustomer(t, { name: 'Ibu Lestari' });
    await t.services.customers.updateCustomer(customer.id, { email: 'lestari@example.id' }, undefined);
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    await until(async () => (await firstMessage(order.id))?.status === 'sent');

    const mail = received.find((one) => one.to.includes('lestari@example.id'));
    expect(mail?.from).toBe('servis@example.id');
    expect(mail?.to).toEqual(['lestari@example.id']);
    expect(mail?.raw).toContain('Subject: Permintaan servis Anda sudah kami terima');
    expect(mail?.raw.replace(/=\r\n/g, '')).toContain(`permintaan servis ${order.number} sudah kami terima`);
    expect(await firstMessage(order.id)).toMatchObject({ channel: 'email', failureReason: null });
    expect(sms.requests).toHaveLength(0);
  });

  it('go by SMS, the next channel listed, to a customer without an address', async () => {
    const customer = await createCustomer(t);
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    await until(async () => (await firstMessage(order.id))?.status === 'sent');
    expect(await firstMessage(order.id)).toMatchObject({
      channel: 'sms',
      providerId: 'SM00000000000000000000000000000001',
    });
    expect(received.some((mail) => mail.raw.includes(order.number))).toBe(false);
  });
});
