/*
 * The people of one branch at work while the fault injector breaks things: call-center
 * agents take complaints and assign them, technicians take each work order through the
 * status table, use and return parts and take payment, the warehouse issues parts and
 * receives returns and deliveries. Every acknowledged change is written down here, with
 * its idempotency key, for the checks at the end.
 */
import type {
  Inventory,
  PartRequest,
  PartReturn,
  StockItem,
  WorkOrderAction,
  WorkOrderBilling,
  WorkOrderDetail,
  WorkOrderTransitionBody,
} from '@purnajual/contract';
import { appointmentSlot } from './load-scenarios';
import { sleep } from './private-services';
import type { Answer, RetryingClient } from './retrying-client';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A 1×1 PNG: the customer's signature. */
const signature =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** What the clients were told happened; the checks hold the database to it. */
export interface Acknowledged {
  /** Idempotency key of each acknowledged intake → the work order. */
  workOrders: Map<string, string>;
  /** Per work order, the transitions acknowledged, in order. */
  transitions: Map<string, WorkOrderAction[]>;
  /** Per work order, the ids of the payments acknowledged. */
  payments: Map<string, string[]>;
  /** Key of each acknowledged part request → its id. */
  partRequests: Map<string, string>;
  /** Per part request, its number of lines (the technician's acknowledged request). */
  partRequestLines: Map<string, number>;
  /**
   * Per part request, its status as the warehouse's last acknowledged transition left it.
   * Kept apart from the lines: the warehouse may act on a request before the technician
   * has the answer to creating it.
   */
  partRequestStatus: Map<string, string>;
  partReturns: Map<string, string>;
  partReturnLines: Map<string, number>;
  partReturnStatus: Map<string, string>;
  /** Key (the receipt's reference) of each acknowledged goods receipt → its number of lines. */
  receipts: Map<string, number>;
  /** Keys of mutations refused for good: none of them may have left a trace. */
  refusedKeys: Set<string>;
  /** Refusals no retry of an applied change may cause: the client alone acts on the record. */
  unexpectedRefusals: string[];
}

export const newAcknowledged = (): Acknowledged => ({
  workOrders: new Map(),
  transitions: new Map(),
  payments: new Map(),
  partRequests: new Map(),
  partRequestLines: new Map(),
  partRequestStatus: new Map(),
  partReturns: new Map(),
  partReturnLines: new Map(),
  partReturnStatus: new Map(),
  receipts: new Map(),
  refusedKeys: new Set(),
  unexpectedRefusals: [],
});

export interface Person {
  id: string;
  name: string;
  client: RetryingClient;
}

export interface LoadContext {
  acknowledged: Acknowledged;
  isStopping: () => boolean;
  /** Random 0..1; the run's seeded generator. */
  random: () => number;
  customers: { id: string; productId: string }[];
  partIds: string[];
  warehouseLocationId: string;
}

interface Handoff {
  id: string;
  version: number;
}

const pick = <T>(items: readonly T[], random: () => number): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};

/** The work that flows between the roles: assigned to a technician, completed for closing. */
export class Dispatch {
  readonly queues = new Map<string, Handoff[]>();
  readonly toClose: Handoff[] = [];

  constructor(technicianIds: string[]) {
    for (const id of technicianIds) this.queues.set(id, []);
  }

  get backlog(): number {
    return [...this.queues.values()].reduce((sum, queue) => sum + queue.length, 0);
  }

  shortestQueue(): string {
    const [id] = [...this.queues.entries()].sort((a, b) => a[1].length - b[1].length)[0] ?? [''];
    return id;
  }
}

function rememberTransition(context: LoadContext, workOrderId: string, action: WorkOrderAction) {
  const list = context.acknowledged.transitions.get(workOrderId) ?? [];
  list.push(action);
  context.acknowledged.transitions.set(workOrderId, list);
}

/**
 * One transition of a work order that only this client is acting on: a refusal can only
 * mean that an earlier request was applied behind its back, so it is noted as unexpected.
 */
async function transition(
  context: LoadContext,
  person: Person,
  order: Handoff,
  body: WorkOrderTransitionBody,
): Promise<Answer<WorkOrderDetail>> {
  const answer = await person.client.mutate<WorkOrderDetail>(
    'POST',
    `/api/v1/work-orders/${order.id}/transitions`,
    () => body,
    order.version,
  );
  if (answer.status < 300) {
    rememberTransition(context, order.id, body.action);
    order.version = answer.body.version;
  } else {
    context.acknowledged.refusedKeys.add(answer.key);
    context.acknowledged.unexpectedRefusals.push(
      `${person.name}: ${body.action} of ${order.id} → ${answer.status} ${answer.code ?? ''}`,
    );
  }
  return answer;
}

const thinkTime = (context: LoadContext) => sleep(50 + context.random() * 150);

/** Takes complaints, assigns them, cancels a few, and closes the work orders paid for. */
export async function runAgent(context: LoadContext, agent: Person, dispatch: Dispatch, maxBacklog: number) {
  while (!context.isStopping()) {
    const completed = dispatch.toClose.shift();
    if (completed) {
      await transition(context, agent, completed, { action: 'close' });
      await thinkTime(context);
      continue;
    }
    if (dispatch.backlog >= maxBacklog) {
      await agent.client.read<Page<unknown>>('/api/v1/work-orders?open=true&limit=20');
      await sleep(300);
      continue;
    }
    const customer = pick(context.customers, context.random);
    const created = await agent.client.mutate<WorkOrderDetail>('POST', '/api/v1/work-orders', (key) => ({
      customerId: customer.id,
      customerProductId: customer.productId,
      complaint: `chaos ${key}`,
      serviceType: 'home_visit',
      priority: 'normal',
    }));
    if (created.status >= 300) {
      context.acknowledged.refusedKeys.add(created.key);
      context.acknowledged.unexpectedRefusals.push(`${agent.name}: intake → ${created.status} ${created.code ?? ''}`);
      continue;
    }
    context.acknowledged.workOrders.set(created.key, created.body.id);
    const order = { id: created.body.id, version: created.body.version };
    if (context.random() < 0.1) {
      await transition(context, agent, order, { action: 'cancel', reason: 'Pelanggan membatalkan (chaos)' });
      continue;
    }
    const technicianId = dispatch.shortestQueue();
    const assigned = await transition(context, agent, order, { action: 'assign', technicianId });
    if (assigned.status < 300) dispatch.queues.get(technicianId)?.push(order);
    await thinkTime(context);
  }
}

async function requestParts(context: LoadContext, technician: Person, workOrderId?: string) {
  const lines = [...new Set([pick(context.partIds, context.random), pick(context.partIds, context.random)])].map(
    (partId) => ({ partId, quantity: 1 }),
  );
  const answer = await technician.client.mutate<PartRequest>('POST', '/api/v1/part-requests', (key) => ({
    lines,
    note: `chaos ${key}`,
    ...(workOrderId === undefined ? {} : { workOrderId }),
  }));
  if (answer.status < 300) {
    context.acknowledged.partRequests.set(answer.key, answer.body.id);
    context.acknowledged.partRequestLines.set(answer.body.id, lines.length);
  } else {
    context.acknowledged.refusedKeys.add(answer.key);
  }
}

async function returnUnusedPart(context: LoadContext, technician: Person) {
  const bag = await technician.client.read<Inventory>('/api/v1/me/inventory');
  const returnable = bag.items.filter((item) => item.part.returnable && item.quantity > 0);
  if (returnable.length === 0) return;
  const item = pick(returnable, context.random);
  const answer = await technician.client.mutate<PartReturn>('POST', '/api/v1/part-returns', (key) => ({
    lines: [{ partId: item.part.id, quantity: 1, condition: 'unused' }],
    note: `chaos ${key}`,
  }));
  if (answer.status < 300) {
    context.acknowledged.partReturns.set(answer.key, answer.body.id);
    context.acknowledged.partReturnLines.set(answer.body.id, 1);
  } else {
    // Parts already promised to a return still waiting at the warehouse are not in the bag twice.
    context.acknowledged.refusedKeys.add(answer.key);
  }
}

async function settleBill(context: LoadContext, technician: Person, order: Handoff) {
  const detail = await technician.client.read<WorkOrderDetail>(`/api/v1/work-orders/${order.id}`);
  const { priceList } = detail.billing;
  const charged = await technician.client.mutate<WorkOrderBilling>(
    'PUT',
    `/api/v1/work-orders/${order.id}/charges`,
    () => ({ labor: priceList.laborOptions[0] ?? 0, transport: priceList.transport, discount: 0 }),
  );
  if (charged.status >= 300) {
    context.acknowledged.refusedKeys.add(charged.key);
    context.acknowledged.unexpectedRefusals.push(`${technician.name}: charges → ${charged.status} ${charged.code}`);
    return;
  }
  // The customer signs the bill first: a payment goes against their approval only.
  const approved = await technician.client.mutate<WorkOrderBilling>(
    'POST',
    `/api/v1/work-orders/${order.id}/approval`,
    () => ({ signature, approvedTotal: charged.body.total, name: 'Pelanggan chaos' }),
  );
  if (approved.status >= 300) {
    context.acknowledged.refusedKeys.add(approved.key);
    context.acknowledged.unexpectedRefusals.push(`${technician.name}: approval → ${approved.status} ${approved.code}`);
    return;
  }
  // The customer pays in one go, or part now and the rest by transfer.
  let balance = approved.body.balance;
  const parts =
    balance > 1 && context.random() < 0.5 ? [Math.floor(balance / 2), balance - Math.floor(balance / 2)] : [balance];
  for (const amount of parts) {
    if (amount <= 0) continue;
    const paid = await technician.client.mutate<{ payment: { id: string }; billing: WorkOrderBilling }>(
      'POST',
      `/api/v1/work-orders/${order.id}/payments`,
      (key) => (amount === balance ? { method: 'cash', amount } : { method: 'transfer', amount, reference: key }),
    );
    if (paid.status < 300) {
      const list = context.acknowledged.payments.get(order.id) ?? [];
      list.push(paid.body.payment.id);
      context.acknowledged.payments.set(order.id, list);
      balance = paid.body.billing.balance;
    } else {
      context.acknowledged.refusedKeys.add(paid.key);
      context.acknowledged.unexpectedRefusals.push(`${technician.name}: payment → ${paid.status} ${paid.code}`);
      return;
    }
  }
}

/** Visits booked so far: each takes a slot of its own, as a technician's earlier one may still be open. */
let bookings = 0;

/** One visit, from acceptance to payment. */
async function doWorkOrder(context: LoadContext, technician: Person, order: Handoff, dispatch: Dispatch) {
  const steps: WorkOrderTransitionBody[] = [
    { action: 'accept' },
    { action: 'schedule', ...appointmentSlot(bookings++) },
    { action: 'depart' },
    { action: 'start' },
  ];
  for (const step of steps) {
    if ((await transition(context, technician, order, step)).status >= 300) return;
    await thinkTime(context);
  }
  if (context.random() < 0.3) {
    if ((await transition(context, technician, order, { action: 'hold', reason: 'waiting_part' })).status >= 300)
      return;
    await requestParts(context, technician, order.id);
    if ((await transition(context, technician, order, { action: 'start' })).status >= 300) return;
  }
  const bag = await technician.client.read<Inventory>('/api/v1/me/inventory');
  const usable = bag.items.filter((item) => item.quantity > 0);
  const partsUsed =
    usable.length > 0 && context.random() < 0.5 ? [{ partId: pick(usable, context.random).part.id, quantity: 1 }] : [];
  const report = {
    diagnosis: 'Kapasitor lemah (chaos)',
    actionTaken: 'Ganti kapasitor, uji coba',
    result: 'fixed' as const,
    signature,
  };
  let completed = await technician.client.mutate<WorkOrderDetail>(
    'POST',
    `/api/v1/work-orders/${order.id}/transitions`,
    () => ({ action: 'complete', ...report, ...(partsUsed.length > 0 ? { partsUsed } : {}) }),
    order.version,
  );
  if (completed.status >= 300 && partsUsed.length > 0 && completed.code === 'insufficient_stock') {
    // The part left the bag meanwhile (a return): complete without it.
    context.acknowledged.refusedKeys.add(completed.key);
    completed = await technician.client.mutate<WorkOrderDetail>(
      'POST',
      `/api/v1/work-orders/${order.id}/transitions`,
      () => ({ action: 'complete', ...report }),
      order.version,
    );
  }
  if (completed.status >= 300) {
    context.acknowledged.refusedKeys.add(completed.key);
    context.acknowledged.unexpectedRefusals.push(
      `${technician.name}: complete of ${order.id} → ${completed.status} ${completed.code ?? ''}`,
    );
    return;
  }
  rememberTransition(context, order.id, 'complete');
  order.version = completed.body.version;
  await settleBill(context, technician, order);
  dispatch.toClose.push(order);
}

/** Works through the assigned work orders; between them, asks for parts and returns some. */
export async function runTechnician(context: LoadContext, technician: Person, dispatch: Dispatch) {
  const queue = dispatch.queues.get(technician.id) ?? [];
  while (!context.isStopping()) {
    const order = queue.shift();
    if (order) await doWorkOrder(context, technician, order, dispatch);
    else await technician.client.read<Page<unknown>>('/api/v1/work-orders?limit=20');
    if (context.random() < 0.25) await requestParts(context, technician);
    if (context.random() < 0.25) await returnUnusedPart(context, technician);
    await thinkTime(context);
  }
}

async function decidePartRequest(context: LoadContext, clerk: Person, request: PartRequest) {
  const path = `/api/v1/part-requests/${request.id}/transitions`;
  const status = context.acknowledged.partRequestStatus;
  const approved = await clerk.client.mutate<PartRequest>('POST', path, () => ({ action: 'approve' }), request.version);
  if (approved.status >= 300) {
    context.acknowledged.refusedKeys.add(approved.key);
    context.acknowledged.unexpectedRefusals.push(`${clerk.name}: approve ${request.id} → ${approved.status}`);
    return;
  }
  status.set(request.id, 'approved');
  const issued = await clerk.client.mutate<PartRequest>(
    'POST',
    path,
    () => ({ action: 'issue' }),
    approved.body.version,
  );
  if (issued.status < 300) {
    status.set(request.id, 'issued');
    return;
  }
  // Not enough on the shelf, or more than the technician may carry: a stable refusal.
  context.acknowledged.refusedKeys.add(issued.key);
  const rejected = await clerk.client.mutate<PartRequest>(
    'POST',
    path,
    () => ({ action: 'reject', reason: `Tidak dapat dikeluarkan: ${issued.code ?? issued.status}` }),
    approved.body.version,
  );
  if (rejected.status < 300) {
    status.set(request.id, 'rejected');
  } else {
    context.acknowledged.refusedKeys.add(rejected.key);
    context.acknowledged.unexpectedRefusals.push(`${clerk.name}: reject ${request.id} → ${rejected.status}`);
  }
}

/** Issues requested parts, receives returns, and books deliveries from suppliers. */
export async function runWarehouse(context: LoadContext, clerk: Person) {
  while (!context.isStopping()) {
    const requests = await clerk.client.read<Page<PartRequest>>('/api/v1/part-requests?status=requested&limit=20');
    for (const request of requests.items) {
      if (context.isStopping()) break;
      await decidePartRequest(context, clerk, request);
    }
    const returns = await clerk.client.read<Page<PartReturn>>('/api/v1/part-returns?status=submitted&limit=20');
    for (const partReturn of returns.items) {
      if (context.isStopping()) break;
      const received = await clerk.client.mutate<PartReturn>(
        'POST',
        `/api/v1/part-returns/${partReturn.id}/transitions`,
        () => ({ action: 'receive' }),
        partReturn.version,
      );
      const status = context.acknowledged.partReturnStatus;
      if (received.status < 300) {
        status.set(partReturn.id, 'received');
        continue;
      }
      context.acknowledged.refusedKeys.add(received.key);
      if (received.code !== 'insufficient_stock') {
        context.acknowledged.unexpectedRefusals.push(
          `${clerk.name}: receive ${partReturn.id} → ${received.status} ${received.code ?? ''}`,
        );
        continue;
      }
      // The technician used the part in a repair after announcing its return: nothing comes back.
      const cancelled = await clerk.client.mutate<PartReturn>(
        'POST',
        `/api/v1/part-returns/${partReturn.id}/transitions`,
        () => ({ action: 'cancel' }),
        partReturn.version,
      );
      if (cancelled.status < 300) {
        status.set(partReturn.id, 'cancelled');
      } else {
        context.acknowledged.refusedKeys.add(cancelled.key);
        context.acknowledged.unexpectedRefusals.push(
          `${clerk.name}: cancel ${partReturn.id} → ${cancelled.status} ${cancelled.code ?? ''}`,
        );
      }
    }
    if (context.random() < 0.3) {
      const stock = await clerk.client.read<Page<StockItem>>(
        `/api/v1/stock?locationId=${context.warehouseLocationId}&lowStock=true&limit=5`,
      );
      const partIds =
        stock.items.length > 0 ? stock.items.map((item) => item.part.id) : [pick(context.partIds, context.random)];
      const lines = partIds.slice(0, 3).map((partId) => ({ partId, quantity: 5 }));
      const receipt = await clerk.client.mutate('POST', '/api/v1/stock/receipts', (key) => ({
        locationId: context.warehouseLocationId,
        lines,
        reference: key,
      }));
      if (receipt.status < 300) context.acknowledged.receipts.set(receipt.key, lines.length);
      else {
        context.acknowledged.refusedKeys.add(receipt.key);
        context.acknowledged.unexpectedRefusals.push(`${clerk.name}: receipt → ${receipt.status} ${receipt.code}`);
      }
    }
    await sleep(300);
  }
}
