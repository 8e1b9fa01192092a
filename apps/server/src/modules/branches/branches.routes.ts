import { branchSchema, createBranchBodySchema, idParamsSchema, updateBranchBodySchema } from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { BranchesService } from './branches.service';

export const branchesRoutes: FastifyPluginAsyncZod<{ branches: BranchesService }> = async (app, { branches }) => {
  app.get(
    '/api/v1/branches',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['branches'],
        summary: 'Every branch with its time zone and served areas',
        response: { 200: z.object({ items: z.array(branchSchema), nextCursor: z.null() }) },
      },
    },
    async () => ({ items: await branches.listBranches(), nextCursor: null }),
  );

  app.post(
    '/api/v1/branches',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['branches'],
        summary: 'Create a branch',
        body: createBranchBodySchema,
        response: { 201: branchSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await branches.createBranch(request.body)),
  );

  app.get(
    '/api/v1/branches/:id',
    {
      config: { access: 'signedIn' },
      schema: { tags: ['branches'], summary: 'One branch', params: idParamsSchema, response: { 200: branchSchema } },
    },
    async (request) => branches.getBranch(request.params.id),
  );

  app.patch(
    '/api/v1/branches/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['branches'],
        summary: 'Change a branch: name, address, time zone, served areas, auto-assign',
        params: idParamsSchema,
        body: updateBranchBodySchema,
        response: { 200: branchSchema },
      },
    },
    async (request) => branches.updateBranch(request.params.id, request.body),
  );
};
