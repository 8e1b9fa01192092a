import { describe, expect, it } from 'vitest';
import { buildTestApp, createBranch, createCustomer, createUser, createWorkOrder } from '../../../test/app';
import { createServices } from '../../services';

const t = await buildTestApp();
const branch = await createBranch(t, ['31']);
const agent = await createUser(t, 'agent');
const technician = await createUser(t, 'technician', { branchId: branch.id });
const actor = {
  id: agent.id,
  employeeNo: agent.employeeNo,
  name: agent.name,
  role: 'agent' as const,
  branchId: null,
  sessionId: '',
};

const outboxFor = (workOrderId: string) =>
  t.database.db
    .selectFrom('outbox_event')
    .select(['type'])
    .where('workOrderId', '=', workOrderId)
    .orderBy('id')
    .execute();

describe('the outbox', () => {
  it('holds the event of a change exactly when the change committed', async () => {
    const order = await createWorkOrder(t, agent, { customerId: (await createCustomer(t)).id });
    expect(await outboxFor(order.id)).toEqual([{ type: 'work_order.created' }]);

    // The same services, except that notifying the technician fails after the work order
    // row, its history and its event have been written in the transaction.
    const base = createServices({ db: t.database.db, config: t.config, clock: { now: () => new Date() } });
    let committed = 0;
    const failing = createServices({
      db: t.database.db,
      config: t.config,
      clock: { now: () => new Date() },
      onCommitted: () => {
        committed += 1;
      },
    });
    Object.assign(failing.notifications, {
      createInTransaction: async () => {
        throw new Error('mail room on fire');
      },
    });
    await expect(
      failing.workOrders.transition(actor, order.id, { action: 'assign', technicianId: technician.id }, undefined),
    ).rejects.toThrow('mail room on fire');

    expect(await outboxFor(order.id)).toEqual([{ type: 'work_order.created' }]);
    const detail = await base.workOrders.getWorkOrder(actor, order.id);
    expect(detail).toMatchObject({ status: 'new', technicianId: null, version: 1 });
    expect(detail.history.map((h) => h.action)).toEqual(['create']);
    expect(committed).toBe(0);

    await base.workOrders.transition(actor, order.id, { action: 'assign', technicianId: technician.id }, undefined);
    expect(await outboxFor(order.id)).toEqual([{ type: 'work_order.created' }, { type: 'work_order.updated' }]);
  });
});
