import { z } from 'zod';
import { employeeNoSchema, passwordSchema } from './auth';
import { areaCodeSchema, idSchema, paginationQuerySchema } from './common';
import { phoneSchema } from './phone';
import { roleSchema } from './role-schema';

const nameSchema = z.string().trim().min(1).max(120);
const emailSchema = z.email().max(254);

export const createUserBodySchema = z.strictObject({
  employeeNo: employeeNoSchema,
  name: nameSchema,
  role: roleSchema,
  branchId: idSchema.nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  email: emailSchema.nullable().optional(),
  password: passwordSchema,
});
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

export const updateUserBodySchema = z
  .object({
    employeeNo: employeeNoSchema,
    name: nameSchema,
    role: roleSchema,
    branchId: idSchema.nullable(),
    phone: phoneSchema.nullable(),
    email: emailSchema.nullable(),
    password: passwordSchema,
    active: z.boolean(),
  })
  .partial()
  .strict();
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

export const listUsersQuerySchema = paginationQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  role: roleSchema.optional(),
  branchId: idSchema.optional(),
  active: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

export const technicianAreasBodySchema = z.object({
  areaCodes: z.array(areaCodeSchema).max(500),
});
export type TechnicianAreasBody = z.infer<typeof technicianAreasBodySchema>;

export const technicianAreasSchema = z.object({
  technicianId: idSchema,
  areaCodes: z.array(areaCodeSchema),
});
