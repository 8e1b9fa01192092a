import { describe, expect, it } from 'vitest';
import { buildTestInstances, createCustomer, createUser } from '../../../../test/app';
import { startFakeProvider, until } from '../../../../test/message-providers';

/*
 * Two server instances on one database, both sending by SMS to the same gateway (a local
 * HTTP server): each message reaches the gateway once, whichever instance wrote it.
 */

let nextSid = 0;
const gateway = await startFakeProvider(() => {
  nextSid += 1;
  return { status: 201, body: { sid: `SM${nextSid}`, status: 'queued' } };
});
const t = await buildTestInstances(2, {
  env: {
    MESSAGE_POLL_INTERVAL_MS: '50',
    MESSAGE_CHANNELS: 'sms',
    SMS_API_URL: gateway.url,
    SMS_ACCOUNT_SID: 'AC01',
    SMS_AUTH_TOKEN: 'token',
    SMS_FROM: '+15017122661',
  },
});
const agent = await createUser(t, 'agent');

describe('SMS from two instances', () => {
  it('sends each message to the gateway once', async () => {
    const phones: string[] = [];
    for (let n = 0; n < 8; n += 1) {
      const customer = await createCustomer(t);
      phones.push(customer.phone);
      const response = await t.instances[n % 2]?.app.inject({
        method: 'POST',
        url: '/api/v1/work-orders',
        headers: { authorization: `Bearer ${agent.token}` },
        payload: { customerId: customer.id, complaint: 'Kulkas tidak dingin', serviceType: 'home_visit' },
      });
      expect(response?.statusCode).toBe(201);
    }
    const rows = () => t.database.db.selectFrom('customer_message').select(['status', 'providerId']).execute();
    await until(async () => (await rows()).every((row) => row.status === 'sent'));
    const sentTo = gateway.requests.map((request) => new URLSearchParams(request.body).get('To'));
    expect(sentTo.sort()).toEqual([...phones].sort());
    expect(new Set((await rows()).map((row) => row.providerId)).size).toBe(8);
  });
});
