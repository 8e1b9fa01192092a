import { loginBodySchema, loginResponseSchema } from '../index';
import type { RouteTable } from './route-table';

export const authRoutes = {
  'POST /api/v1/auth/login': { body: loginBodySchema, response: loginResponseSchema },
  'POST /api/v1/auth/logout': { response: null },
} as const satisfies RouteTable;
