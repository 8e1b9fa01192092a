import {
  assignmentCandidateSchema,
  attachmentParamsSchema,
  createWorkOrderBodySchema,
  createWorkOrderResponseSchema,
  idParamsSchema,
  listWorkOrdersQuerySchema,
  officeRoles,
  pageSchema,
  technicianLoadSchema,
  technicianLoadsQuerySchema,
  updateWorkOrderBodySchema,
  uploadAttachmentBodySchema,
  workOrderAttachmentSchema,
  workOrderCountsQuerySchema,
  workOrderCountsSchema,
  workOrderDetailSchema,
  workOrderHistoryEntrySchema,
  workOrderListItemSchema,
  workOrderTransitionBodySchema,
} from '@purnajual/contract';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth';
import { readIfMatch } from '../../platform/concurrency';
import { registerMultipartForms } from '../../platform/uploads';
import type { WorkOrdersService } from './work-orders.service';

export interface WorkOrdersRoutesOptions {
  workOrders: WorkOrdersService;
  /** The largest photo file read from an upload. */
  attachmentMaxBytes: number;
}

export const workOrdersRoutes: FastifyPluginAsyncZod<WorkOrdersRoutesOptions> = async (
  app,
  { workOrders, attachmentMaxBytes },
) => {
  app.post(
    '/api/v1/work-orders',
    {
      config: { access: officeRoles },
      schema: {
        tags: ['work-orders'],
        summary: "Record a complaint; routed to the branch and technicians covering the customer's district",
        body: createWorkOrderBodySchema,
        response: { 201: createWorkOrderResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await workOrders.createWorkOrder(requireActor(request), request.body)),
  );

  app.get(
    '/api/v1/work-orders',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['work-orders'],
        summary:
          'Work orders the caller may see, newest first (a technician: their own and the claimable in their areas); searched (`q`), best match first',
        querystring: listWorkOrdersQuerySchema,
        response: { 200: pageSchema(workOrderListItemSchema) },
      },
    },
    async (request) => workOrders.listWorkOrders(requireActor(request), request.query),
  );

  app.get(
    '/api/v1/work-orders/counts',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['work-orders'],
        summary: 'How many work orders the caller may see are in each status',
        querystring: workOrderCountsQuerySchema,
        response: { 200: workOrderCountsSchema },
      },
    },
    async (request) => workOrders.countByStatus(requireActor(request), request.query.branchId),
  );

  app.get(
    '/api/v1/work-orders/technician-loads',
    {
      config: { access: officeRoles },
      schema: {
        tags: ['work-orders'],
        summary: "A branch's technicians with their open work orders and today's appointments (dispatch)",
        querystring: technicianLoadsQuerySchema,
        response: { 200: z.object({ items: z.array(technicianLoadSchema) }) },
      },
    },
    async (request) => ({ items: await workOrders.listTechnicianLoads(requireActor(request), request.query.branchId) }),
  );

  app.get(
    '/api/v1/work-orders/:id/candidates',
    {
      config: { access: officeRoles },
      schema: {
        tags: ['work-orders'],
        summary: 'Technicians to assign: covering ones first, with their open load',
        params: idParamsSchema,
        response: { 200: z.object({ items: z.array(assignmentCandidateSchema) }) },
      },
    },
    async (request) => ({ items: await workOrders.listCandidates(requireActor(request), request.params.id) }),
  );

  app.get(
    '/api/v1/work-orders/:id',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['work-orders'],
        summary: 'Full detail with history and the actions the caller may take now',
        params: idParamsSchema,
        response: { 200: workOrderDetailSchema },
      },
    },
    async (request) => workOrders.getWorkOrder(requireActor(request), request.params.id),
  );

  app.patch(
    '/api/v1/work-orders/:id',
    {
      config: { access: officeRoles, problems: ['version_conflict'] },
      schema: {
        tags: ['work-orders'],
        summary: 'Edit complaint, service type, priority or product (If-Match or `version`)',
        params: idParamsSchema,
        body: updateWorkOrderBodySchema,
        response: { 200: workOrderDetailSchema },
      },
    },
    async (request) =>
      workOrders.updateWorkOrder(requireActor(request), request.params.id, request.body, readIfMatch(request)),
  );

  app.post(
    '/api/v1/work-orders/:id/transitions',
    {
      config: {
        access: 'signedIn',
        problems: [
          'invalid_transition',
          'version_conflict',
          'unpaid_balance',
          'overpaid_balance',
          'insufficient_stock',
          'appointment_conflict',
          'approval_outdated',
        ],
      },
      schema: {
        tags: ['work-orders'],
        summary: 'Take an action of the status machine (If-Match or `version` guards against lost updates)',
        params: idParamsSchema,
        body: workOrderTransitionBodySchema,
        response: { 200: workOrderDetailSchema },
      },
    },
    async (request) =>
      workOrders.transition(requireActor(request), request.params.id, request.body, readIfMatch(request)),
  );

  app.get(
    '/api/v1/work-orders/:id/history',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['work-orders'],
        summary: 'Every status change and edit: who, when, from, to, note',
        params: idParamsSchema,
        response: { 200: z.object({ items: z.array(workOrderHistoryEntrySchema) }) },
      },
    },
    async (request) => ({ items: await workOrders.getHistory(requireActor(request), request.params.id) }),
  );

  app.get(
    '/api/v1/work-orders/:id/signature.png',
    {
      config: { access: 'signedIn', produces: 'image/png' },
      schema: {
        tags: ['work-orders'],
        summary: "The customer's signature on the repair report",
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      const image = await workOrders.readSignature(requireActor(request), request.params.id);
      return reply.type('image/png').header('cache-control', 'private, max-age=3600').send(image);
    },
  );

  // Its own plugin, so that this is the one work-order route that takes a form.
  await app.register(async (scope) => {
    await registerMultipartForms(scope, { fileBytes: attachmentMaxBytes, files: 1, fields: 3 });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/v1/work-orders/:id/attachments',
      {
        config: {
          access: [...officeRoles, 'technician'],
          problems: ['payload_too_large', 'quota_exceeded', 'unsupported_media_type'],
        },
        schema: {
          tags: ['work-orders'],
          summary:
            'Add a photo (multipart: `kind`, one JPEG, PNG or WebP `file`, and for one taken offline `occurredAt` and `clockOffsetMs`); the assigned technician or the office. Stored as a JPEG of at most 1600 px without metadata; 400 if it does not decode, 413 `quota_exceeded` past a quota (`limit` names it)',
          consumes: ['multipart/form-data'],
          params: idParamsSchema,
          body: uploadAttachmentBodySchema,
          response: { 201: workOrderAttachmentSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await workOrders.addAttachment(requireActor(request), request.params.id, {
            kind: request.body.kind,
            content: request.body.file,
            device: { occurredAt: request.body.occurredAt, clockOffsetMs: request.body.clockOffsetMs },
          }),
        ),
    );
  });

  app.get(
    '/api/v1/work-orders/:id/attachments/:attachmentId',
    {
      config: { access: 'signedIn', produces: 'image/*' },
      schema: {
        tags: ['work-orders'],
        summary: "A work order's photo, to those who may see the work order",
        params: attachmentParamsSchema,
      },
    },
    async (request, reply) => {
      const { id, attachmentId } = request.params;
      const photo = await workOrders.readAttachment(requireActor(request), id, attachmentId);
      // The type was recognized from the bytes at upload; nosniff keeps browsers to it.
      return reply
        .type(photo.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .header('cache-control', 'private, max-age=3600')
        .send(photo.content);
    },
  );
};
