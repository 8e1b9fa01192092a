import { z } from 'zod';
import { idSchema, keyedBy, paginationQuerySchema } from './common';
import { dateSchema } from './customers';
import { prioritySchema, workOrderSummarySchema } from './work-orders';

/**
 * A reporting period: `from` and `to` are local calendar days (`YYYY-MM-DD`), both
 * included, read in the time zone of the branch each work order belongs to (work orders
 * no branch serves: Asia/Jakarta). A work order completed at 23:30 WITA on 3 March is a
 * 3 March figure even though it is 15:30 UTC.
 */
const periodShape = {
  from: dateSchema,
  to: dateSchema,
  /** Without it: every branch the caller may see (a supervisor: their own). */
  branchId: idSchema.optional(),
  /** A technician may ask only about themselves, and is answered about themselves without it. */
  technicianId: idSchema.optional(),
};

const periodRefinement = <T extends { from: string; to: string }>(value: T) => value.from <= value.to;
const periodMessage = { message: '`from` must not be after `to`', path: ['to'] };

/** A period is at most 366 days: enough for a year, bounded for the daily series. */
const maxPeriodDays = 366;
const periodLength = <T extends { from: string; to: string }>(value: T) =>
  (Date.parse(value.to) - Date.parse(value.from)) / 86_400_000 < maxPeriodDays;
const periodLengthMessage = { message: `a period is at most ${maxPeriodDays} days`, path: ['to'] };

export const kpiQuerySchema = z
  .object(periodShape)
  .refine(periodRefinement, periodMessage)
  .refine(periodLength, periodLengthMessage);
export type KpiQuery = z.infer<typeof kpiQuerySchema>;

/** Figures for one local day of the period, for charts; every day of the period is present. */
export const kpiDaySchema = z.object({
  day: dateSchema,
  received: z.number().int(),
  completed: z.number().int(),
});
export type KpiDay = z.infer<typeof kpiDaySchema>;

/** A fraction 0..1, or null when there is nothing to divide by. */
const rateSchema = z.number().min(0).max(1).nullable();
/** A mean in seconds, or null when there is nothing to average. */
const secondsSchema = z.number().nullable();

/**
 * The KPIs of a period. Cohorts, so that each figure can be drilled into:
 * - received: created in the period; `open` / `overdue`: of those, still open now / and past
 *   their SLA due time now.
 * - completed: whose (latest) completion falls in the period; the repair times, the first-time
 *   fix, reopen, SLA and CSAT figures are about these.
 * - parts: fitted in the period and not reversed; revenue: payments received in the period,
 *   less the refunds and credit notes recorded in it.
 */
export const kpiSchema = z.object({
  from: dateSchema,
  to: dateSchema,
  branchId: idSchema.nullable(),
  technicianId: idSchema.nullable(),
  received: z.number().int(),
  completed: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  /** From intake to the first assignment or claim, over the received work orders that have one. */
  meanSecondsToAssign: secondsSchema,
  /** From intake to the first start of the repair (arrival on site or at the bench). */
  meanSecondsToArrive: secondsSchema,
  /** From intake to completion, over the completed work orders. */
  meanSecondsToComplete: secondsSchema,
  /** Time on the repair timer (`in_progress`), over the completed work orders. */
  meanRepairSeconds: secondsSchema,
  medianRepairSeconds: secondsSchema,
  /** Completed with result `fixed`, started once, never on hold for a part, never reopened. */
  firstTimeFixRate: rateSchema,
  /** Completed work orders that have been reopened at some time. */
  reopenRate: rateSchema,
  /** Completed work orders whose unit came back for another repair within the repeat window. */
  repeatRepairRate: rateSchema,
  /** Completed at or before their SLA due time, and not late in an earlier round (before a reopening). */
  slaAttainment: rateSchema,
  slaAttainmentByPriority: keyedBy(prioritySchema.options, rateSchema),
  /** Units of parts fitted. */
  partsUsed: z.number().int(),
  /** Their value at the price of the day, in rupiah. */
  partsValue: z.number().int(),
  /** Payments received, in rupiah. */
  revenue: z.number().int(),
  /** Mean survey rating (1–5) of the completed work orders that were rated. */
  csatAverage: z.number().nullable(),
  csatResponses: z.number().int(),
  /** csatResponses / completed. */
  csatResponseRate: rateSchema,
  series: z.array(kpiDaySchema),
});
export type Kpis = z.infer<typeof kpiSchema>;

/** The sets of work orders behind the figures, for `GET /api/v1/reports/kpis/work-orders`. */
export const kpiDrillDowns = [
  'received',
  'completed',
  'open',
  'overdue',
  'firstTimeFix',
  'reopened',
  'repeated',
  'slaMissed',
  'surveyed',
] as const;
export const kpiDrillDownSchema = z.enum(kpiDrillDowns);
export type KpiDrillDown = z.infer<typeof kpiDrillDownSchema>;

/** Answered with `pageSchema(workOrderSummarySchema)`, newest first. */
export const kpiWorkOrdersQuerySchema = paginationQuerySchema
  .extend({ kpi: kpiDrillDownSchema, ...periodShape })
  .refine(periodRefinement, periodMessage)
  .refine(periodLength, periodLengthMessage);
export type KpiWorkOrdersQuery = z.infer<typeof kpiWorkOrdersQuerySchema>;

/** Repeat repairs of a period's completed work orders by who repaired them and by model: `GET /api/v1/reports/repeat-repairs`. */
export const repeatRepairsQuerySchema = kpiQuerySchema;
export type RepeatRepairsQuery = KpiQuery;

const repeatFiguresShape = { completed: z.number().int(), repeated: z.number().int(), rate: rateSchema };

/** The 50 rows with the most repeats of each kind, most first. */
export const repeatRepairsSchema = z.object({
  from: dateSchema,
  to: dateSchema,
  branchId: idSchema.nullable(),
  byTechnician: z.array(
    z.object({ technicianId: idSchema.nullable(), technicianName: z.string().nullable(), ...repeatFiguresShape }),
  ),
  byModel: z.array(
    z.object({
      modelCode: z.string().nullable(),
      brand: z.string().nullable(),
      name: z.string().nullable(),
      ...repeatFiguresShape,
    }),
  ),
});
export type RepeatRepairs = z.infer<typeof repeatRepairsSchema>;

export const slaBoardQuerySchema = z.object({
  /**
   * A branch, or `none`: work orders no branch serves. Without it: every branch the caller
   * may see (a supervisor: their own).
   */
  branchId: z.union([idSchema, z.literal('none')]).optional(),
});
export type SlaBoardQuery = z.infer<typeof slaBoardQuerySchema>;

/**
 * Open work orders by SLA state, soonest due first: `atRisk` are due within
 * `SLA_AT_RISK_HOURS` from now, `breached` are past due. Each list holds at most 200.
 */
export const slaBoardSchema = z.object({
  atRiskHours: z.number(),
  atRisk: z.array(workOrderSummarySchema),
  breached: z.array(workOrderSummarySchema),
});
export type SlaBoard = z.infer<typeof slaBoardSchema>;
