import {
  createUserBodySchema,
  idParamsSchema,
  listUsersQuerySchema,
  pageSchema,
  technicianAreasBodySchema,
  technicianAreasSchema,
  updateUserBodySchema,
  userSchema,
} from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth';
import type { UsersService } from './users.service';

export const usersRoutes: FastifyPluginAsyncZod<{ users: UsersService }> = async (app, { users }) => {
  app.get(
    '/api/v1/me',
    {
      config: { access: 'signedIn', duringTotpEnrolment: true },
      schema: { tags: ['users'], summary: 'The signed-in user', response: { 200: userSchema } },
    },
    async (request) => users.getProfile(requireActor(request).id),
  );

  app.get(
    '/api/v1/users',
    {
      config: { access: ['admin', 'supervisor'] },
      schema: {
        tags: ['users'],
        summary: 'List users (a supervisor sees their branch)',
        querystring: listUsersQuerySchema,
        response: { 200: pageSchema(userSchema) },
      },
    },
    async (request) => users.listUsers(requireActor(request), request.query),
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: ['admin'] },
      schema: { tags: ['users'], summary: 'Create a user', body: createUserBodySchema, response: { 201: userSchema } },
    },
    async (request, reply) => reply.status(201).send(await users.createUser(request.body)),
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { access: ['admin', 'supervisor'] },
      schema: { tags: ['users'], summary: 'One user', params: idParamsSchema, response: { 200: userSchema } },
    },
    async (request) => users.getUser(requireActor(request), request.params.id),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary:
          'Change a user; `active: false` or a new password ends their sessions, a new role or branch their event streams',
        params: idParamsSchema,
        body: updateUserBodySchema,
        response: { 200: userSchema },
      },
    },
    async (request) => users.updateUser(requireActor(request), request.params.id, request.body),
  );

  app.put(
    '/api/v1/technicians/:id/areas',
    {
      config: { access: ['admin', 'supervisor'] },
      schema: {
        tags: ['users'],
        summary: "Set a technician's operating areas (a regency covers its districts); ends their event streams",
        params: idParamsSchema,
        body: technicianAreasBodySchema,
        response: { 200: technicianAreasSchema },
      },
    },
    async (request) => users.setTechnicianAreas(requireActor(request), request.params.id, request.body.areaCodes),
  );
};
