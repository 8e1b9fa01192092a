import { z } from 'zod';
import { branchSchema, createBranchBodySchema, idParamsSchema, updateBranchBodySchema } from '../index';
import type { RouteTable } from './route-table';

export const branchesRoutes = {
  'GET /api/v1/branches': { response: z.object({ items: z.array(branchSchema), nextCursor: z.null() }) },
  'POST /api/v1/branches': { body: createBranchBodySchema, response: branchSchema },
  'GET /api/v1/branches/:id': { params: idParamsSchema, response: branchSchema },
  'PATCH /api/v1/branches/:id': { params: idParamsSchema, body: updateBranchBodySchema, response: branchSchema },
} as const satisfies RouteTable;
