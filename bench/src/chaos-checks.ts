/*
 * What must hold after the faults: the database holds every acknowledged change exactly
 * once and nothing that was refused; every work order's status follows from its history by
 * the status table; every stock level equals the sum of its ledger; every event reached
 * every stream, once.
 */
import { type WorkOrderAction, type WorkOrderStatus, workOrderTransitions } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../apps/server/src/db/schema/index';
import { canSeeEvent, type EventScope } from '../../apps/server/src/platform/access-policy/event-policy';
import type { Acknowledged } from './chaos-load';
import type { EventRecorder } from './event-recorder';

export interface CheckResult {
  name: string;
  passed: boolean;
  detail: string;
}

export interface Tally {
  /** Acknowledged changes missing from the database. */
  lost: number;
  /** Changes in the database more often than acknowledged. */
  duplicated: number;
  /** Changes in the database that were refused, or never answered. */
  phantom: number;
}

const isAction = (action: string): action is WorkOrderAction => Object.hasOwn(workOrderTransitions, action);

const keyOf = (text: string | null) => /^chaos ([0-9a-f-]{36})$/.exec(text ?? '')?.[1];

/** Rows carrying an idempotency key in a text field, against what the clients were told. */
function countByKey(
  name: string,
  rows: { id: string; text: string | null }[],
  acknowledged: Map<string, string>,
  refused: Set<string>,
  tally: Tally,
): CheckResult {
  const byKey = new Map<string, string[]>();
  for (const row of rows) {
    const key = keyOf(row.text);
    if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), row.id]);
  }
  const problems: string[] = [];
  for (const [key, id] of acknowledged) {
    const ids = byKey.get(key) ?? [];
    if (ids.length === 0) {
      tally.lost += 1;
      problems.push(`${key} lost`);
    } else if (ids.length > 1) {
      tally.duplicated += ids.length - 1;
      problems.push(`${key} ×${ids.length}`);
    } else if (ids[0] !== id) problems.push(`${key} is ${ids[0]}, acknowledged as ${id}`);
  }
  for (const [key, ids] of byKey) {
    if (acknowledged.has(key)) continue;
    tally.phantom += ids.length;
    problems.push(`${key} ${refused.has(key) ? 'refused' : 'never answered'} but stored`);
  }
  return {
    name,
    passed: problems.length === 0,
    detail:
      problems.length === 0 ? `${acknowledged.size} acknowledged, each stored once` : problems.slice(0, 5).join('; '),
  };
}

function countDifferences<T>(acknowledged: T[], stored: T[], tally: Tally): { lost: number; extra: number } {
  const counts = new Map<T, number>();
  for (const item of acknowledged) counts.set(item, (counts.get(item) ?? 0) + 1);
  for (const item of stored) counts.set(item, (counts.get(item) ?? 0) - 1);
  let lost = 0;
  let extra = 0;
  for (const difference of counts.values()) {
    if (difference > 0) lost += difference;
    else extra -= difference;
  }
  tally.lost += lost;
  tally.duplicated += extra;
  return { lost, extra };
}

export async function checkChanges(db: Kysely<DB>, acknowledged: Acknowledged, tally: Tally): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const { refusedKeys } = acknowledged;

  const intakes = await db
    .selectFrom('work_order')
    .select(['id', 'complaint as text'])
    .where('complaint', 'like', 'chaos %')
    .execute();
  results.push(countByKey('work orders taken in', intakes, acknowledged.workOrders, refusedKeys, tally));

  const orderIds = [...acknowledged.workOrders.values()];
  const history =
    orderIds.length === 0
      ? []
      : await db
          .selectFrom('work_order_history')
          .select(['workOrderId', 'action'])
          .where('workOrderId', 'in', orderIds)
          .where('action', '!=', 'create')
          .orderBy('at')
          .orderBy('id')
          .execute();
  const stored = new Map<string, string[]>();
  for (const row of history) stored.set(row.workOrderId, [...(stored.get(row.workOrderId) ?? []), row.action]);
  const transitionProblems: string[] = [];
  let transitionCount = 0;
  for (const id of orderIds) {
    const told: string[] = acknowledged.transitions.get(id) ?? [];
    const found = stored.get(id) ?? [];
    transitionCount += told.length;
    const { lost, extra } = countDifferences(told, found, tally);
    if (lost > 0 || extra > 0 || told.join() !== found.join()) {
      transitionProblems.push(`${id}: acknowledged [${told.join(' ')}], stored [${found.join(' ')}]`);
    }
  }
  results.push({
    name: 'work-order transitions',
    passed: transitionProblems.length === 0,
    detail:
      transitionProblems.length === 0
        ? `${transitionCount} acknowledged, history matches on ${orderIds.length} work orders`
        : transitionProblems.slice(0, 3).join('; '),
  });

  const payments =
    orderIds.length === 0
      ? []
      : await db
          .selectFrom('work_order_payment')
          .select(['id', 'workOrderId'])
          .where('workOrderId', 'in', orderIds)
          .execute();
  const paymentProblems: string[] = [];
  let paymentCount = 0;
  for (const id of orderIds) {
    const told = acknowledged.payments.get(id) ?? [];
    paymentCount += told.length;
    const found = payments.filter((payment) => payment.workOrderId === id).map((payment) => payment.id);
    const { lost, extra } = countDifferences(told, found, tally);
    if (lost > 0 || extra > 0) paymentProblems.push(`${id}: ${told.length} acknowledged, ${found.length} stored`);
  }
  results.push({
    name: 'payments',
    passed: paymentProblems.length === 0,
    detail:
      paymentProblems.length === 0
        ? `${paymentCount} acknowledged, each stored once`
        : paymentProblems.slice(0, 3).join('; '),
  });

  const requests = await db.selectFrom('part_request').select(['id', 'note as text', 'status']).execute();
  results.push(countByKey('part requests', requests, acknowledged.partRequests, refusedKeys, tally));
  const returns = await db.selectFrom('part_return').select(['id', 'note as text', 'status']).execute();
  results.push(countByKey('part returns', returns, acknowledged.partReturns, refusedKeys, tally));

  const ledger = await db
    .selectFrom('stock_ledger_entry')
    .select(['partRequestId', 'partReturnId', 'reason', 'reference'])
    .execute();
  const movementProblems: string[] = [];
  const statusOf = new Map([...requests, ...returns].map((row) => [row.id, row.status]));
  const movementsOf = (column: 'partRequestId' | 'partReturnId', id: string) =>
    ledger.filter((entry) => entry[column] === id).length;
  const checkMovements = (
    what: string,
    column: 'partRequestId' | 'partReturnId',
    lines: Map<string, number>,
    statuses: Map<string, string>,
    initial: string,
    moving: string,
  ) => {
    for (const [id, count] of lines) {
      const status = statuses.get(id) ?? initial;
      const moved = movementsOf(column, id);
      const expected = status === moving ? count : 0;
      if (statusOf.get(id) !== status || moved !== expected) {
        movementProblems.push(
          `${what} ${id}: ${status} with ${expected} movements acknowledged, ${statusOf.get(id)} with ${moved} stored`,
        );
        countDifferences(Array(expected).fill(id), Array(moved).fill(id), tally);
      }
    }
  };
  checkMovements(
    'request',
    'partRequestId',
    acknowledged.partRequestLines,
    acknowledged.partRequestStatus,
    'requested',
    'issued',
  );
  checkMovements(
    'return',
    'partReturnId',
    acknowledged.partReturnLines,
    acknowledged.partReturnStatus,
    'submitted',
    'received',
  );
  const receiptLines = new Map<string, number>();
  for (const entry of ledger) {
    if (entry.reason === 'receipt' && entry.reference !== null) {
      receiptLines.set(entry.reference, (receiptLines.get(entry.reference) ?? 0) + 1);
    }
  }
  for (const [key, lines] of acknowledged.receipts) {
    const stored = receiptLines.get(key) ?? 0;
    if (stored !== lines) {
      movementProblems.push(`receipt ${key}: ${lines} lines acknowledged, ${stored} stored`);
      countDifferences(Array(lines).fill(key), Array(stored).fill(key), tally);
    }
  }
  for (const key of refusedKeys) {
    const stored = receiptLines.get(key) ?? 0;
    if (stored > 0) {
      tally.phantom += stored;
      movementProblems.push(`receipt ${key} refused but stored`);
    }
  }
  results.push({
    name: 'stock movements (issues, returns, receipts)',
    passed: movementProblems.length === 0,
    detail:
      movementProblems.length === 0
        ? `${acknowledged.partRequestLines.size} requests, ${acknowledged.partReturnLines.size} returns, ${acknowledged.receipts.size} receipts as acknowledged`
        : movementProblems.slice(0, 3).join('; '),
  });
  return results;
}

/** Every work order: its history is a walk through the status table ending at its status. */
export async function checkWorkOrderStates(db: Kysely<DB>): Promise<CheckResult> {
  const orders = await db.selectFrom('work_order').select(['id', 'status', 'inProgressSince', 'completedAt']).execute();
  const history = await db
    .selectFrom('work_order_history')
    .select(['workOrderId', 'action', 'fromStatus', 'toStatus'])
    .orderBy('workOrderId')
    .orderBy('at')
    .orderBy('id')
    .execute();
  const walks = new Map<string, typeof history>();
  for (const row of history) walks.set(row.workOrderId, [...(walks.get(row.workOrderId) ?? []), row]);
  const problems: string[] = [];
  for (const order of orders) {
    const walk = walks.get(order.id) ?? [];
    let status: WorkOrderStatus | null = null;
    for (const [index, step] of walk.entries()) {
      // `create` and `edit` are history entries, not actions of the status table.
      const rule = isAction(step.action) ? workOrderTransitions[step.action] : undefined;
      const valid =
        index === 0
          ? step.action === 'create' && step.fromStatus === null && step.toStatus === 'new'
          : step.fromStatus === status &&
            (step.action === 'edit'
              ? step.toStatus === status
              : status !== null && rule?.from.includes(status) === true && rule.to === step.toStatus);
      if (!valid) {
        problems.push(
          `${order.id}: step ${index + 1} ${step.action} ${step.fromStatus}→${step.toStatus} after ${status}`,
        );
        break;
      }
      status = step.toStatus as WorkOrderStatus;
    }
    if (status !== order.status) problems.push(`${order.id} is ${order.status}, its history ends at ${status}`);
    if ((order.inProgressSince !== null) !== (order.status === 'in_progress')) {
      problems.push(
        `${order.id} is ${order.status} with the repair timer ${order.inProgressSince ? 'running' : 'stopped'}`,
      );
    }
    if ((order.status === 'completed' || order.status === 'closed') && order.completedAt === null) {
      problems.push(`${order.id} is ${order.status} without a completion time`);
    }
  }
  return {
    name: 'work-order states',
    passed: problems.length === 0,
    detail:
      problems.length === 0
        ? `${orders.length} work orders, each where its history leads`
        : problems.slice(0, 3).join('; '),
  };
}

/** Every stock level equals what the ledger moved in minus what it moved out, and none is negative. */
export async function checkStockLedger(db: Kysely<DB>): Promise<CheckResult> {
  const levels = await db.selectFrom('stock_level').select(['locationId', 'partId', 'quantity']).execute();
  const entries = await db
    .selectFrom('stock_ledger_entry')
    .select(['fromLocationId', 'toLocationId', 'partId', 'quantity'])
    .execute();
  const net = new Map<string, number>();
  const add = (location: string | null, partId: string, quantity: number) => {
    if (location === null) return;
    const key = `${location}/${partId}`;
    net.set(key, (net.get(key) ?? 0) + quantity);
  };
  for (const entry of entries) {
    add(entry.toLocationId, entry.partId, entry.quantity);
    add(entry.fromLocationId, entry.partId, -entry.quantity);
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const level of levels) {
    const key = `${level.locationId}/${level.partId}`;
    seen.add(key);
    const sum = net.get(key) ?? 0;
    if (sum !== level.quantity || level.quantity < 0) problems.push(`${key}: on hand ${level.quantity}, ledger ${sum}`);
  }
  for (const [key, sum] of net) if (!seen.has(key) && sum !== 0) problems.push(`${key}: no level, ledger ${sum}`);
  return {
    name: 'stock ledger = on hand',
    passed: problems.length === 0,
    detail:
      problems.length === 0
        ? `${levels.length} levels at ${new Set(levels.map((l) => l.locationId)).size} locations, ${entries.length} ledger entries`
        : problems.slice(0, 3).join('; '),
  };
}

export interface RecorderSummary {
  name: string;
  expected: number;
  received: number;
  missing: number;
  duplicated: number;
  unexpected: number;
  outOfOrder: number;
  connects: number;
}

/** The events each stream should have had since `afterId`: those its scope may see. */
export async function checkEvents(
  db: Kysely<DB>,
  recorders: { recorder: EventRecorder; scope: EventScope }[],
  afterId: number,
): Promise<{ result: CheckResult; summaries: RecorderSummary[] }> {
  const rows = await db.selectFrom('outbox_event').selectAll().where('id', '>', afterId).orderBy('id').execute();
  const createdAt = new Map(rows.map((row) => [row.id, row.createdAt]));
  const missingIds = new Set<number>();
  const summaries = recorders.map(({ recorder, scope }) => {
    const expected = new Set(rows.filter((row) => canSeeEvent(scope, row)).map((row) => row.id));
    const received = new Set(recorder.ids);
    const missing = [...expected].filter((id) => !received.has(id));
    for (const id of missing) missingIds.add(id);
    return {
      name: recorder.name,
      expected: expected.size,
      received: recorder.ids.length,
      missing: missing.length,
      duplicated: recorder.duplicates,
      unexpected: [...received].filter((id) => !expected.has(id)).length,
      outOfOrder: recorder.outOfOrder,
      connects: recorder.connects,
    };
  });
  const failing = summaries.filter((s) => s.missing + s.duplicated + s.unexpected + s.outOfOrder > 0);
  // Which events, and when they were written: to set beside the faults.
  const missingNamed = [...missingIds]
    .sort((a, b) => a - b)
    .slice(0, 8)
    .map((id) => `${id} (${createdAt.get(id)})`);
  return {
    summaries,
    result: {
      name: 'events on every stream',
      passed: failing.length === 0,
      detail:
        failing.length === 0
          ? `${rows.length} events; every stream got each it may see, once, in order`
          : failing
              .map(
                (s) =>
                  `${s.name}: ${s.missing} missing, ${s.duplicated} twice, ${s.unexpected} not its own, ${s.outOfOrder} out of order`,
              )
              .join('; ') + (missingNamed.length > 0 ? `; missing: ${missingNamed.join(', ')}` : ''),
    },
  };
}
