import { type KpiDrillDown, openWorkOrderStatuses, type Priority } from '@purnajual/contract';
import { type Expression, type ExpressionBuilder, type Kysely, MysqlAdapter, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema/index';

/*
 * The reports read the work-order, parts, payment and survey tables directly: a report
 * is a read model across modules, and a figure over a month of work orders cannot be
 * assembled one service call per work order. The history is not read: what the KPIs need
 * of it (first assignment and start, starts, reopenings) the transitions keep on the
 * work order. They write nothing: the SLA flag is the work-order module's (sla.ts). A
 * technician filter is the work order's current technician, for parts and payments too.
 */

/** Branches that share a time zone, with the UTC instants that bound the period there. */
export interface ZoneSlice {
  branchIds: string[];
  /** Work orders no branch serves are counted in this slice. */
  includesUnbranched: boolean;
  /** Inclusive start and exclusive end, ISO UTC: local midnight of `from` and of the day after `to`. */
  start: string;
  end: string;
}

export interface ReportScope {
  slices: ZoneSlice[];
  technicianId: string | undefined;
}

type WorkOrderEb = ExpressionBuilder<DB, 'work_order'>;
type TimeColumn =
  | 'work_order.createdAt'
  | 'work_order.completedAt'
  | 'work_order_part.usedAt'
  | 'work_order_payment.at'
  | 'work_order_refund.at';

/**
 * The period as one condition: per time zone, its branches and its UTC bounds. Timestamps
 * are fixed-width ISO strings, so comparing text compares time and an index on
 * (branchId, column) serves each slice.
 */
export function inPeriod(column: TimeColumn, scope: ReportScope): Expression<SqlBool> {
  const at = sql.ref(column);
  const branch = sql.ref('work_order.branchId');
  const slices = scope.slices.map((slice) => {
    const branches = [
      ...(slice.branchIds.length > 0 ? [sql`${branch} in (${sql.join(slice.branchIds)})`] : []),
      ...(slice.includesUnbranched ? [sql`${branch} is null`] : []),
    ];
    return sql`((${sql.join(branches, sql` or `)}) and ${at} >= ${slice.start} and ${at} < ${slice.end})`;
  });
  const period = slices.length === 0 ? sql`1 = 0` : sql`(${sql.join(slices, sql` or `)})`;
  return scope.technicianId === undefined
    ? sql<SqlBool>`${period}`
    : sql<SqlBool>`${period} and ${sql.ref('work_order.technicianId')} = ${scope.technicianId}`;
}

const isOpen = (eb: WorkOrderEb) => eb('work_order.status', 'in', openWorkOrderStatuses);

const wasReopened = (eb: WorkOrderEb) => eb('work_order.reopenCount', '>', 0);

/** The unit came back for another repair within the repeat window (the intake marked it). */
export const wasRepeated = (eb: WorkOrderEb) => eb('work_order.repeatCount', '>', 0);

/**
 * Fixed first time: the result is `fixed`, the repair was started once (going on hold,
 * for a part or anything else, needs a second start) and it was never reopened.
 */
const isFirstTimeFix = (eb: WorkOrderEb) =>
  eb.and([
    eb('work_order.result', '=', 'fixed'),
    eb('work_order.startCount', '=', 1),
    eb('work_order.reopenCount', '=', 0),
  ]);

const wasSurveyed = (eb: WorkOrderEb) =>
  eb.exists(
    eb
      .selectFrom('survey_response')
      .whereRef('survey_response.workOrderId', '=', 'work_order.id')
      .select('survey_response.workOrderId'),
  );

/** On time in its latest SLA cycle, and in every earlier one (a reopening starts a new cycle). */
const slaMet = (eb: WorkOrderEb) =>
  eb.and([eb('work_order.completedAt', '<=', eb.ref('work_order.slaDueAt')), eb('work_order.slaMissCount', '=', 0)]);

/**
 * Seconds from one stored timestamp to another. The one expression that differs per
 * engine: SQLite reads ISO strings with `julianday`, MySQL needs the `Z` cut off.
 */
function secondsBetween(db: Kysely<DB>, from: Expression<unknown>, to: Expression<unknown>) {
  if (db.getExecutor().adapter instanceof MysqlAdapter) {
    return sql<number>`timestampdiff(microsecond, left(${from}, 23), left(${to}, 23)) / 1000000`;
  }
  // julianday is a double: rounding to the millisecond removes its representation error.
  return sql<number>`round((julianday(${to}) - julianday(${from})) * 86400, 3)`;
}

export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** Work orders received in the period: how many, still open, overdue now, and time to assign and to arrive. */
export async function aggregateReceived(db: Kysely<DB>, scope: ReportScope, now: string) {
  const row = await db
    .selectFrom('work_order')
    .where(inPeriod('work_order.createdAt', scope))
    .select((eb) => {
      const open = isOpen(eb);
      const countIf = (condition: Expression<SqlBool>) => eb.fn.sum(eb.case().when(condition).then(1).else(0).end());
      const since = (column: 'work_order.firstAssignedAt' | 'work_order.firstStartedAt') =>
        secondsBetween(db, eb.ref('work_order.createdAt'), eb.ref(column));
      return [
        eb.fn.countAll().as('received'),
        countIf(open).as('open'),
        countIf(eb.and([open, eb('work_order.slaDueAt', '<', now)])).as('overdue'),
        eb.fn.avg(since('work_order.firstAssignedAt')).as('meanSecondsToAssign'),
        eb.fn.avg(since('work_order.firstStartedAt')).as('meanSecondsToArrive'),
      ];
    })
    .executeTakeFirstOrThrow();
  return {
    received: num(row.received),
    open: num(row.open),
    overdue: num(row.overdue),
    meanSecondsToAssign: numOrNull(row.meanSecondsToAssign),
    meanSecondsToArrive: numOrNull(row.meanSecondsToArrive),
  };
}

/** Work orders completed in the period, per priority: sums, so that the caller can combine them. */
export async function aggregateCompleted(db: Kysely<DB>, scope: ReportScope) {
  const rows = await db
    .selectFrom('work_order')
    .leftJoin('survey_response', 'survey_response.workOrderId', 'work_order.id')
    .where(inPeriod('work_order.completedAt', scope))
    .groupBy('work_order.priority')
    .select((eb) => {
      const countIf = (condition: Expression<SqlBool>) => eb.fn.sum(eb.case().when(condition).then(1).else(0).end());
      return [
        'work_order.priority',
        eb.fn.countAll().as('completed'),
        eb.fn.sum('work_order.repairSeconds').as('repairSeconds'),
        eb.fn
          .sum(secondsBetween(db, eb.ref('work_order.createdAt'), eb.ref('work_order.completedAt')))
          .as('secondsToComplete'),
        countIf(isFirstTimeFix(eb)).as('firstTimeFix'),
        countIf(wasReopened(eb)).as('reopened'),
        countIf(wasRepeated(eb)).as('repeated'),
        countIf(slaMet(eb)).as('slaMet'),
        eb.fn.count('survey_response.workOrderId').as('surveys'),
        eb.fn.sum('survey_response.rating').as('ratingSum'),
      ];
    })
    .execute();
  return rows.map((row) => ({
    priority: row.priority as Priority,
    completed: num(row.completed),
    repairSeconds: num(row.repairSeconds),
    secondsToComplete: num(row.secondsToComplete),
    firstTimeFix: num(row.firstTimeFix),
    reopened: num(row.reopened),
    repeated: num(row.repeated),
    slaMet: num(row.slaMet),
    surveys: num(row.surveys),
    ratingSum: num(row.ratingSum),
  }));
}

/** The middle repair time of the completed work orders (of `count`), by one or two ordered rows. */
export async function medianRepairSeconds(db: Kysely<DB>, scope: ReportScope, count: number): Promise<number | null> {
  if (count === 0) return null;
  const rows = await db
    .selectFrom('work_order')
    .where(inPeriod('work_order.completedAt', scope))
    .select('work_order.repairSeconds')
    .orderBy('work_order.repairSeconds')
    .limit(count % 2 === 0 ? 2 : 1)
    .offset(Math.floor((count - 1) / 2))
    .execute();
  return rows.reduce((sum, row) => sum + Number(row.repairSeconds), 0) / rows.length;
}

/** Parts fitted in the period and not reversed: units and value. */
export async function aggregateParts(db: Kysely<DB>, scope: ReportScope) {
  const row = await db
    .selectFrom('work_order_part')
    .innerJoin('work_order', 'work_order.id', 'work_order_part.workOrderId')
    .where(inPeriod('work_order_part.usedAt', scope))
    .where('work_order_part.reversedAt', 'is', null)
    .select((eb) => [
      eb.fn.sum('work_order_part.quantity').as('units'),
      eb.fn.sum(eb('work_order_part.quantity', '*', eb.ref('work_order_part.unitPrice'))).as('value'),
    ])
    .executeTakeFirstOrThrow();
  return { partsUsed: num(row.units), partsValue: num(row.value) };
}

/**
 * Payments received in the period less what went back out in it: refunds paid back and
 * credit notes (a credit note is owed in kind, so it is not earned either). A refund counts
 * on its own day, which may fall in a later period than the payment it gives back.
 */
export async function sumRevenue(db: Kysely<DB>, scope: ReportScope): Promise<number> {
  const [paid, givenBack] = await Promise.all([
    db
      .selectFrom('work_order_payment')
      .innerJoin('work_order', 'work_order.id', 'work_order_payment.workOrderId')
      .where(inPeriod('work_order_payment.at', scope))
      .select((eb) => eb.fn.sum('work_order_payment.amount').as('amount'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('work_order_refund')
      .innerJoin('work_order', 'work_order.id', 'work_order_refund.workOrderId')
      .where(inPeriod('work_order_refund.at', scope))
      .select((eb) => eb.fn.sum('work_order_refund.amount').as('amount'))
      .executeTakeFirstOrThrow(),
  ]);
  return num(paid.amount) - num(givenBack.amount);
}

/**
 * Work orders received or completed per branch and UTC hour (`YYYY-MM-DDTHH`). Every
 * Indonesian offset is a whole number of hours, so the caller files each hour under
 * exactly one local day of its branch without the database knowing about time zones.
 */
export async function countByHour(
  db: Kysely<DB>,
  scope: ReportScope,
  column: 'work_order.createdAt' | 'work_order.completedAt',
) {
  const hour = sql<string>`substr(${sql.ref(column)}, 1, 13)`;
  const rows = await db
    .selectFrom('work_order')
    .where(inPeriod(column, scope))
    .select((eb) => ['work_order.branchId', hour.as('hour'), eb.fn.countAll().as('count')])
    .groupBy(['work_order.branchId', hour])
    .execute();
  return rows.map((row) => ({ branchId: row.branchId, hour: String(row.hour), count: num(row.count) }));
}

/** The ids behind one figure, newest first, one page (plus one row to tell whether more follow). */
export async function findDrillDownIds(
  db: Kysely<DB>,
  scope: ReportScope,
  kpi: KpiDrillDown,
  now: string,
  beforeId: string | undefined,
  limit: number,
): Promise<string[]> {
  const receivedKpis: readonly KpiDrillDown[] = ['received', 'open', 'overdue'];
  const column = receivedKpis.includes(kpi) ? 'work_order.createdAt' : 'work_order.completedAt';
  let query = db
    .selectFrom('work_order')
    .select('work_order.id')
    .where(inPeriod(column, scope))
    .orderBy('work_order.id', 'desc')
    .limit(limit);
  if (beforeId !== undefined) query = query.where('work_order.id', '<', beforeId);
  const conditions: Record<KpiDrillDown, ((eb: WorkOrderEb) => Expression<SqlBool>) | null> = {
    received: null,
    completed: null,
    open: isOpen,
    overdue: (eb) => eb.and([isOpen(eb), eb('work_order.slaDueAt', '<', now)]),
    firstTimeFix: isFirstTimeFix,
    reopened: wasReopened,
    repeated: wasRepeated,
    slaMissed: (eb) => eb.not(slaMet(eb)),
    surveyed: wasSurveyed,
  };
  const condition = conditions[kpi];
  if (condition !== null) query = query.where(condition);
  return (await query.execute()).map((row) => row.id);
}

/**
 * Open work orders due before `dueBefore`, soonest first, in the branch given: all when
 * undefined, those no branch serves when null.
 */
export async function findOpenDueBefore(
  db: Kysely<DB>,
  branchId: string | null | undefined,
  dueFrom: string | undefined,
  dueBefore: string,
  limit: number,
): Promise<string[]> {
  let query = db
    .selectFrom('work_order')
    .select('work_order.id')
    .where('work_order.status', 'in', openWorkOrderStatuses)
    .where('work_order.slaDueAt', '<', dueBefore)
    .orderBy('work_order.slaDueAt')
    .orderBy('work_order.id')
    .limit(limit);
  if (dueFrom !== undefined) query = query.where('work_order.slaDueAt', '>=', dueFrom);
  if (branchId === null) query = query.where('work_order.branchId', 'is', null);
  else if (branchId !== undefined) query = query.where('work_order.branchId', '=', branchId);
  return (await query.execute()).map((row) => row.id);
}
