import { z } from 'zod';
import { areaCodeSchema, idSchema, timestampSchema, timeZoneSchema } from './common';

export const areaLevels = ['province', 'regency', 'district'] as const;
export const areaLevelSchema = z.enum(areaLevels);
export type AreaLevel = z.infer<typeof areaLevelSchema>;

export const areaSchema = z.object({
  code: areaCodeSchema,
  name: z.string(),
  level: areaLevelSchema,
  parentCode: areaCodeSchema.nullable(),
});
export type Area = z.infer<typeof areaSchema>;

export const listAreasQuerySchema = z.object({
  parent: areaCodeSchema.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  /** Default: every child of `parent`, or the first 50 matches of `q`. */
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  cursor: z.string().max(200).optional(),
  /** Exactly these areas, comma-separated (to name the codes a form already holds). */
  codes: z
    .string()
    .max(2000)
    .transform((value) => value.split(',').map((code) => code.trim()))
    .pipe(z.array(areaCodeSchema).min(1).max(200))
    .optional(),
});
export type ListAreasQuery = z.infer<typeof listAreasQuerySchema>;

export const branchCodeSchema = z
  .string()
  .trim()
  .min(2)
  .max(16)
  .regex(/^[A-Z0-9-]+$/, 'must be upper-case letters, digits or dashes');

export const createBranchBodySchema = z.object({
  code: branchCodeSchema,
  name: z.string().trim().min(1).max(120),
  address: z.string().trim().min(1).max(500),
  timeZone: timeZoneSchema,
  areaCodes: z.array(areaCodeSchema).max(1000).default([]),
  autoAssign: z.boolean().default(false),
});
export type CreateBranchBody = z.infer<typeof createBranchBodySchema>;

export const updateBranchBodySchema = createBranchBodySchema
  .omit({ code: true })
  .extend({ areaCodes: z.array(areaCodeSchema).max(1000), autoAssign: z.boolean() })
  .partial()
  .strict();
export type UpdateBranchBody = z.infer<typeof updateBranchBodySchema>;

export const branchSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  address: z.string(),
  timeZone: timeZoneSchema,
  areaCodes: z.array(areaCodeSchema),
  autoAssign: z.boolean(),
  version: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Branch = z.infer<typeof branchSchema>;
