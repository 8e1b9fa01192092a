import type { WorkOrderDetail } from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createCustomer,
  createManualClock,
  createUser,
  createWorkOrder,
  problemOf,
} from '../../../test/app';
import { addSeconds, toIso } from '../../platform/clock';

/*
 * A technician is in one place at a time: an appointment over another of theirs is refused,
 * naming the other work order, unless a supervisor books it anyway with a reason.
 */

const clock = createManualClock();
const t = await buildTestApp({ clock });
const { app } = t;
const branch = await createBranch(t, ['31']);
const agent = await createUser(t, 'agent');
const supervisor = await createUser(t, 'supervisor', { branchId: branch.id });
const technician = await createUser(t, 'technician', { branchId: branch.id });
const colleague = await createUser(t, 'technician', { branchId: branch.id });

type Caller = { token: string };
const step = (caller: Caller, id: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/v1/work-orders/${id}/transitions`, headers: bearer(caller.token), payload });

/** Hours from the test's now, as the API takes them. */
const at = (hours: number) => toIso(addSeconds(clock.now(), hours * 3600));
const window = (from: number, to: number) => ({ appointmentStart: at(from), appointmentEnd: at(to) });

/** A work order the technician has accepted, not yet booked. */
async function acceptedBy(assignee: Caller & { id: string }) {
  const customer = await createCustomer(t);
  const order = await createWorkOrder(t, agent, { customerId: customer.id });
  await step(agent, order.id, { action: 'assign', technicianId: assignee.id });
  await step(assignee, order.id, { action: 'accept' });
  return order;
}

describe('appointments', () => {
  it('refuse one over another of the same technician (409 appointment_conflict), naming the other', async () => {
    const first = await acceptedBy(technician);
    const booked = await step(technician, first.id, { action: 'schedule', ...window(24, 26) });
    expect(booked.statusCode, booked.body).toBe(200);
    const firstNumber = booked.json<WorkOrderDetail>().number;

    const second = await acceptedBy(technician);
    const refused = await step(agent, second.id, { action: 'schedule', ...window(25, 27) });
    expect(refused.statusCode).toBe(409);
    expect(problemOf(refused)).toMatchObject({
      code: 'appointment_conflict',
      conflictingWorkOrder: { id: first.id, number: firstNumber, ...window(24, 26) },
    });
    expect(problemOf(refused).detail).toContain(firstNumber);
    const unchanged = await app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/${second.id}`,
      headers: bearer(agent.token),
    });
    expect(unchanged.json<WorkOrderDetail>()).toMatchObject({ status: 'accepted', appointmentStart: null });

    // Back to back is no overlap, and the technician may move their own appointment within itself.
    expect((await step(agent, second.id, { action: 'schedule', ...window(26, 28) })).statusCode).toBe(200);
    expect((await step(technician, first.id, { action: 'schedule', ...window(23, 26) })).statusCode).toBe(200);
  });

  it("leave other technicians' time and work orders no longer open alone", async () => {
    const mine = await acceptedBy(technician);
    await step(technician, mine.id, { action: 'schedule', ...window(48, 50) });
    const theirs = await acceptedBy(colleague);
    expect((await step(colleague, theirs.id, { action: 'schedule', ...window(48, 50) })).statusCode).toBe(200);

    await step(agent, mine.id, { action: 'cancel', reason: 'Pelanggan membatalkan' });
    const next = await acceptedBy(technician);
    expect((await step(technician, next.id, { action: 'schedule', ...window(48, 50) })).statusCode).toBe(200);
  });

  it('refuse giving a booked work order to a technician taken at that time', async () => {
    const mine = await acceptedBy(technician);
    await step(technician, mine.id, { action: 'schedule', ...window(72, 74) });
    const theirs = await acceptedBy(colleague);
    await step(colleague, theirs.id, { action: 'schedule', ...window(73, 75) });

    const refused = await step(agent, theirs.id, { action: 'assign', technicianId: technician.id });
    expect(problemOf(refused)).toMatchObject({ code: 'appointment_conflict', conflictingWorkOrder: { id: mine.id } });
    const byAgent = await step(agent, theirs.id, {
      action: 'assign',
      technicianId: technician.id,
      overrideReason: 'Pelanggan VIP',
    });
    expect(byAgent.statusCode).toBe(403);
    expect(problemOf(byAgent).errors?.map((error) => error.path)).toEqual(['body.overrideReason']);
  });

  it("take a supervisor's override with a reason, which the history keeps", async () => {
    const mine = await acceptedBy(technician);
    const booked = await step(technician, mine.id, { action: 'schedule', ...window(96, 98) });
    const mineNumber = booked.json<WorkOrderDetail>().number;
    const urgent = await acceptedBy(technician);
    const overridden = await step(supervisor, urgent.id, {
      action: 'schedule',
      ...window(97, 99),
      overrideReason: 'Unit medis, harus hari ini',
    });
    expect(overridden.statusCode, overridden.body).toBe(200);
    expect(overridden.json<WorkOrderDetail>().history.at(-1)?.note).toBe(
      `Booked over ${mineNumber}: Unit medis, harus hari ini`,
    );
    const byTechnician = await step(technician, urgent.id, {
      action: 'schedule',
      ...window(97, 99),
      overrideReason: 'Saya bisa',
    });
    expect(byTechnician.statusCode).toBe(403);
  });

  it('let only one of two overlapping bookings at once through', async () => {
    const [one, other] = [await acceptedBy(colleague), await acceptedBy(colleague)];
    const answers = await Promise.all([
      step(colleague, one.id, { action: 'schedule', ...window(120, 122) }),
      step(colleague, other.id, { action: 'schedule', ...window(121, 123) }),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
  });
});
