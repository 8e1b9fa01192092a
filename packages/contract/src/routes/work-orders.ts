import { z } from 'zod';
import {
  assignmentCandidateSchema,
  attachmentParamsSchema,
  createWorkOrderBodySchema,
  createWorkOrderResponseSchema,
  idParamsSchema,
  listWorkOrdersQuerySchema,
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
} from '../index';
import type { RouteTable } from './route-table';

export const workOrdersRoutes = {
  'POST /api/v1/work-orders': {
    scope: 'work-orders:write',
    body: createWorkOrderBodySchema,
    response: createWorkOrderResponseSchema,
  },
  'GET /api/v1/work-orders': {
    scope: 'work-orders:read',
    query: listWorkOrdersQuerySchema,
    response: pageSchema(workOrderListItemSchema),
  },
  'GET /api/v1/work-orders/counts': {
    scope: 'work-orders:read',
    query: workOrderCountsQuerySchema,
    response: workOrderCountsSchema,
  },
  'GET /api/v1/work-orders/technician-loads': {
    query: technicianLoadsQuerySchema,
    response: z.object({ items: z.array(technicianLoadSchema) }),
  },
  'GET /api/v1/work-orders/:id/candidates': {
    params: idParamsSchema,
    response: z.object({ items: z.array(assignmentCandidateSchema) }),
  },
  'GET /api/v1/work-orders/:id': { scope: 'work-orders:read', params: idParamsSchema, response: workOrderDetailSchema },
  'PATCH /api/v1/work-orders/:id': {
    scope: 'work-orders:write',
    params: idParamsSchema,
    body: updateWorkOrderBodySchema,
    response: workOrderDetailSchema,
  },
  'POST /api/v1/work-orders/:id/transitions': {
    scope: 'work-orders:write',
    params: idParamsSchema,
    body: workOrderTransitionBodySchema,
    response: workOrderDetailSchema,
  },
  'GET /api/v1/work-orders/:id/history': {
    scope: 'work-orders:read',
    params: idParamsSchema,
    response: z.object({ items: z.array(workOrderHistoryEntrySchema) }),
  },
  'GET /api/v1/work-orders/:id/signature.png': { params: idParamsSchema, produces: 'image/png' },
  'POST /api/v1/work-orders/:id/attachments': {
    params: idParamsSchema,
    form: uploadAttachmentBodySchema,
    response: workOrderAttachmentSchema,
  },
  'GET /api/v1/work-orders/:id/attachments/:attachmentId': { params: attachmentParamsSchema, produces: 'image/*' },
} as const satisfies RouteTable;
