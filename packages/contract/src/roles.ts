import { z } from 'zod';

export const roles = ['admin', 'supervisor', 'agent', 'warehouse', 'technician'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Roles that work in the office and may act on every work order of their scope. */
export const officeRoles = ['admin', 'supervisor', 'agent'] as const satisfies readonly Role[];
