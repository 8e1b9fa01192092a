/*
 * The roles and who may do what as plain data, free of schema code, so an app can guard
 * its screens without downloading the validation library (the console's sign-in page).
 */
export const roles = ['admin', 'supervisor', 'agent', 'warehouse', 'technician'] as const;
export type Role = (typeof roles)[number];

/** Roles that work in the office and may act on every work order of their scope. */
export const officeRoles = ['admin', 'supervisor', 'agent'] as const satisfies readonly Role[];

/** Roles that handle spare parts; call-center agents see the catalog only. */
export const stockRoles = ['admin', 'supervisor', 'warehouse', 'technician'] as const satisfies readonly Role[];
/** Roles that keep the catalog and receive goods into a warehouse. */
export const catalogRoles = ['admin', 'warehouse'] as const satisfies readonly Role[];
/** Roles that read the stock ledger and the limits of a branch's technicians. */
export const stockOfficeRoles = ['admin', 'supervisor', 'warehouse'] as const satisfies readonly Role[];
/** Roles that merge two customers found to be one: a supervisor those of their own branch, an admin any. */
export const mergeRoles = ['admin', 'supervisor'] as const satisfies readonly Role[];
/** Roles that set carrying limits. */
export const limitRoles = ['admin', 'supervisor'] as const satisfies readonly Role[];
/** Roles that work at the console rather than in the field: they may add a second factor and use single sign-on. */
export const consoleRoles = ['admin', 'supervisor', 'agent', 'warehouse'] as const satisfies readonly Role[];
