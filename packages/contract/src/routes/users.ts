import {
  createUserBodySchema,
  idParamsSchema,
  listUsersQuerySchema,
  pageSchema,
  technicianAreasBodySchema,
  technicianAreasSchema,
  updateUserBodySchema,
  userSchema,
} from '../index';
import type { RouteTable } from './route-table';

export const usersRoutes = {
  'GET /api/v1/me': { response: userSchema },
  'GET /api/v1/users': { query: listUsersQuerySchema, response: pageSchema(userSchema) },
  'POST /api/v1/users': { body: createUserBodySchema, response: userSchema },
  'GET /api/v1/users/:id': { params: idParamsSchema, response: userSchema },
  'PATCH /api/v1/users/:id': { params: idParamsSchema, body: updateUserBodySchema, response: userSchema },
  'PUT /api/v1/technicians/:id/areas': {
    params: idParamsSchema,
    body: technicianAreasBodySchema,
    response: technicianAreasSchema,
  },
} as const satisfies RouteTable;
