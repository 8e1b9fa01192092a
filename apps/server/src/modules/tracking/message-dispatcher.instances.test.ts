import { describe, expect, it } from 'vitest';
import { buildTestInstances, createCustomer, createManualClock, createUser } from '../../../test/app';
import type { MessageSender } from './channels/sender';

/*
 * Three server instances on one database, all polling for customer messages: each message
 * is claimed by one of them and sent once; a message left `sending` by an instance whose
 * gateway never answered is taken over by another once the claim is stale, and the late
 * outcome of the first changes nothing.
 */

const sent: { instanceId: string; messageId: string }[] = [];
let hangNext = false;
let hung: { instanceId: string; fail: (error: Error) => void } | undefined;

const senderOf = (instanceId: string): MessageSender => ({
  send(message) {
    if (hangNext) {
      hangNext = false;
      return new Promise((_resolve, reject) => {
        hung = { instanceId, fail: reject };
      });
    }
    sent.push({ instanceId, messageId: message.id });
    return Promise.resolve({ channel: 'log', providerId: null });
  },
});

const clock = createManualClock();
const t = await buildTestInstances(3, { clock, senderOf, env: { MESSAGE_POLL_INTERVAL_MS: '50' } });
const db = t.database.db;
const agent = await createUser(t, 'agent');
const admin = await createUser(t, 'admin');
/** Matches `sendingTimeoutSeconds` in the dispatcher. */
const sendingTimeoutSeconds = 120;

/** Takes a work order through the `n`th instance; its tracking-link message waits to be sent. */
async function intake(n: number) {
  const customer = await createCustomer(t);
  const response = await t.instances[n % t.instances.length]?.app.inject({
    method: 'POST',
    url: '/api/v1/work-orders',
    headers: { authorization: `Bearer ${agent.token}` },
    payload: { customerId: customer.id, complaint: 'Mesin cuci tidak berputar', serviceType: 'home_visit' },
  });
  const workOrderId = response?.json<{ id: string }>().id ?? '';
  return db.selectFrom('customer_message').selectAll().where('workOrderId', '=', workOrderId).executeTakeFirstOrThrow();
}

const messageRow = (id: string) =>
  db.selectFrom('customer_message').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function until(condition: () => boolean | Promise<boolean>) {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

const sendsOf = (messageId: string) => sent.filter((send) => send.messageId === messageId);

describe('customer messages on three instances', () => {
  it('sends each message once, whichever instance took the work order and whichever claims it', async () => {
    const messages = [];
    for (let n = 0; n < 9; n += 1) messages.push(await intake(n));
    for (const message of messages) await until(async () => (await messageRow(message.id)).status === 'sent');
    for (const message of messages) {
      expect(sendsOf(message.id)).toHaveLength(1);
      expect(await messageRow(message.id)).toMatchObject({ status: 'sent', attempts: 1 });
    }
  });

  it('writes the next message with a text an admin edited through another instance, with no restart', async () => {
    const edited = await t.instances[2]?.app.inject({
      method: 'PUT',
      url: '/api/v1/message-templates/tracking_link/id',
      headers: { authorization: `Bearer ${admin.token}` },
      payload: {
        body: 'Servis {{workOrderNumber}} tercatat. {{trackingUrl}}',
        whatsappTemplateName: 'purnajual_tercatat',
      },
    });
    expect(edited?.statusCode).toBe(200);
    const message = await intake(1);
    expect(message.body).toMatch(/^Servis WO-\d{4}-\d{6} tercatat\. http/);
    expect(message.whatsappTemplateName).toBe('purnajual_tercatat');
    await until(async () => (await messageRow(message.id)).status === 'sent');
    expect(sendsOf(message.id)).toHaveLength(1);
  });

  it('gives a message up when instances keep stopping while they send it, instead of sending it forever', async () => {
    const message = await intake(0);
    await until(async () => (await messageRow(message.id)).status === 'sent');
    // As the fifth instance to claim it would leave it, dying mid-send.
    await db
      .updateTable('customer_message')
      .set({ status: 'sending', attempts: 5, sentAt: null })
      .where('id', '=', message.id)
      .execute();
    clock.advanceSeconds(sendingTimeoutSeconds + 1);
    await until(async () => (await messageRow(message.id)).status === 'failed');
    expect(await messageRow(message.id)).toMatchObject({ attempts: 6, lastError: 'given up after repeated takeovers' });
    expect(sendsOf(message.id)).toHaveLength(1);
  });

  it('takes over a message whose sender never answered, and keeps that outcome when the first one fails late', async () => {
    hangNext = true;
    const message = await intake(1);
    await until(() => hung !== undefined);
    const stuck = hung;
    if (!stuck) throw new Error('no send hung');
    expect(await messageRow(message.id)).toMatchObject({ status: 'sending', attempts: 1 });

    clock.advanceSeconds(sendingTimeoutSeconds - 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await messageRow(message.id)).toMatchObject({ status: 'sending', attempts: 1 });

    clock.advanceSeconds(2);
    await until(async () => (await messageRow(message.id)).status === 'sent');
    expect(sendsOf(message.id)).toHaveLength(1);
    expect(sendsOf(message.id)[0]?.instanceId).not.toBe(stuck.instanceId);

    // The stuck instance's gateway finally gives up, and the instance shuts down.
    stuck.fail(new Error('gateway timed out'));
    await t.instances.find(({ jobs }) => jobs.instanceId === stuck.instanceId)?.app.close();
    expect(await messageRow(message.id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(sendsOf(message.id)).toHaveLength(1);
  });
});
