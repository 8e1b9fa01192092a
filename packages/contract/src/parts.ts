import { z } from 'zod';
import { idSchema, paginationQuerySchema, timestampSchema } from './common';
import { textSchema } from './customers';
import type { Role, stockOfficeRoles } from './roles';

/** Manufacturer part number, stored upper-case so `ps-35uf` and `PS-35UF` are one part. */
export const partNoSchema = z
  .string()
  .trim()
  .toUpperCase()
  .min(2)
  .max(40)
  .regex(/^[A-Z0-9][A-Z0-9./_-]*$/, 'must be letters, digits, dot, slash, underscore or dash');

/** A product model code as the product catalog spells it (`AC-SEJUK-10I`). */
export const modelCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .min(2)
  .max(40)
  .regex(/^[A-Z0-9./-]+$/, 'must be letters, digits, dot, slash or dash');

/** Integer rupiah. */
export const priceSchema = z.number().int().min(0).max(1_000_000_000);

/** A number of units moved: whole and positive; zero or negative moves nothing and is refused. */
export const partQuantitySchema = z.number().int().min(1).max(10_000);

const uniqueBy =
  <T>(key: (item: T) => string, message: string) =>
  (items: T[], context: z.core.$RefinementCtx<T[]>) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (seen.has(value)) context.addIssue({ code: 'custom', message, path: [index] });
      seen.add(value);
    });
  };

/** Strict: a price sent along with a line is refused; parts go at the catalog's price. */
export const partLineSchema = z.strictObject({ partId: idSchema, quantity: partQuantitySchema });
export type PartLine = z.infer<typeof partLineSchema>;

/** Lines naming each part once, so a request cannot say "2 of X" and "3 of X" at the same time. */
export const partLinesSchema = (max: number) =>
  z
    .array(partLineSchema)
    .min(1)
    .max(max)
    .superRefine(uniqueBy((line) => line.partId, 'names a part that an earlier line already names'));

export const partSchema = z.object({
  id: idSchema,
  partNo: z.string(),
  name: z.string(),
  price: z.number().int(),
  /** Product model codes the part fits. */
  modelCodes: z.array(z.string()),
  /** An unused unit may go back to the warehouse (rental/exchange stock). */
  returnable: z.boolean(),
  /** The defective part it replaces must come back to the branch (manufacturer's warranty claim). */
  mustReturnDefective: z.boolean(),
  /** A warehouse holding this many or fewer is low on the part; 0: no minimum. */
  reorderLevel: z.number().int(),
  version: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Part = z.infer<typeof partSchema>;

/** The part as lists of stock, requests and returns name it. */
export const partRefSchema = z.object({
  id: idSchema,
  partNo: z.string(),
  name: z.string(),
  price: z.number().int(),
});
export type PartRef = z.infer<typeof partRefSchema>;

export const createPartBodySchema = z.strictObject({
  partNo: partNoSchema,
  name: textSchema(160),
  price: priceSchema,
  modelCodes: z
    .array(modelCodeSchema)
    .max(200)
    .default([])
    .transform((codes) => [...new Set(codes)]),
  returnable: z.boolean(),
  mustReturnDefective: z.boolean().default(false),
  reorderLevel: z.number().int().min(0).max(100_000).default(0),
});
export type CreatePartBody = z.infer<typeof createPartBodySchema>;

export const updatePartBodySchema = z
  .object({
    name: textSchema(160),
    price: priceSchema,
    modelCodes: z
      .array(modelCodeSchema)
      .max(200)
      .transform((codes) => [...new Set(codes)]),
    returnable: z.boolean(),
    mustReturnDefective: z.boolean(),
    reorderLevel: z.number().int().min(0).max(100_000),
    version: z.number().int().positive(),
  })
  .partial()
  .strict();
export type UpdatePartBody = z.infer<typeof updatePartBodySchema>;

export const listPartsQuerySchema = paginationQuerySchema.extend({
  /** Part number (its start) or a word of the name. */
  q: z.string().trim().min(1).max(100).optional(),
  /** Only parts that fit this product model, e.g. the one of the work order at hand. */
  modelCode: z.string().trim().toUpperCase().min(1).max(40).optional(),
});
export type ListPartsQuery = z.infer<typeof listPartsQuerySchema>;

export const importPartsBodySchema = z.object({
  /** CSV text with a header line: partNo, name, price, modelCodes, returnable, mustReturnDefective, reorderLevel. */
  csv: z.string().min(1).max(900_000),
});

export const partsImportReportSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  /** One entry per refused line; the other lines were imported. */
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
});
export type PartsImportReport = z.infer<typeof partsImportReportSchema>;

/** `warehouse`: a branch's store; `technician`: a technician's bag; `defective`: a branch's bin for faulty parts. */
export const stockLocationKinds = ['warehouse', 'technician', 'defective'] as const;
export const stockLocationKindSchema = z.enum(stockLocationKinds);
export type StockLocationKind = z.infer<typeof stockLocationKindSchema>;

export const stockLocationSchema = z.object({
  id: idSchema,
  kind: stockLocationKindSchema,
  /** The branch of the store or bin; for a bag, the technician's branch. */
  branchId: idSchema.nullable(),
  branchName: z.string().nullable(),
  technicianId: idSchema.nullable(),
  technicianName: z.string().nullable(),
});
export type StockLocation = z.infer<typeof stockLocationSchema>;

const trueFalseSchema = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional();

export const listStockQuerySchema = paginationQuerySchema.extend({
  locationId: idSchema,
  /** Part number or name. */
  q: z.string().trim().min(1).max(100).optional(),
  /** `true`: only parts at or below their reorder level, including those with none left. */
  lowStock: trueFalseSchema,
});
export type ListStockQuery = z.infer<typeof listStockQuerySchema>;

export const stockItemSchema = z.object({
  locationId: idSchema,
  part: partRefSchema.extend({ reorderLevel: z.number().int() }),
  quantity: z.number().int(),
  /** At or below the part's reorder level (meaningful for warehouses). */
  isLow: z.boolean(),
});
export type StockItem = z.infer<typeof stockItemSchema>;

export const stockReceiptBodySchema = z.strictObject({
  /** A warehouse of the caller's branch. */
  locationId: idSchema,
  lines: partLinesSchema(200),
  /** The supplier's delivery note or purchase order number. */
  reference: textSchema(120),
});
export type StockReceiptBody = z.infer<typeof stockReceiptBodySchema>;

export const stockReceiptSchema = z.object({
  locationId: idSchema,
  reference: z.string(),
  lines: z.array(z.object({ part: partRefSchema, quantity: z.number().int(), onHand: z.number().int() })),
  at: timestampSchema,
});

/**
 * Why stock moved: `receipt` into a warehouse from a supplier, `issue` to a technician,
 * `return` of a part from a bag, `core_return` of the defective part a repair replaced,
 * `use` in a repair, `use_reversal` when that repair is cancelled or reopened.
 */
/** `opening`: the stock a location had when the company moved to Purnajual, as the stock import posts it. */
export const stockReasons = ['receipt', 'issue', 'return', 'core_return', 'use', 'use_reversal', 'opening'] as const;
export const stockReasonSchema = z.enum(stockReasons);
export type StockReason = z.infer<typeof stockReasonSchema>;

export const listStockLedgerQuerySchema = paginationQuerySchema.extend({
  locationId: idSchema.optional(),
  partId: idSchema.optional(),
  workOrderId: idSchema.optional(),
});
export type ListStockLedgerQuery = z.infer<typeof listStockLedgerQuerySchema>;

const personRefSchema = z.object({ id: idSchema, name: z.string() });

/** One movement: `quantity` units from one location to another; null is outside the company. */
export const stockLedgerEntrySchema = z.object({
  id: idSchema,
  part: partRefSchema.omit({ price: true }),
  fromLocationId: idSchema.nullable(),
  toLocationId: idSchema.nullable(),
  quantity: z.number().int(),
  /** The part's price when it moved. */
  unitPrice: z.number().int(),
  reason: stockReasonSchema,
  workOrderId: idSchema.nullable(),
  partRequestId: idSchema.nullable(),
  partReturnId: idSchema.nullable(),
  reference: z.string().nullable(),
  actor: personRefSchema,
  at: timestampSchema,
});
export type StockLedgerEntry = z.infer<typeof stockLedgerEntrySchema>;

/** Payload of the `stock.changed` event: what moved and the quantities on hand after. */
export const stockChangedEventSchema = z.object({
  reason: stockReasonSchema,
  workOrderId: idSchema.nullable(),
  partRequestId: idSchema.nullable(),
  partReturnId: idSchema.nullable(),
  levels: z.array(z.object({ locationId: idSchema, partId: idSchema, quantity: z.number().int() })),
  at: timestampSchema,
});
export type StockChangedEvent = z.infer<typeof stockChangedEventSchema>;

export const inventoryItemSchema = z.object({
  part: partRefSchema.extend({ returnable: z.boolean(), mustReturnDefective: z.boolean() }),
  quantity: z.number().int(),
  /** Quantity × the part's current price. */
  value: z.number().int(),
});

export const workOrderRefSchema = z.object({ id: idSchema, number: z.string() });

/** A defective part a repair replaced that the technician still has to bring back. */
export const defectiveDueSchema = z.object({
  workOrder: workOrderRefSchema,
  part: partRefSchema,
  quantity: z.number().int(),
});

export const inventorySchema = z.object({
  location: stockLocationSchema,
  items: z.array(inventoryItemSchema),
  totalItems: z.number().int(),
  totalValue: z.number().int(),
  defectiveDue: z.array(defectiveDueSchema),
});
export type Inventory = z.infer<typeof inventorySchema>;

/** Null: no limit on that measure. */
export const partLimitValuesSchema = z.object({
  maxItems: z.number().int().min(0).max(1_000_000).nullable(),
  maxValue: z.number().int().min(0).max(2_000_000_000).nullable(),
});
export type PartLimitValues = z.infer<typeof partLimitValuesSchema>;

export const partLimitSources = ['technician', 'branch', 'none'] as const;

/** What a technician may carry and carries now; `source` says whose limit applies. */
export const technicianPartLimitsSchema = partLimitValuesSchema.extend({
  technicianId: idSchema,
  source: z.enum(partLimitSources),
  /** Units in the bag. */
  currentItems: z.number().int(),
  /** Their value at current prices. */
  currentValue: z.number().int(),
});
export type TechnicianPartLimits = z.infer<typeof technicianPartLimitsSchema>;

export const branchPartLimitsSchema = partLimitValuesSchema.extend({ branchId: idSchema });
export type BranchPartLimits = z.infer<typeof branchPartLimitsSchema>;

/**
 * Who may act on a part request or return: staff by role, `owner` the technician whose
 * request or return it is.
 */
export type StockActorRule = (typeof stockOfficeRoles)[number] | 'owner';

export interface StockTransitionRule<S extends string> {
  from: readonly S[];
  to: S;
  who: readonly StockActorRule[];
}

export interface StockTransitionActor {
  role: Role;
  isOwner: boolean;
}

const isStockActorAllowed = (who: readonly StockActorRule[], actor: StockTransitionActor) =>
  who.some((rule) => (rule === 'owner' ? actor.role === 'technician' && actor.isOwner : rule === actor.role));

export const partRequestStatuses = ['requested', 'approved', 'rejected', 'issued', 'cancelled'] as const;
export const partRequestStatusSchema = z.enum(partRequestStatuses);
export type PartRequestStatus = z.infer<typeof partRequestStatusSchema>;

export const partRequestActions = ['approve', 'reject', 'issue', 'cancel'] as const;
export const partRequestActionSchema = z.enum(partRequestActions);
export type PartRequestAction = z.infer<typeof partRequestActionSchema>;

/** The part-request status machine, as data: the server enforces it, the apps show its buttons. */
export const partRequestTransitions: Record<PartRequestAction, StockTransitionRule<PartRequestStatus>> = {
  approve: { from: ['requested'], to: 'approved', who: ['warehouse', 'supervisor', 'admin'] },
  reject: { from: ['requested', 'approved'], to: 'rejected', who: ['warehouse', 'supervisor', 'admin'] },
  issue: { from: ['approved'], to: 'issued', who: ['warehouse', 'admin'] },
  cancel: { from: ['requested', 'approved'], to: 'cancelled', who: ['owner'] },
};

export const allowedPartRequestActions = (status: PartRequestStatus, actor: StockTransitionActor) =>
  partRequestActions.filter(
    (action) =>
      partRequestTransitions[action].from.includes(status) &&
      isStockActorAllowed(partRequestTransitions[action].who, actor),
  );

export const isPartRequestActionAllowed = (action: PartRequestAction, actor: StockTransitionActor) =>
  isStockActorAllowed(partRequestTransitions[action].who, actor);

/** Strict: the technician, branch and status of a request are the server's to set. */
export const createPartRequestBodySchema = z.strictObject({
  lines: partLinesSchema(50),
  /** The work order the parts are for: one assigned to the requesting technician. */
  workOrderId: idSchema.optional(),
  note: textSchema(500).optional(),
});
export type CreatePartRequestBody = z.infer<typeof createPartRequestBodySchema>;

const versionField = { version: z.number().int().positive().optional() };

export const partRequestTransitionBodySchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('approve'), ...versionField }),
  z.strictObject({ action: z.literal('reject'), reason: textSchema(500), ...versionField }),
  z.strictObject({ action: z.literal('issue'), ...versionField }),
  z.strictObject({ action: z.literal('cancel'), ...versionField }),
]);
export type PartRequestTransitionBody = z.infer<typeof partRequestTransitionBodySchema>;

const statusListSchema = <T extends readonly [string, ...string[]]>(statuses: T) =>
  z
    .string()
    .max(200)
    .transform((value) => value.split(',').map((part) => part.trim()))
    .pipe(z.array(z.enum(statuses)).min(1));

export const listPartRequestsQuerySchema = paginationQuerySchema.extend({
  /** One status or several, comma-separated. */
  status: statusListSchema(partRequestStatuses).optional(),
  technicianId: idSchema.optional(),
  workOrderId: idSchema.optional(),
});
export type ListPartRequestsQuery = z.infer<typeof listPartRequestsQuerySchema>;

export const partRequestSchema = z.object({
  id: idSchema,
  status: partRequestStatusSchema,
  /** The branch whose warehouse issues the parts. */
  branchId: idSchema,
  technician: personRefSchema,
  workOrder: workOrderRefSchema.nullable(),
  note: z.string().nullable(),
  lines: z.array(z.object({ part: partRefSchema, quantity: z.number().int() })),
  totalItems: z.number().int(),
  /** At current prices. */
  totalValue: z.number().int(),
  rejectReason: z.string().nullable(),
  /** Who approved or rejected it, and when. */
  decidedBy: personRefSchema.nullable(),
  decidedAt: timestampSchema.nullable(),
  issuedBy: personRefSchema.nullable(),
  issuedAt: timestampSchema.nullable(),
  /** What the caller may do now. */
  allowedActions: z.array(partRequestActionSchema),
  version: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type PartRequest = z.infer<typeof partRequestSchema>;

/** Payload of `part_request.created` / `part_request.updated`: the request as anyone sees it. */
export const partRequestEventSchema = partRequestSchema.omit({ allowedActions: true });
export type PartRequestEvent = z.infer<typeof partRequestEventSchema>;

export const partConditions = ['unused', 'defective'] as const;
export const partConditionSchema = z.enum(partConditions);
export type PartCondition = z.infer<typeof partConditionSchema>;

export const partReturnStatuses = ['submitted', 'received', 'cancelled'] as const;
export const partReturnStatusSchema = z.enum(partReturnStatuses);
export type PartReturnStatus = z.infer<typeof partReturnStatusSchema>;

export const partReturnActions = ['receive', 'cancel'] as const;
export const partReturnActionSchema = z.enum(partReturnActions);
export type PartReturnAction = z.infer<typeof partReturnActionSchema>;

export const partReturnTransitions: Record<PartReturnAction, StockTransitionRule<PartReturnStatus>> = {
  receive: { from: ['submitted'], to: 'received', who: ['warehouse', 'admin'] },
  cancel: { from: ['submitted'], to: 'cancelled', who: ['owner', 'warehouse', 'admin'] },
};

export const allowedPartReturnActions = (status: PartReturnStatus, actor: StockTransitionActor) =>
  partReturnActions.filter(
    (action) =>
      partReturnTransitions[action].from.includes(status) &&
      isStockActorAllowed(partReturnTransitions[action].who, actor),
  );

export const isPartReturnActionAllowed = (action: PartReturnAction, actor: StockTransitionActor) =>
  isStockActorAllowed(partReturnTransitions[action].who, actor);

export const partReturnLineBodySchema = z
  .strictObject({
    partId: idSchema,
    quantity: partQuantitySchema,
    condition: partConditionSchema,
    /**
     * With `defective`: the part is the faulty one this work order's repair replaced, not
     * one from the bag.
     */
    workOrderId: idSchema.optional(),
  })
  .refine((line) => line.workOrderId === undefined || line.condition === 'defective', {
    message: 'only a defective part comes back from a work order',
    path: ['workOrderId'],
  });

export const createPartReturnBodySchema = z.strictObject({
  lines: z
    .array(partReturnLineBodySchema)
    .min(1)
    .max(50)
    .superRefine(
      uniqueBy(
        (line) => `${line.partId}/${line.condition}/${line.workOrderId ?? ''}`,
        'repeats an earlier line (same part, condition and work order)',
      ),
    ),
  note: textSchema(500).optional(),
});
export type CreatePartReturnBody = z.infer<typeof createPartReturnBodySchema>;

export const partReturnTransitionBodySchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('receive'), ...versionField }),
  z.strictObject({ action: z.literal('cancel'), ...versionField }),
]);
export type PartReturnTransitionBody = z.infer<typeof partReturnTransitionBodySchema>;

export const listPartReturnsQuerySchema = paginationQuerySchema.extend({
  status: statusListSchema(partReturnStatuses).optional(),
  technicianId: idSchema.optional(),
});
export type ListPartReturnsQuery = z.infer<typeof listPartReturnsQuerySchema>;

export const partReturnSchema = z.object({
  id: idSchema,
  status: partReturnStatusSchema,
  /** The branch whose warehouse receives the parts. */
  branchId: idSchema,
  technician: personRefSchema,
  note: z.string().nullable(),
  lines: z.array(
    z.object({
      part: partRefSchema,
      quantity: z.number().int(),
      condition: partConditionSchema,
      /** Set for the defective part a repair replaced. */
      workOrder: workOrderRefSchema.nullable(),
    }),
  ),
  totalItems: z.number().int(),
  receivedBy: personRefSchema.nullable(),
  receivedAt: timestampSchema.nullable(),
  allowedActions: z.array(partReturnActionSchema),
  version: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type PartReturn = z.infer<typeof partReturnSchema>;

/** Payload of `part_return.created` / `part_return.updated`. */
export const partReturnEventSchema = partReturnSchema.omit({ allowedActions: true });
export type PartReturnEvent = z.infer<typeof partReturnEventSchema>;

/** A part used in a repair, as the work-order detail shows it. */
export const workOrderPartSchema = z.object({
  partId: idSchema,
  partNo: z.string(),
  name: z.string(),
  quantity: z.number().int(),
  /** The price when it was used. */
  unitPrice: z.number().int(),
});
export type WorkOrderPart = z.infer<typeof workOrderPartSchema>;
