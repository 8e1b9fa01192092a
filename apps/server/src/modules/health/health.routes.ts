import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { AppError } from '../../errors';

export interface HealthRoutesDeps {
  isDatabaseReachable: () => Promise<boolean>;
  metrics: Registry;
  /** The bearer token a scraper sends for `/metrics`; unset, the metrics are not published. */
  metricsToken: string | undefined;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests, so that the time taken tells nothing about the token. */
function isMetricsToken(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

const statusSchema = z.object({ status: z.literal('ok') });

export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesDeps> = async (app, deps) => {
  const { isDatabaseReachable, metrics, metricsToken } = deps;
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      // Not the API: for load balancers and orchestrators (README, Production deployment).
      schema: { summary: 'Liveness', response: { 200: statusSchema }, hide: true },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Readiness: 200 only when the database answers',
        response: { 200: statusSchema },
        hide: true,
      },
    },
    async () => {
      if (!(await isDatabaseReachable())) throw new AppError('service_unavailable', 'The database does not answer');
      return { status: 'ok' as const };
    },
  );

  app.get(
    '/metrics',
    {
      config: { access: 'public' },
      schema: { summary: 'Prometheus metrics (Authorization: Bearer METRICS_TOKEN)', hide: true },
    },
    async (request, reply) => {
      // They tell an attacker what runs, how busy it is and which routes are slow.
      if (metricsToken === undefined)
        throw new AppError('forbidden', 'Metrics are not published: METRICS_TOKEN is not set');
      if (!isMetricsToken(request.headers.authorization, metricsToken)) {
        throw new AppError('unauthenticated', 'Send the metrics token as a bearer token', {
          headers: { 'www-authenticate': 'Bearer realm="metrics"' },
        });
      }
      return reply.type(metrics.contentType).send(await metrics.metrics());
    },
  );
};
