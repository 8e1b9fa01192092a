import {
  approvalBodySchema,
  idParamsSchema,
  officeRoles,
  paymentBodySchema,
  paymentResponseSchema,
  refundBodySchema,
  refundResponseSchema,
  reportQuerySchema,
  setChargesBodySchema,
  workOrderBillingSchema,
} from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth';
import { readIfMatch } from '../../platform/concurrency';
import type { BillingService } from './billing.service';

/** The assigned technician (checked by the service) and the office. */
const billingRoles = [...officeRoles, 'technician'] as const;
/** Money leaving the company is a supervisor's or an admin's decision. */
const refundRoles = ['supervisor', 'admin'] as const;

export const billingRoutes: FastifyPluginAsyncZod<{ billing: BillingService }> = async (app, { billing }) => {
  app.put(
    '/api/v1/work-orders/:id/charges',
    {
      config: { access: billingRoles, problems: ['version_conflict', 'invalid_transition'] },
      schema: {
        tags: ['billing'],
        summary:
          'Set labor, transport and discount (If-Match or `version`: billing.version). A technician: the price list only, no discount',
        params: idParamsSchema,
        body: setChargesBodySchema,
        response: { 200: workOrderBillingSchema },
      },
    },
    async (request) => billing.setCharges(requireActor(request), request.params.id, request.body, readIfMatch(request)),
  );

  app.post(
    '/api/v1/work-orders/:id/approval',
    {
      config: { access: billingRoles, problems: ['total_changed', 'invalid_transition'] },
      schema: {
        tags: ['billing'],
        summary:
          "The customer's signed approval of the itemized bill; approvedTotal must be the current total (else 409)",
        params: idParamsSchema,
        body: approvalBodySchema,
        response: { 201: workOrderBillingSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await billing.approve(requireActor(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/work-orders/:id/approval/signature.png',
    {
      config: { access: 'signedIn', produces: 'image/png' },
      schema: {
        tags: ['billing'],
        summary: "The customer's signature under the approved bill",
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      const image = await billing.readApprovalSignature(requireActor(request), request.params.id);
      return reply.type('image/png').header('cache-control', 'private, max-age=3600').send(image);
    },
  );

  app.post(
    '/api/v1/work-orders/:id/payments',
    {
      config: { access: billingRoles, problems: ['approval_required', 'payment_exceeds_balance', 'total_changed'] },
      schema: {
        tags: ['billing'],
        summary:
          "Record a payment against the customer's current approval (else 409 approval_required), never more than the approved balance; send an Idempotency-Key",
        params: idParamsSchema,
        body: paymentBodySchema,
        response: { 201: paymentResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await billing.addPayment(requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/work-orders/:id/refunds',
    {
      config: { access: refundRoles, problems: ['refund_exceeds_overpayment'] },
      schema: {
        tags: ['billing'],
        summary:
          'Give back what the customer paid beyond the bill: a refund paid back or a credit note, at most the overpayment; send an Idempotency-Key',
        params: idParamsSchema,
        body: refundBodySchema,
        response: { 201: refundResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await billing.addRefund(requireActor(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/work-orders/:id/report.pdf',
    {
      config: { access: 'signedIn', produces: 'application/pdf', problems: ['service_unavailable'] },
      schema: {
        tags: ['billing'],
        summary:
          'The signed service report as a PDF, in Indonesian (`?lang=en`: English); 503 with Retry-After when the report workers are all busy and their queue is full',
        params: idParamsSchema,
        querystring: reportQuerySchema,
      },
    },
    async (request, reply) => {
      const report = await billing.renderReport(requireActor(request), request.params.id, request.query.lang);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${report.fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(report.content);
    },
  );
};
