import {
  headOfficeTimeZone,
  type KpiDay,
  type KpiQuery,
  type Kpis,
  type KpiWorkOrdersQuery,
  type Priority,
  priorities,
  type RepeatRepairs,
  type RepeatRepairsQuery,
  type SlaBoard,
  type SlaBoardQuery,
  type TimeZone,
  timeZoneOffsetHours,
  zonedInstant,
} from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../../platform/actor';
import { addSeconds, type Clock, toIso } from '../../platform/clock';
import { decodeCursor, toPage } from '../../platform/cursor';
import type { BranchesService } from '../branches/branches.service';
import type { WorkOrdersService } from '../work-orders/work-orders.service';
import { repeatRepairsBy } from './repeat-repairs.repository';
import * as repo from './reports.repository';

export interface ReportsServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Open work orders due within this many hours are at risk. */
  slaAtRiskHours: number;
  branches: Pick<BranchesService, 'listBranches' | 'findBranch'>;
  workOrders: Pick<WorkOrdersService, 'summariesOf' | 'flagBreaches'>;
}

const dayMs = 86_400_000;
const listLimit = 200;

/** UTC midnight of a calendar date, in milliseconds. */
const utcMidnight = (day: string) => Date.parse(`${day}T00:00:00.000Z`);

/** Local midnight of `day` in a zone (midnight WITA is 16:00 UTC of the day before). */
const localMidnight = (day: string, timeZone: TimeZone) => new Date(zonedInstant(day, timeZone));

/** The local day (`YYYY-MM-DD`) of a UTC hour `YYYY-MM-DDTHH` in a zone. */
const localDayOfHour = (hour: string, timeZone: TimeZone) =>
  new Date(Date.parse(`${hour}:00:00.000Z`) + timeZoneOffsetHours[timeZone] * 3_600_000).toISOString().slice(0, 10);

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export function createReportsService(deps: ReportsServiceDeps) {
  const { db, clock, slaAtRiskHours, branches, workOrders } = deps;

  /** The one branch a caller is held to (a supervisor's own), or undefined for all. */
  function branchOf(actor: Actor, branchId: string | undefined): string | null | undefined {
    if (actor.role !== 'supervisor') return branchId;
    if (branchId !== undefined && branchId !== actor.branchId) {
      throw new AppError('forbidden', 'A supervisor sees the reports of their own branch only');
    }
    return actor.branchId;
  }

  /** Who and what a report covers, cut into time-zone slices with the period's UTC bounds. */
  async function scopeOf(
    actor: Actor,
    query: Pick<KpiQuery, 'from' | 'to' | 'branchId' | 'technicianId'>,
  ): Promise<{ scope: repo.ReportScope; zoneOf: Map<string | null, TimeZone>; branchId: string | null }> {
    let technicianId = query.technicianId;
    if (actor.role === 'technician') {
      if (technicianId !== undefined && technicianId !== actor.id) {
        throw new AppError('forbidden', 'A technician sees their own figures only');
      }
      technicianId = actor.id;
    }
    const branchId = branchOf(actor, query.branchId);
    if (typeof branchId === 'string' && actor.role !== 'supervisor' && !(await branches.findBranch(branchId))) {
      throw notFound('Branch');
    }
    const all = await branches.listBranches();
    const zoneOf = new Map<string | null, TimeZone>([[null, headOfficeTimeZone]]);
    for (const branch of all) zoneOf.set(branch.id, branch.timeZone);
    const chosen = branchId === undefined ? all : all.filter((branch) => branch.id === branchId);
    const zones = new Set<TimeZone>(chosen.map((branch) => branch.timeZone));
    if (branchId === undefined) zones.add(headOfficeTimeZone);
    const slices = [...zones].map(
      (timeZone): repo.ZoneSlice => ({
        branchIds: chosen.filter((branch) => branch.timeZone === timeZone).map((branch) => branch.id),
        includesUnbranched: branchId === undefined && timeZone === headOfficeTimeZone,
        start: toIso(localMidnight(query.from, timeZone)),
        end: toIso(new Date(localMidnight(query.to, timeZone).getTime() + dayMs)),
      }),
    );
    return { scope: { slices, technicianId }, zoneOf, branchId: branchId ?? null };
  }

  /** Every local day of the period with its counts, filed by each work order's branch zone. */
  async function dailySeries(
    scope: repo.ReportScope,
    zoneOf: Map<string | null, TimeZone>,
    from: string,
    to: string,
  ): Promise<KpiDay[]> {
    const days = new Map<string, KpiDay>();
    for (let ms = utcMidnight(from); ms <= utcMidnight(to); ms += dayMs) {
      const day = new Date(ms).toISOString().slice(0, 10);
      days.set(day, { day, received: 0, completed: 0 });
    }
    const [received, completed] = await Promise.all([
      repo.countByHour(db, scope, 'work_order.createdAt'),
      repo.countByHour(db, scope, 'work_order.completedAt'),
    ]);
    const file = (rows: typeof received, field: 'received' | 'completed') => {
      for (const row of rows) {
        const entry = days.get(localDayOfHour(row.hour, zoneOf.get(row.branchId) ?? headOfficeTimeZone));
        if (entry) entry[field] += row.count;
      }
    };
    file(received, 'received');
    file(completed, 'completed');
    return [...days.values()];
  }

  return {
    async getKpis(actor: Actor, query: KpiQuery): Promise<Kpis> {
      const { scope, zoneOf, branchId } = await scopeOf(actor, query);
      const now = toIso(clock.now());
      const [received, byPriority, parts, revenue, series] = await Promise.all([
        repo.aggregateReceived(db, scope, now),
        repo.aggregateCompleted(db, scope),
        repo.aggregateParts(db, scope),
        repo.sumRevenue(db, scope),
        dailySeries(scope, zoneOf, query.from, query.to),
      ]);
      const total = (field: Exclude<keyof (typeof byPriority)[number], 'priority'>) =>
        byPriority.reduce((sum, row) => sum + row[field], 0);
      const completed = total('completed');
      const surveys = total('surveys');
      const slaAttainmentByPriority = Object.fromEntries(
        priorities.map((priority) => {
          const row = byPriority.find((entry) => entry.priority === priority);
          return [priority, row === undefined ? null : rate(row.slaMet, row.completed)];
        }),
      ) as Record<Priority, number | null>;
      return {
        from: query.from,
        to: query.to,
        branchId,
        technicianId: scope.technicianId ?? null,
        received: received.received,
        completed,
        open: received.open,
        overdue: received.overdue,
        meanSecondsToAssign: received.meanSecondsToAssign,
        meanSecondsToArrive: received.meanSecondsToArrive,
        meanSecondsToComplete: completed === 0 ? null : total('secondsToComplete') / completed,
        meanRepairSeconds: completed === 0 ? null : total('repairSeconds') / completed,
        medianRepairSeconds: await repo.medianRepairSeconds(db, scope, completed),
        firstTimeFixRate: rate(total('firstTimeFix'), completed),
        reopenRate: rate(total('reopened'), completed),
        repeatRepairRate: rate(total('repeated'), completed),
        slaAttainment: rate(total('slaMet'), completed),
        slaAttainmentByPriority,
        partsUsed: parts.partsUsed,
        partsValue: parts.partsValue,
        revenue,
        csatAverage: surveys === 0 ? null : total('ratingSum') / surveys,
        csatResponses: surveys,
        csatResponseRate: rate(surveys, completed),
        series,
      };
    },

    async getRepeatRepairs(actor: Actor, query: RepeatRepairsQuery): Promise<RepeatRepairs> {
      const { scope, branchId } = await scopeOf(actor, query);
      const { byTechnician, byModel } = await repeatRepairsBy(db, scope);
      const figures = (row: { completed: number; repeated: number }) => ({
        completed: row.completed,
        repeated: row.repeated,
        rate: rate(row.repeated, row.completed),
      });
      return {
        from: query.from,
        to: query.to,
        branchId,
        byTechnician: byTechnician.map((row) => ({
          technicianId: row.key,
          technicianName: row.technicianName,
          ...figures(row),
        })),
        byModel: byModel.map((row) => ({
          modelCode: row.key,
          brand: row.model?.brand ?? null,
          name: row.model?.name ?? null,
          ...figures(row),
        })),
      };
    },

    async listKpiWorkOrders(actor: Actor, query: KpiWorkOrdersQuery) {
      const { scope } = await scopeOf(actor, query);
      const before = decodeCursor(query.cursor)?.[0];
      const ids = await repo.findDrillDownIds(
        db,
        scope,
        query.kpi,
        toIso(clock.now()),
        before === undefined ? undefined : String(before),
        query.limit + 1,
      );
      const page = toPage(ids, query.limit, (id) => [id]);
      return { items: await workOrders.summariesOf(page.items), nextCursor: page.nextCursor };
    },

    async getSlaBoard(actor: Actor, query: SlaBoardQuery): Promise<SlaBoard> {
      // `none`: the work orders no branch serves.
      let branchId = query.branchId === 'none' ? null : query.branchId;
      if (actor.role === 'supervisor') {
        if (branchId !== undefined && branchId !== actor.branchId) {
          throw new AppError('forbidden', 'A supervisor sees the reports of their own branch only');
        }
        if (actor.branchId === null) return { atRiskHours: slaAtRiskHours, atRisk: [], breached: [] };
        branchId = actor.branchId;
      }
      const now = clock.now();
      const [breached, atRisk] = await Promise.all([
        repo.findOpenDueBefore(db, branchId, undefined, toIso(now), listLimit),
        repo.findOpenDueBefore(db, branchId, toIso(now), toIso(addSeconds(now, slaAtRiskHours * 3600)), listLimit),
      ]);
      return {
        atRiskHours: slaAtRiskHours,
        atRisk: await workOrders.summariesOf(atRisk),
        breached: await workOrders.summariesOf(breached),
      };
    },

    /** The SLA check: the work-order module flags the breaches (sla.ts); the reports only read them. */
    flagBreaches: () => workOrders.flagBreaches(),
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
