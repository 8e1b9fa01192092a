import {
  createPartRequestBodySchema,
  createPartReturnBodySchema,
  idParamsSchema,
  listPartRequestsQuerySchema,
  listPartReturnsQuerySchema,
  pageSchema,
  partRequestSchema,
  partRequestTransitionBodySchema,
  partReturnSchema,
  partReturnTransitionBodySchema,
  stockRoles,
} from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth';
import { readIfMatch } from '../../platform/concurrency';
import type { PartRequestsService } from './part-requests.service';

export const partRequestsRoutes: FastifyPluginAsyncZod<{ partRequests: PartRequestsService }> = async (
  app,
  { partRequests },
) => {
  app.get(
    '/api/v1/part-requests',
    {
      config: { access: stockRoles },
      schema: {
        tags: ['part-requests'],
        summary: "Part requests, newest first: a technician's own, or the queue of the caller's branch warehouse",
        querystring: listPartRequestsQuerySchema,
        response: { 200: pageSchema(partRequestSchema) },
      },
    },
    async (request) => partRequests.listRequests(requireActor(request), request.query),
  );

  app.post(
    '/api/v1/part-requests',
    {
      config: { access: ['technician'] },
      schema: {
        tags: ['part-requests'],
        summary: "Ask the branch warehouse for parts, optionally for one of the technician's work orders",
        body: createPartRequestBodySchema,
        response: { 201: partRequestSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await partRequests.createRequest(requireActor(request), request.body)),
  );

  app.get(
    '/api/v1/part-requests/:id',
    {
      config: { access: stockRoles },
      schema: {
        tags: ['part-requests'],
        summary: 'One part request with the actions the caller may take',
        params: idParamsSchema,
        response: { 200: partRequestSchema },
      },
    },
    async (request) => partRequests.getRequest(requireActor(request), request.params.id),
  );

  app.post(
    '/api/v1/part-requests/:id/transitions',
    {
      config: { access: stockRoles, problems: ['version_conflict'] },
      schema: {
        tags: ['part-requests'],
        summary:
          'approve | reject (with reason) | issue (moves the parts from the warehouse to the bag) | cancel (the technician)',
        params: idParamsSchema,
        body: partRequestTransitionBodySchema,
        response: { 200: partRequestSchema },
      },
    },
    async (request) =>
      partRequests.transitionRequest(requireActor(request), request.params.id, request.body, readIfMatch(request)),
  );

  app.get(
    '/api/v1/part-returns',
    {
      config: { access: stockRoles },
      schema: {
        tags: ['part-returns'],
        summary: "Part returns, newest first: a technician's own, or those to the caller's branch warehouse",
        querystring: listPartReturnsQuerySchema,
        response: { 200: pageSchema(partReturnSchema) },
      },
    },
    async (request) => partRequests.listReturns(requireActor(request), request.query),
  );

  app.post(
    '/api/v1/part-returns',
    {
      config: { access: ['technician'] },
      schema: {
        tags: ['part-returns'],
        summary:
          'Hand parts back to the warehouse: unused or defective from the bag, or the defective part a repair replaced',
        body: createPartReturnBodySchema,
        response: { 201: partReturnSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await partRequests.createReturn(requireActor(request), request.body)),
  );

  app.get(
    '/api/v1/part-returns/:id',
    {
      config: { access: stockRoles },
      schema: {
        tags: ['part-returns'],
        summary: 'One part return with the actions the caller may take',
        params: idParamsSchema,
        response: { 200: partReturnSchema },
      },
    },
    async (request) => partRequests.getReturn(requireActor(request), request.params.id),
  );

  app.post(
    '/api/v1/part-returns/:id/transitions',
    {
      config: { access: stockRoles, problems: ['version_conflict'] },
      schema: {
        tags: ['part-returns'],
        summary: 'receive (moves the parts to the warehouse or its defective bin) | cancel',
        params: idParamsSchema,
        body: partReturnTransitionBodySchema,
        response: { 200: partReturnSchema },
      },
    },
    async (request) =>
      partRequests.transitionReturn(requireActor(request), request.params.id, request.body, readIfMatch(request)),
  );
};
