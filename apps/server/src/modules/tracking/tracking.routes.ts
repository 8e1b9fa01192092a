import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  customerMessageSchema,
  idParamsSchema,
  officeRoles,
  publicTrackingSchema,
  surveyBodySchema,
  surveyStateSchema,
  trackingLinkSchema,
  trackingPathParamsSchema,
  workOrderSurveySchema,
} from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors';
import { requireActor } from '../../platform/auth';
import type { TrackingService } from './tracking.service';

export interface TrackingRoutesOptions {
  tracking: TrackingService;
  pageDir: string;
  pollSeconds: number;
}

/** The token is the only key to the page: keep it out of caches, referrers and search engines. */
const privateHeaders = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
};

export const trackingRoutes: FastifyPluginAsyncZod<TrackingRoutesOptions> = async (
  app,
  { tracking, pageDir, pollSeconds },
) => {
  // Small files read once: the page, its script and its stylesheet. CSP allows only
  // scripts from this origin, so the script is a file of its own, not inline.
  const page = readFileSync(join(pageDir, 'tracking.html'), 'utf8').replace('{{pollSeconds}}', String(pollSeconds));
  const notFoundPage = readFileSync(join(pageDir, 'not-found.html'), 'utf8');
  const script = readFileSync(join(pageDir, 'tracking.js'));
  const styles = readFileSync(join(pageDir, 'tracking.css'));

  app.get('/t/assets/tracking.js', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(script),
  );
  app.get('/t/assets/tracking.css', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(styles),
  );

  app.get(
    '/t/:token',
    { config: { access: 'public' }, schema: { hide: true, params: trackingPathParamsSchema } },
    async (request, reply) => {
      const found = await tracking.assertToken(request.params.token).then(
        () => true,
        (error: unknown) => {
          if (error instanceof AppError && error.code === 'not_found') return false;
          throw error;
        },
      );
      return reply
        .status(found ? 200 : 404)
        .headers(privateHeaders)
        .type('text/html; charset=utf-8')
        .send(found ? page : notFoundPage);
    },
  );

  app.get(
    '/api/v1/public/tracking/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['tracking'],
        summary: "A work order's progress for its customer (no sign-in): status, appointment, technician's first name",
        params: trackingPathParamsSchema,
        response: {
          200: publicTrackingSchema,
          304: z.null().describe('Not modified: the If-None-Match ETag is current'),
        },
      },
    },
    async (request, reply) => {
      const view = await tracking.getPublicTracking(request.params.token);
      // The page asks every few seconds: an unchanged answer costs a 304 and no body.
      const etag = `"${createHash('sha256').update(JSON.stringify(view)).digest('base64url').slice(0, 27)}"`;
      void reply.headers(privateHeaders).header('etag', etag);
      // Fastify sends a 304 without a body, whatever is passed here.
      if (request.headers['if-none-match'] === etag) return reply.status(304).send(null);
      return view;
    },
  );

  app.get(
    '/api/v1/public/tracking/:token/survey',
    {
      config: { access: 'public' },
      schema: {
        tags: ['tracking'],
        summary: 'Whether the satisfaction survey is open, answered, or not open yet',
        params: trackingPathParamsSchema,
        response: { 200: surveyStateSchema },
      },
    },
    async (request, reply) => {
      void reply.headers(privateHeaders);
      return tracking.getSurveyState(request.params.token);
    },
  );

  app.post(
    '/api/v1/public/tracking/:token/survey',
    {
      config: { access: 'public' },
      schema: {
        tags: ['tracking'],
        summary: 'The customer rates the service (1–5, optional comment), once, after completion (else 409)',
        params: trackingPathParamsSchema,
        body: surveyBodySchema,
        response: { 201: workOrderSurveySchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .headers(privateHeaders)
        .send(await tracking.answerSurvey(request.params.token, request.body)),
  );

  app.post(
    '/api/v1/public/tracking/:token/opt-out',
    {
      config: { access: 'public' },
      schema: {
        tags: ['tracking'],
        summary: 'The customer stops receiving messages (WhatsApp, SMS, e-mail); the office can turn them back on',
        params: trackingPathParamsSchema,
        response: { 200: z.object({ messagesOptOut: z.literal(true) }) },
      },
    },
    async (request, reply) => reply.headers(privateHeaders).send(await tracking.optOut(request.params.token)),
  );

  app.post(
    '/api/v1/work-orders/:id/tracking-link/revoke',
    {
      config: { access: officeRoles },
      schema: {
        tags: ['tracking'],
        summary: "Revoke the customer's tracking link and issue a new one",
        params: idParamsSchema,
        response: { 200: trackingLinkSchema },
      },
    },
    async (request) => tracking.revokeLink(requireActor(request), request.params.id),
  );

  app.get(
    '/api/v1/work-orders/:id/messages',
    {
      config: { access: officeRoles },
      schema: {
        tags: ['tracking'],
        summary: 'Messages to the customer about this work order and whether they were sent',
        params: idParamsSchema,
        response: { 200: z.object({ items: z.array(customerMessageSchema) }) },
      },
    },
    async (request) => ({ items: await tracking.listMessages(requireActor(request), request.params.id) }),
  );
};
