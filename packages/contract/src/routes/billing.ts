import {
  approvalBodySchema,
  idParamsSchema,
  paymentBodySchema,
  paymentResponseSchema,
  refundBodySchema,
  refundResponseSchema,
  reportQuerySchema,
  setChargesBodySchema,
  workOrderBillingSchema,
} from '../index';
import type { RouteTable } from './route-table';

export const billingRoutes = {
  'PUT /api/v1/work-orders/:id/charges': {
    params: idParamsSchema,
    body: setChargesBodySchema,
    response: workOrderBillingSchema,
  },
  'POST /api/v1/work-orders/:id/approval': {
    params: idParamsSchema,
    body: approvalBodySchema,
    response: workOrderBillingSchema,
  },
  'GET /api/v1/work-orders/:id/approval/signature.png': { params: idParamsSchema, produces: 'image/png' },
  'POST /api/v1/work-orders/:id/payments': {
    params: idParamsSchema,
    body: paymentBodySchema,
    response: paymentResponseSchema,
  },
  'POST /api/v1/work-orders/:id/refunds': {
    params: idParamsSchema,
    body: refundBodySchema,
    response: refundResponseSchema,
  },
  'GET /api/v1/work-orders/:id/report.pdf': {
    params: idParamsSchema,
    query: reportQuerySchema,
    produces: 'application/pdf',
  },
} as const satisfies RouteTable;
