import { describe, expect, it } from 'vitest';
import { buildTestInstances, createBranch, createCustomer, createManualClock, createUser } from '../../../test/app';
import { addSeconds, toIso } from '../../platform/clock';

/*
 * Three server instances on one database: the SLA check runs on one of them per pass (the
 * job lease), each breach is flagged once with one event and one notice per supervisor,
 * and a check whose instance died mid-pass is taken over once its lease has expired.
 */

const clock = createManualClock();
const t = await buildTestInstances(3, {
  clock,
  // Passes run when the test says so; the timers' own come after the test.
  env: { SLA_HOURS_URGENT: '4', SLA_CHECK_INTERVAL_MS: '3600000' },
});
const db = t.database.db;
const branch = await createBranch(t, ['31']);
const agent = await createUser(t, 'agent');
const supervisors = [
  await createUser(t, 'supervisor', { branchId: branch.id }),
  await createUser(t, 'supervisor', { branchId: branch.id }),
];

/** A check on every instance at once; how many of them ran one. */
const checkOnAll = async () =>
  (await Promise.all(t.instances.map(({ jobs }) => jobs.runNow('sla-monitor')))).filter(Boolean).length;

/** Urgent work orders taken through the instances in turn: due four hours later. */
async function urgentOrders(count: number) {
  const ids: string[] = [];
  for (let n = 0; n < count; n += 1) {
    const customer = await createCustomer(t, { areaCode: '31.74.07' });
    const instance = t.instances[n % t.instances.length];
    const response = await instance?.app.inject({
      method: 'POST',
      url: '/api/v1/work-orders',
      headers: { authorization: `Bearer ${agent.token}` },
      payload: { customerId: customer.id, complaint: 'AC mati total', serviceType: 'home_visit', priority: 'urgent' },
    });
    ids.push(response?.json<{ id: string }>().id ?? '');
  }
  return ids;
}

/** Per work order: whether it is flagged, its `work_order.updated` events, and its SLA notices by recipient. */
async function breachRecords(ids: string[]) {
  const flagged = await db.selectFrom('work_order').select(['id', 'slaBreachedAt']).where('id', 'in', ids).execute();
  const events = await db
    .selectFrom('outbox_event')
    .select('workOrderId')
    .where('type', '=', 'work_order.updated')
    .where('workOrderId', 'in', ids)
    .execute();
  const notices = await db
    .selectFrom('notification')
    .select(['workOrderId', 'recipientId'])
    .where('title', 'like', 'SLA%')
    .where('workOrderId', 'in', ids)
    .execute();
  return ids.map((id) => ({
    flagged: flagged.find((row) => row.id === id)?.slaBreachedAt !== null,
    events: events.filter((row) => row.workOrderId === id).length,
    noticed: notices
      .filter((row) => row.workOrderId === id)
      .map((row) => row.recipientId)
      .sort(),
  }));
}

const oncePerBreach = () => ({ flagged: true, events: 1, noticed: supervisors.map((s) => s.id).sort() });

describe('the SLA check on three instances', () => {
  it('flags each breach once, with one event and one notice per supervisor, from one instance per pass', async () => {
    // The checks each instance made as it started have settled.
    await checkOnAll();
    const ids = await urgentOrders(4);
    clock.advanceSeconds(4 * 3600 + 1);
    expect(await checkOnAll()).toBe(1);
    expect(await checkOnAll()).toBe(1);
    expect(await breachRecords(ids)).toEqual(ids.map(oncePerBreach));
  });

  it('flags once even when checks overlap, as when a holder lost its lease without knowing', async () => {
    const ids = await urgentOrders(4);
    clock.advanceSeconds(4 * 3600 + 1);
    const { reports } = t.services;
    const flagged = await Promise.all([reports.flagBreaches(), reports.flagBreaches(), reports.flagBreaches()]);
    expect(flagged.reduce((sum, n) => sum + n, 0)).toBe(4);
    expect(await breachRecords(ids)).toEqual(ids.map(oncePerBreach));
  });

  it('takes over a check whose instance died mid-pass once its lease expires, and flags once', async () => {
    const ids = await urgentOrders(2);
    clock.advanceSeconds(4 * 3600 + 1);
    // Another instance claimed the check as these fell due and died: its lease is never renewed.
    const leaseSeconds = 60;
    await db
      .updateTable('job_lease')
      .set({ holder: 'instance-that-died', expiresAt: toIso(addSeconds(clock.now(), leaseSeconds)) })
      .where('name', '=', 'sla-monitor')
      .execute();
    expect(await checkOnAll()).toBe(0);
    expect((await breachRecords(ids)).map((record) => record.flagged)).toEqual([false, false]);

    clock.advanceSeconds(leaseSeconds);
    expect(await checkOnAll()).toBe(1);
    expect(await breachRecords(ids)).toEqual(ids.map(oncePerBreach));
    const lease = await db.selectFrom('job_lease').selectAll().where('name', '=', 'sla-monitor').executeTakeFirst();
    expect(t.instances.map(({ jobs }) => jobs.instanceId)).toContain(lease?.holder);
  });
});
