import { z } from 'zod';
import { workOrderAttachmentSchema } from './attachments';
import { pngDataUrlSchema, workOrderBillingSchema, workOrderSurveySchema } from './billing';
import { areaCodeSchema, deviceTimeFields, idSchema, keyedBy, paginationQuerySchema, timestampSchema } from './common';
import { dateSchema, productModelSchema, textSchema } from './customers';
import { partLinesSchema, workOrderPartSchema } from './parts';
import { roleSchema } from './role-schema';
import { searchTextSchema } from './search';
import { workOrderActionSchema, workOrderStatusSchema } from './work-order-status';

export const serviceTypes = ['home_visit', 'carry_in'] as const;
export const serviceTypeSchema = z.enum(serviceTypes);
export type ServiceType = z.infer<typeof serviceTypeSchema>;

export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export const prioritySchema = z.enum(priorities);
export type Priority = z.infer<typeof prioritySchema>;

export const warrantyStatuses = ['in_warranty', 'out_of_warranty', 'unknown'] as const;
export const warrantyStatusSchema = z.enum(warrantyStatuses);
export type WarrantyStatus = z.infer<typeof warrantyStatusSchema>;

/** Strict: the branch, the technician and the status come from routing, not from the caller. */
export const createWorkOrderBodySchema = z.strictObject({
  customerId: idSchema,
  customerProductId: idSchema.nullable().optional(),
  complaint: textSchema(2000),
  serviceType: serviceTypeSchema,
  priority: prioritySchema.default('normal'),
});
export type CreateWorkOrderBody = z.infer<typeof createWorkOrderBodySchema>;

const versionField = { version: z.number().int().positive().optional() };

/** Office edits of the intake data; status changes go through transitions. */
export const updateWorkOrderBodySchema = z
  .object({
    complaint: textSchema(2000),
    serviceType: serviceTypeSchema,
    priority: prioritySchema,
    customerProductId: idSchema.nullable(),
    ...versionField,
  })
  .partial()
  .strict();
export type UpdateWorkOrderBody = z.infer<typeof updateWorkOrderBodySchema>;
const reasonSchema = textSchema(500);

export const holdReasons = ['waiting_part', 'customer_absent', 'other'] as const;
export const repairResults = ['fixed', 'not_fixed', 'needs_workshop'] as const;

export const repairReportSchema = z.object({
  diagnosis: textSchema(2000),
  actionTaken: textSchema(2000),
  result: z.enum(repairResults),
  /** The customer's signature confirming the work. */
  signature: pngDataUrlSchema,
  /** Parts fitted in the repair; they leave the technician's bag with the completion. */
  partsUsed: partLinesSchema(50).optional(),
});

/** Each action takes its own fields only: an assignee or a status sent along is refused, not ignored. */
/** Every transition: the version it expects, and when it happened on the phone that queued it. */
const transitionFields = { ...versionField, ...deviceTimeFields };

export const workOrderTransitionBodySchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('assign'),
    technicianId: idSchema,
    note: reasonSchema.optional(),
    /** Gives the work order to a technician booked at its appointment's time (supervisor or admin only); see `schedule`. */
    overrideReason: reasonSchema.optional(),
    ...transitionFields,
  }),
  z.strictObject({ action: z.literal('claim'), ...transitionFields }),
  z.strictObject({ action: z.literal('accept'), ...transitionFields }),
  z.strictObject({ action: z.literal('decline'), reason: reasonSchema, ...transitionFields }),
  z.strictObject({
    action: z.literal('schedule'),
    appointmentStart: z.iso.datetime(),
    appointmentEnd: z.iso.datetime(),
    /**
     * Books the technician over another of their appointments (supervisor or admin only);
     * without it such a booking is 409 `appointment_conflict`, naming the other work order.
     */
    overrideReason: reasonSchema.optional(),
    ...transitionFields,
  }),
  z.strictObject({ action: z.literal('depart'), ...transitionFields }),
  z.strictObject({ action: z.literal('start'), ...transitionFields }),
  z.strictObject({
    action: z.literal('hold'),
    reason: z.enum(holdReasons),
    note: reasonSchema.optional(),
    ...transitionFields,
  }),
  z.strictObject({ action: z.literal('complete'), ...repairReportSchema.shape, ...transitionFields }),
  z.strictObject({
    action: z.literal('close'),
    /**
     * Closes despite an unpaid balance or a bill above the approved one (supervisor or admin
     * only); without it such a close is 409 `unpaid_balance` or `approval_outdated`. An overpaid one is 409 `overpaid_balance`, override or not,
     * until the refund or credit note is recorded.
     */
    overrideReason: reasonSchema.optional(),
    ...transitionFields,
  }),
  z.strictObject({ action: z.literal('cancel'), reason: reasonSchema, ...transitionFields }),
  z.strictObject({ action: z.literal('reopen'), reason: reasonSchema, ...transitionFields }),
]);
export type WorkOrderTransitionBody = z.infer<typeof workOrderTransitionBodySchema>;

const statusListSchema = z
  .string()
  .max(500)
  .transform((value) => value.split(',').map((part) => part.trim()))
  .pipe(z.array(workOrderStatusSchema).min(1));

export const listWorkOrdersQuerySchema = paginationQuerySchema.extend({
  /** One status or several, comma-separated. */
  status: statusListSchema.optional(),
  /** `true`: only statuses that still need someone to act. */
  open: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  /** A branch, or `none`: work orders no branch serves. */
  branchId: z.union([idSchema, z.literal('none')]).optional(),
  /** A technician, or `none`: unassigned work orders. */
  technicianId: z.union([idSchema, z.literal('none')]).optional(),
  customerId: idSchema.optional(),
  /** One unit: its history, under every owner it had. */
  customerProductId: idSchema.optional(),
  /**
   * A work-order number or its start, four or more consecutive digits of any of the
   * customer's phones, the start of a word of the customer's name or of the complaint, or
   * a serial number or its start.
   */
  q: searchTextSchema.optional(),
  /** Created at or after / before these instants. */
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});
export type ListWorkOrdersQuery = z.infer<typeof listWorkOrdersQuerySchema>;

export const workOrderCustomerSchema = z.object({
  id: idSchema,
  name: z.string(),
  phone: z.string(),
  address: z.string(),
  areaCode: areaCodeSchema,
});

export const workOrderProductSchema = z.object({
  id: idSchema,
  model: productModelSchema,
  serialNumber: z.string(),
  purchaseDate: dateSchema.nullable(),
  warrantyUntil: dateSchema.nullable(),
});

export const workOrderSummarySchema = z.object({
  id: idSchema,
  number: z.string(),
  status: workOrderStatusSchema,
  priority: prioritySchema,
  serviceType: serviceTypeSchema,
  complaint: z.string(),
  warrantyStatus: warrantyStatusSchema,
  branchId: idSchema.nullable(),
  technicianId: idSchema.nullable(),
  technicianName: z.string().nullable(),
  customer: workOrderCustomerSchema,
  product: workOrderProductSchema.nullable(),
  /**
   * The unit's earlier repair this work order repeats: completed within the repeat window
   * (`REPEAT_REPAIR_DAYS`, 30 days) before this one was taken in; null when it is none.
   */
  repeatOf: z.object({ id: idSchema, number: z.string(), completedAt: timestampSchema }).nullable(),
  appointmentStart: timestampSchema.nullable(),
  appointmentEnd: timestampSchema.nullable(),
  slaDueAt: timestampSchema,
  /**
   * When the SLA check found the work order open past `slaDueAt`; null while it is not. A
   * reopening starts a new SLA cycle: a fresh due time and no flag.
   */
  slaBreachedAt: timestampSchema.nullable(),
  /** Seconds spent in `in_progress`, including the running interval. */
  repairSeconds: z.number().int(),
  /** Set while the repair timer runs. */
  inProgressSince: timestampSchema.nullable(),
  version: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type WorkOrderSummary = z.infer<typeof workOrderSummarySchema>;

export const workOrderMatchFields = ['number', 'phone', 'serial', 'name', 'complaint'] as const;

/** Why a work order is in the results of a search: what matched, and the whole of it. */
export const workOrderMatchSchema = z.object({
  field: z.enum(workOrderMatchFields),
  /** The number, the customer's phone (E.164) or name, the serial number or the complaint that matched. */
  value: z.string(),
});
export type WorkOrderMatch = z.infer<typeof workOrderMatchSchema>;

/** A work order in the results of `GET /api/v1/work-orders`; `matchedBy` is set when the list was searched (`q`). */
export const workOrderListItemSchema = workOrderSummarySchema.extend({ matchedBy: workOrderMatchSchema.optional() });
export type WorkOrderListItem = z.infer<typeof workOrderListItemSchema>;

export const workOrderHistoryEntrySchema = z.object({
  id: idSchema,
  /** `customer_merged`: the work order's customer was merged into another, who has it now (`note` names the first). */
  action: z.union([workOrderActionSchema, z.literal('create'), z.literal('edit'), z.literal('customer_merged')]),
  fromStatus: workOrderStatusSchema.nullable(),
  toStatus: workOrderStatusSchema,
  actor: z.object({ id: z.string(), name: z.string(), role: roleSchema }).nullable(),
  note: z.string().nullable(),
  /** When it happened: for an action recorded offline on a phone, the phone's (corrected) time. */
  at: timestampSchema,
  /** Set when the action was recorded offline: when the server received it. */
  receivedAt: timestampSchema.nullable(),
  /** The phone's time was implausible (ahead of the server, before the previous step, or too old) and was clamped. */
  timeAdjusted: z.boolean(),
});
export type WorkOrderHistoryEntry = z.infer<typeof workOrderHistoryEntrySchema>;

export const workOrderDetailSchema = workOrderSummarySchema.extend({
  customer: workOrderCustomerSchema.extend({ email: z.string().nullable(), areaName: z.string() }),
  holdReason: z.enum(holdReasons).nullable(),
  report: z
    .object({
      diagnosis: z.string(),
      actionTaken: z.string(),
      result: z.enum(repairResults),
      signatureUrl: z.string(),
      completedAt: timestampSchema,
    })
    .nullable(),
  history: z.array(workOrderHistoryEntrySchema),
  /** Photos, in upload order. */
  attachments: z.array(workOrderAttachmentSchema),
  /** Parts the repair used; empty again once the work order is cancelled or reopened. */
  partsUsed: z.array(workOrderPartSchema),
  /** Charges, the customer's approval, payments and the balance. */
  billing: workOrderBillingSchema,
  /** The customer's tracking page, `/t/<token>`, to send them. */
  trackingUrl: z.string(),
  /** The customer's satisfaction survey answer, once given. */
  survey: workOrderSurveySchema.nullable(),
  /** What the caller may do now, from the shared status table. */
  allowedActions: z.array(workOrderActionSchema),
});
export type WorkOrderDetail = z.infer<typeof workOrderDetailSchema>;

export const routingOutcomeSchema = z.object({
  branchId: idSchema.nullable(),
  /** Active technicians whose operating areas cover the customer's district. */
  coveringTechnicianIds: z.array(idSchema),
  autoAssignedTechnicianId: idSchema.nullable(),
});

export const createWorkOrderResponseSchema = workOrderDetailSchema.extend({
  routing: routingOutcomeSchema,
  /** Open work orders of the same customer or serial number. */
  possibleDuplicates: z.array(z.object({ id: idSchema, number: z.string(), status: workOrderStatusSchema })),
});

export const workOrderCountsQuerySchema = z.object({
  branchId: z.union([idSchema, z.literal('none')]).optional(),
});

/** How many work orders the caller may see are in each status. */
export const workOrderCountsSchema = z.object({
  counts: keyedBy(workOrderStatusSchema.options, z.number().int()),
});

/** A technician the office may assign a work order to, with what helps choose. */
export const assignmentCandidateSchema = z.object({
  id: idSchema,
  name: z.string(),
  branchId: idSchema.nullable(),
  /** Their operating areas cover the work order's district. */
  covers: z.boolean(),
  openWorkOrders: z.number().int(),
});
export type AssignmentCandidate = z.infer<typeof assignmentCandidateSchema>;

export const technicianLoadsQuerySchema = z.object({ branchId: idSchema });

/** A branch's technicians and their load, for dispatch. */
export const technicianLoadSchema = z.object({
  id: idSchema,
  name: z.string(),
  areaCodes: z.array(areaCodeSchema),
  openWorkOrders: z.number().int(),
  /** Appointments starting today in the branch's time zone. */
  appointmentsToday: z.number().int(),
});
export type TechnicianLoad = z.infer<typeof technicianLoadSchema>;
