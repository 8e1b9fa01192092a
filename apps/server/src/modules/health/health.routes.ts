import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { AppError } from '../../errors';

export interface HealthRoutesDeps {
  isDatabaseReachable: () => Promise<boolean>;
  metrics: Registry;
}

const statusSchema = z.object({ status: z.literal('ok') });

export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesDeps> = async (app, { isDatabaseReachable, metrics }) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['service'], summary: 'Liveness', response: { 200: statusSchema } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['service'],
        summary: 'Readiness: 200 only when the database answers',
        response: { 200: statusSchema },
      },
    },
    async () => {
      if (!(await isDatabaseReachable())) throw new AppError('service_unavailable', 'The database does not answer');
      return { status: 'ok' as const };
    },
  );

  app.get(
    '/metrics',
    { config: { access: 'public' }, schema: { tags: ['service'], summary: 'Prometheus metrics', hide: true } },
    async (_request, reply) => reply.type(metrics.contentType).send(await metrics.metrics()),
  );
};
