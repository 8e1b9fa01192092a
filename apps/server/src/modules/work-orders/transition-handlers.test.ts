import { type WorkOrderAction, type WorkOrderPart, workOrderActions } from '@purnajual/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { createManualClock, signaturePng } from '../../../test/app';
import { createTestDatabase } from '../../../test/database';
import { workOrderRow } from '../../../test/work-order-row';
import { AppError } from '../../errors';
import type { Actor } from '../../platform/actor';
import { addSeconds, toIso } from '../../platform/clock';
import type { UserRow } from '../users/users.repository';
import {
  type CommittedStep,
  createTransitionHandlers,
  type TransitionBodyOf,
  type TransitionStep,
} from './transition-handlers';
import type { WorkOrderRow } from './work-orders.repository';

/*
 * The table of per-action handlers, each on its own: what an action changes besides the
 * status, what it refuses, and what else it writes in its transaction, in order. The
 * route tests take the same actions through the whole service on a real database.
 */

const clock = createManualClock();
const createdAt = clock.now();
const now = addSeconds(createdAt, 3600);
// The handlers hand the transaction on to the services they call, and look up the technician's
// other appointments in it: an empty database has none.
const standIn = await createTestDatabase({ dialect: 'sqlite' });
afterAll(() => standIn.dispose());

const actorOf = (role: Actor['role'], id: string, branchId: string | null = 'branch-1'): Actor => ({
  id,
  employeeNo: id,
  role,
  branchId,
  name: id,
  sessionId: 'session-1',
});
const agent = actorOf('agent', 'agent-1', null);
const technician = actorOf('technician', 'tech-1');

function technicianRow(id: string, branchId: string): UserRow {
  const at = toIso(createdAt);
  const base = { employeeNo: id, phone: null, email: null, externalId: null, version: 1, createdAt: at, updatedAt: at };
  return { ...base, id, name: `Teknisi ${id}`, role: 'technician', branchId, active: 1 };
}

const partsUsed: WorkOrderPart[] = [
  { partId: 'part-1', partNo: 'AC-CAP-35UF', name: 'Kapasitor', quantity: 1, unitPrice: 45000 },
];

/** The handler table on fakes that record, in order, what the handlers ask of the other modules. */
function setUp() {
  const calls: string[] = [];
  const technicians = new Map([
    ['tech-1', technicianRow('tech-1', 'branch-1')],
    ['tech-2', technicianRow('tech-2', 'branch-2')],
  ]);
  const handlers = createTransitionHandlers({
    slaHours: { urgent: 4, high: 24, normal: 48, low: 72 },
    users: { findActiveTechnician: async (id) => technicians.get(id) },
    images: { readSignature: async () => Buffer.from('png') },
    notifications: {
      createInTransaction: async (_trx, items) => {
        calls.push(...items.map((item) => `notify ${item.recipientId}: ${item.title}`));
      },
    },
    stock: {
      useOnWorkOrder: async (_trx, use) => {
        calls.push(`use ${use.lines.length} part line(s) from ${use.technicianId}`);
      },
      reverseWorkOrderUse: async () => {
        calls.push('reverse parts');
      },
      findPartsUsed: async () => (calls.includes('reverse parts') ? [] : partsUsed),
    },
    overpayments: {
      recordPartsReturned: async (_trx, change) => {
        calls.push(`owe back: ${change.before.partsUsed.length} → ${change.after.partsUsed.length} line(s)`);
      },
    },
    contact: {
      notifyCustomer: async (_trx, kind) => {
        calls.push(`tell customer ${kind}`);
      },
    },
    db: standIn.db,
    bill: {
      assertApprovalCurrent: async () => undefined,
      closeNote: async (_actor, _row, overrideReason) =>
        overrideReason === undefined ? null : `Closed with Rp 45000 unpaid: ${overrideReason}`,
    },
  });
  return { calls, handlers };
}

const step = <A extends WorkOrderAction>(
  body: TransitionBodyOf<A>,
  row: WorkOrderRow = workOrderRow(createdAt),
  actor: Actor = agent,
): TransitionStep<A> => ({ actor, row, body, now });

const committed = <A extends WorkOrderAction>(of: TransitionStep<A>): CommittedStep<A> => ({
  ...of,
  trx: standIn.db,
  after: { ...of.row, technicianId: 'tech-1', technicianName: 'Teknisi tech-1' },
  at: toIso(of.now),
});

const repairing = workOrderRow(createdAt, {
  status: 'in_progress',
  technicianId: 'tech-1',
  repairSeconds: 600,
  inProgressSince: toIso(addSeconds(now, -900)),
});

describe('the transition handlers', () => {
  it('have one handler for every action of the status machine', () => {
    expect(Object.keys(setUp().handlers).sort()).toEqual([...workOrderActions].sort());
  });

  it('assign: to an active technician, a supervisor to one of their branch, keeping the first assignment time', async () => {
    const { assign } = setUp().handlers;
    const first = await assign.changes(step({ action: 'assign', technicianId: 'tech-1' }));
    expect(first).toEqual({
      patch: { technicianId: 'tech-1', firstAssignedAt: toIso(now) },
      note: '→ Teknisi tech-1',
    });
    const earlier = toIso(createdAt);
    const again = await assign.changes(
      step(
        { action: 'assign', technicianId: 'tech-2', note: 'Ganti teknisi' },
        workOrderRow(createdAt, { firstAssignedAt: earlier }),
      ),
    );
    expect(again).toEqual({ patch: { technicianId: 'tech-2', firstAssignedAt: earlier }, note: 'Ganti teknisi' });

    const supervisor = actorOf('supervisor', 'supervisor-1', 'branch-1');
    for (const [technicianId, message] of [
      ['tech-2', 'is not a technician of your branch'],
      ['nobody', 'is not an active technician'],
    ] as const) {
      const refused = assign.changes(step({ action: 'assign', technicianId }, undefined, supervisor));
      await expect(refused).rejects.toMatchObject({
        code: 'validation_failed',
        errors: [{ path: 'body.technicianId', message }],
      });
    }
  });

  it('assign and claim tell the technician and the customer; depart tells the customer', async () => {
    const { calls, handlers } = setUp();
    await handlers.assign.inTransaction?.(committed(step({ action: 'assign', technicianId: 'tech-1' })));
    await handlers.claim.inTransaction?.(committed(step({ action: 'claim' }, undefined, technician)));
    await handlers.depart.inTransaction?.(committed(step({ action: 'depart' }, undefined, technician)));
    expect(calls).toEqual([
      'notify tech-1: Order kerja baru: WO-0001-000001',
      'tell customer technician_assigned',
      'tell customer technician_assigned',
      'tell customer technician_on_the_way',
    ]);
  });

  it('claim and decline: the technician takes the work order, or gives it back with a reason', async () => {
    const { claim, decline } = setUp().handlers;
    expect(await claim.changes(step({ action: 'claim' }, undefined, technician))).toEqual({
      patch: { technicianId: 'tech-1', firstAssignedAt: toIso(now) },
      note: null,
    });
    const declined = await decline.changes(step({ action: 'decline', reason: 'Di luar area' }, repairing, technician));
    expect(declined).toEqual({ patch: { technicianId: null }, note: 'Di luar area' });
  });

  it('schedule: within a working day, from now on', async () => {
    const { schedule } = setUp().handlers;
    const at = (hours: number) => toIso(addSeconds(now, hours * 3600));
    const planned = await schedule.changes(
      step({ action: 'schedule', appointmentStart: at(2), appointmentEnd: at(4) }),
    );
    expect(planned.patch).toEqual({ appointmentStart: at(2), appointmentEnd: at(4) });
    const tooLong = schedule.changes(step({ action: 'schedule', appointmentStart: at(2), appointmentEnd: at(15) }));
    await expect(tooLong).rejects.toMatchObject({ errors: [{ path: 'body.appointmentEnd' }] });
    const past = schedule.changes(step({ action: 'schedule', appointmentStart: at(-1), appointmentEnd: at(1) }));
    await expect(past).rejects.toBeInstanceOf(AppError);
  });

  it('start runs the repair timer; hold, complete and cancel stop it and keep the time', async () => {
    const { handlers } = setUp();
    const onHold = workOrderRow(createdAt, {
      status: 'on_hold',
      holdReason: 'waiting_part',
      startCount: 1,
      firstStartedAt: toIso(createdAt),
    });
    expect((await handlers.start.changes(step({ action: 'start' }, onHold, technician))).patch).toEqual({
      inProgressSince: toIso(now),
      holdReason: null,
      firstStartedAt: toIso(createdAt),
      startCount: 2,
    });
    const stopped = { repairSeconds: 1500, inProgressSince: null };
    const held = await handlers.hold.changes(
      step({ action: 'hold', reason: 'customer_absent' }, repairing, technician),
    );
    expect(held).toEqual({ patch: { ...stopped, holdReason: 'customer_absent' }, note: null });
    const cancelled = await handlers.cancel.changes(step({ action: 'cancel', reason: 'Batal' }, repairing));
    expect(cancelled).toEqual({ patch: stopped, note: 'Batal' });
    const report = { diagnosis: 'Kapasitor lemah', actionTaken: 'Ganti kapasitor', result: 'fixed' as const };
    const completed = await handlers.complete.changes(
      step({ action: 'complete', ...report, signature: signaturePng }, repairing, technician),
    );
    expect(completed.patch).toMatchObject({ ...stopped, ...report, completedAt: toIso(now) });
    expect(completed.patch.signatureFile).toMatch(/^signatures\/.+\.png$/);
    expect(completed.file).toEqual({ name: completed.patch.signatureFile, content: Buffer.from('png') });
  });

  it('complete invites the customer to the survey, then takes the parts fitted from the bag', async () => {
    const { calls, handlers } = setUp();
    const body = {
      action: 'complete',
      diagnosis: 'd',
      actionTaken: 'a',
      result: 'fixed',
      signature: signaturePng,
    } as const;
    await handlers.complete.inTransaction?.(committed(step(body, repairing, technician)));
    await handlers.complete.inTransaction?.(
      committed(step({ ...body, partsUsed: [{ partId: 'part-1', quantity: 1 }] }, repairing, technician)),
    );
    expect(calls).toEqual([
      'tell customer survey_invitation',
      'tell customer survey_invitation',
      'use 1 part line(s) from tech-1',
    ]);
  });

  it('cancel and reopen put the parts back and record what is owed back for them', async () => {
    const cancel = setUp();
    await cancel.handlers.cancel.inTransaction?.(committed(step({ action: 'cancel', reason: 'Batal' })));
    const reopen = setUp();
    await reopen.handlers.reopen.inTransaction?.(committed(step({ action: 'reopen', reason: 'Masih bocor' })));
    for (const { calls } of [cancel, reopen]) expect(calls).toEqual(['reverse parts', 'owe back: 1 → 0 line(s)']);
  });

  it('reopen starts a new SLA cycle and counts the reopening', async () => {
    const { reopen } = setUp().handlers;
    const closed = workOrderRow(createdAt, { status: 'closed', completedAt: toIso(createdAt), reopenCount: 1 });
    expect(await reopen.changes(step({ action: 'reopen', reason: 'Masih bocor' }, closed))).toEqual({
      patch: {
        completedAt: null,
        reopenCount: 2,
        reopenedAt: toIso(now),
        slaDueAt: toIso(addSeconds(now, 48 * 3600)),
        slaBreachedAt: null,
        slaMissCount: 0,
      },
      note: 'Masih bocor',
    });
  });

  it('close records the override of an unpaid balance; accept changes nothing but the status', async () => {
    const { handlers } = setUp();
    expect(await handlers.close.changes(step({ action: 'close' }))).toEqual({ patch: {}, note: null });
    const overridden = await handlers.close.changes(step({ action: 'close', overrideReason: 'Dibayar besok' }));
    expect(overridden.note).toBe('Closed with Rp 45000 unpaid: Dibayar besok');
    expect(await handlers.accept.changes(step({ action: 'accept' }, undefined, technician))).toEqual({
      patch: {},
      note: null,
    });
  });
});
