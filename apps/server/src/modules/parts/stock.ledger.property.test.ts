import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTestApp, createBranch, createCustomer, createUser, createWorkOrder } from '../../../test/app';
import { createPart, ledgerAgainstLevels, locationOf } from '../../../test/parts';
import { AppError } from '../../errors';
import type { Actor } from '../../platform/actor';

/*
 * A random sequence of stock operations, run through the services against a model of
 * what each should do. After the sequence, every location holds what the model says,
 * nothing is below zero, and the ledger adds up to the quantities on hand.
 */

const t = await buildTestApp();
const { services, database } = t;
const branch = await createBranch(t, ['31']);
const agent = await createUser(t, 'agent');
const clerkUser = await createUser(t, 'warehouse', { branchId: branch.id });
const supervisor = await createUser(t, 'supervisor', { branchId: branch.id });
const technicianUsers = await Promise.all(
  Array.from({ length: 3 }, () => createUser(t, 'technician', { branchId: branch.id })),
);
const toActor = (user: {
  id: string;
  employeeNo: string;
  name: string;
  role: Actor['role'];
  branchId: string | null;
}) => ({
  id: user.id,
  employeeNo: user.employeeNo,
  name: user.name,
  role: user.role,
  branchId: user.branchId,
  sessionId: '',
});
const clerk = toActor(clerkUser);
const technicians = technicianUsers.map(toActor);

const parts = [
  await createPart(t, clerkUser, { price: 45_000 }),
  await createPart(t, clerkUser, { price: 850_000, mustReturnDefective: true }),
  await createPart(t, clerkUser, { price: 150_000, returnable: false }),
  await createPart(t, clerkUser, { price: 12_000 }),
];
const warehouseId = await locationOf(t, clerkUser, branch.id);
const binId = await locationOf(t, clerkUser, branch.id, 'defective');
const bagIds = await Promise.all(technicians.map(async (tech) => (await services.stock.getBag(tech)).location.id));
/** Limits: one by count, one by value, one without. */
const limits: { maxItems: number | null; maxValue: number | null }[] = [
  { maxItems: 12, maxValue: null },
  { maxItems: null, maxValue: 1_500_000 },
  { maxItems: null, maxValue: null },
];
for (const [index, tech] of technicians.entries()) {
  const values = limits[index] ?? { maxItems: null, maxValue: null };
  await services.stock.setTechnicianLimits(toActor({ ...supervisor, role: 'admin' }), tech.id, values);
}
const customer = await createCustomer(t, { areaCode: '31.74.07' });
const workOrderIds = (
  await Promise.all(Array.from({ length: 2 }, () => createWorkOrder(t, agent, { customerId: customer.id })))
).map((order) => order.id);

type Operation =
  | { kind: 'receive'; part: number; quantity: number }
  | { kind: 'issue'; tech: number; part: number; quantity: number }
  | { kind: 'return'; tech: number; part: number; quantity: number; condition: 'unused' | 'defective' }
  | { kind: 'use'; tech: number; order: number; part: number; quantity: number }
  | { kind: 'reverse'; order: number }
  | { kind: 'core'; tech: number; order: number; part: number; quantity: number };

const index = (n: number) => fc.integer({ min: 0, max: n - 1 });
const quantity = fc.integer({ min: 1, max: 6 });
const order = index(2);
/** Weighted so that every kind of movement, and every refusal, happens many times. */
const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('receive' as const),
      part: index(parts.length),
      quantity: fc.integer({ min: 1, max: 15 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('issue' as const), tech: index(3), part: index(parts.length), quantity }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('return' as const),
      tech: index(3),
      part: index(parts.length),
      quantity,
      condition: fc.constantFrom('unused' as const, 'defective' as const),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('use' as const),
      tech: index(3),
      order,
      part: index(parts.length),
      quantity,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverse' as const), order }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('core' as const),
      tech: index(3),
      order,
      part: index(parts.length),
      quantity: fc.integer({ min: 1, max: 2 }),
    }),
  },
);

/** What the stock should be: units per location and part, and the uses not yet reversed. */
function createModel() {
  const levels = new Map<string, number>();
  const key = (locationId: string, part: number) => `${locationId}/${parts[part]?.id}`;
  const get = (locationId: string, part: number) => levels.get(key(locationId, part)) ?? 0;
  const add = (locationId: string, part: number, delta: number) =>
    levels.set(key(locationId, part), get(locationId, part) + delta);
  /** Active uses: order → tech → part → units. */
  const uses: { order: number; tech: number; part: number; quantity: number }[] = [];
  /** Defective parts replaced and returned so far, per tech/order/part. */
  const cores = new Map<string, number>();
  const bagUsage = (tech: number) => {
    let items = 0;
    let value = 0;
    parts.forEach((part, p) => {
      const units = get(bagIds[tech] ?? '', p);
      items += units;
      value += units * part.price;
    });
    return { items, value };
  };

  /** The error code the operation should fail with, or null; applies it when it succeeds. */
  function apply(op: Operation): string | null {
    switch (op.kind) {
      case 'receive':
        add(warehouseId, op.part, op.quantity);
        return null;
      case 'issue': {
        const bag = bagIds[op.tech] ?? '';
        const limit = limits[op.tech] ?? { maxItems: null, maxValue: null };
        const usage = bagUsage(op.tech);
        const price = parts[op.part]?.price ?? 0;
        if (limit.maxItems !== null && usage.items + op.quantity > limit.maxItems) return 'part_limit_exceeded';
        if (limit.maxValue !== null && usage.value + op.quantity * price > limit.maxValue) return 'part_limit_exceeded';
        if (get(warehouseId, op.part) < op.quantity) return 'insufficient_stock';
        add(warehouseId, op.part, -op.quantity);
        add(bag, op.part, op.quantity);
        return null;
      }
      case 'return': {
        const bag = bagIds[op.tech] ?? '';
        if (op.condition === 'unused' && !parts[op.part]?.returnable) return 'validation_failed';
        if (get(bag, op.part) < op.quantity) return 'insufficient_stock';
        add(bag, op.part, -op.quantity);
        add(op.condition === 'unused' ? warehouseId : binId, op.part, op.quantity);
        return null;
      }
      case 'use': {
        const bag = bagIds[op.tech] ?? '';
        if (get(bag, op.part) < op.quantity) return 'insufficient_stock';
        add(bag, op.part, -op.quantity);
        uses.push({ order: op.order, tech: op.tech, part: op.part, quantity: op.quantity });
        return null;
      }
      case 'reverse': {
        for (let i = uses.length - 1; i >= 0; i -= 1) {
          const use = uses[i];
          if (use?.order !== op.order) continue;
          add(bagIds[use.tech] ?? '', use.part, use.quantity);
          uses.splice(i, 1);
        }
        return null;
      }
      case 'core': {
        const coreKey = `${op.tech}/${op.order}/${op.part}`;
        const used = uses
          .filter((u) => u.tech === op.tech && u.order === op.order && u.part === op.part)
          .reduce((sum, u) => sum + u.quantity, 0);
        if (used - (cores.get(coreKey) ?? 0) < op.quantity) return 'validation_failed';
        cores.set(coreKey, (cores.get(coreKey) ?? 0) + op.quantity);
        add(binId, op.part, op.quantity);
        return null;
      }
    }
  }
  return { apply, levels };
}

/** Runs the operation through the services; returns the error code, or null on success. */
async function run(op: Operation, at: () => string): Promise<string | null> {
  const part = parts[op.kind === 'reverse' ? 0 : op.part];
  const tech = technicians['tech' in op ? op.tech : 0];
  if (!part || !tech) throw new Error('bad operation');
  const line = { partId: part.id, quantity: 'quantity' in op ? op.quantity : 1 };
  try {
    switch (op.kind) {
      case 'receive':
        await services.stock.receive(clerk, { locationId: warehouseId, lines: [line], reference: 'SJ-1' });
        break;
      case 'issue': {
        const request = await services.partRequests.createRequest(tech, { lines: [line] });
        await services.partRequests.transitionRequest(clerk, request.id, { action: 'approve' }, undefined);
        await services.partRequests.transitionRequest(clerk, request.id, { action: 'issue' }, undefined);
        break;
      }
      case 'return': {
        const created = await services.partRequests.createReturn(tech, {
          lines: [{ ...line, condition: op.condition }],
        });
        await services.partRequests.transitionReturn(clerk, created.id, { action: 'receive' }, undefined);
        break;
      }
      case 'use':
        await database.db.transaction().execute((trx) =>
          services.stock.useOnWorkOrder(trx, {
            workOrderId: workOrderIds[op.order] ?? '',
            technicianId: tech.id,
            lines: [line],
            at: at(),
          }),
        );
        break;
      case 'reverse':
        await database.db.transaction().execute((trx) =>
          services.stock.reverseWorkOrderUse(trx, {
            workOrderId: workOrderIds[op.order] ?? '',
            actorId: clerk.id,
            at: at(),
          }),
        );
        break;
      case 'core': {
        const created = await services.partRequests.createReturn(tech, {
          lines: [{ ...line, condition: 'defective', workOrderId: workOrderIds[op.order] ?? '' }],
        });
        await services.partRequests.transitionReturn(clerk, created.id, { action: 'receive' }, undefined);
        break;
      }
    }
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

async function resetStock() {
  const db = database.db;
  for (const table of [
    'stock_ledger_entry',
    'stock_level',
    'work_order_part',
    'part_request_line',
    'part_request',
    'part_return_line',
    'part_return',
  ] as const) {
    await db.deleteFrom(table).execute();
  }
}

describe('the stock ledger', () => {
  it('adds up to the quantities on hand after 1,000 random operations, and none goes below zero', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1000, maxLength: 1000 }), async (operations) => {
        await resetStock();
        const model = createModel();
        let tick = Date.parse('2026-11-28T00:00:00.000Z');
        const at = () => {
          tick += 1000;
          return new Date(tick).toISOString();
        };
        for (const [step, op] of operations.entries()) {
          const expected = model.apply(op);
          expect(await run(op, at), `operation ${step}: ${JSON.stringify(op)}`).toBe(expected);
        }
        const { fromLedger, onHand } = await ledgerAgainstLevels(t);
        expect(fromLedger).toEqual(onHand);
        for (const [key, units] of model.levels) expect(onHand.get(key) ?? 0, key).toBe(units);
        for (const [key, units] of onHand) expect(model.levels.get(key) ?? 0, key).toBe(units);
        expect([...onHand.values()].every((units) => units >= 0)).toBe(true);
      }),
      { numRuns: 1 },
    );
  }, 120_000);
});
