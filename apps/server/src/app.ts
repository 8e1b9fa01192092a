import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Database } from './db/database';
import { areasRoutes } from './modules/areas/areas.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { oidcRoutes } from './modules/auth/oidc.routes';
import { twoFactorRoutes } from './modules/auth/two-factor.routes';
import { billingRoutes } from './modules/billing/billing.routes';
import { createReportPool } from './modules/billing/report-pool';
import { branchesRoutes } from './modules/branches/branches.routes';
import { customersRoutes } from './modules/customers/customers.routes';
import { eventsRoutes } from './modules/events/events.routes';
import { healthRoutes } from './modules/health/health.routes';
import { createImportJob, importJobName } from './modules/imports/import-job';
import { importsRoutes } from './modules/imports/imports.routes';
import { integrationsRoutes } from './modules/integrations/integrations.routes';
import { createWebhookDispatcher } from './modules/integrations/webhook-dispatcher';
import { createWebhookFanOutJob } from './modules/integrations/webhook-fan-out';
import { createWebhookSender, type WebhookSender } from './modules/integrations/webhook-sender';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { partRequestsRoutes } from './modules/parts/part-requests.routes';
import { partsRoutes } from './modules/parts/parts.routes';
import { stockRoutes } from './modules/parts/stock.routes';
import { pushRoutes } from './modules/push/push.routes';
import { createPushDispatcher } from './modules/push/push-dispatcher';
import { createWebPushSender } from './modules/push/push-sender';
import { reportsRoutes } from './modules/reports/reports.routes';
import { createSlaMonitorJob } from './modules/reports/sla-monitor';
import { createConfiguredSender } from './modules/tracking/channels/create-sender';
import type { MessageSender } from './modules/tracking/channels/sender';
import { createMessageDispatcher } from './modules/tracking/message-dispatcher';
import { messageTemplatesRoutes } from './modules/tracking/message-templates.routes';
import { trackingRoutes } from './modules/tracking/tracking.routes';
import { whatsappWebhookRoutes } from './modules/tracking/whatsapp-webhook.routes';
import { usersRoutes } from './modules/users/users.routes';
import { workOrdersRoutes } from './modules/work-orders/work-orders.routes';
import { registerAuth } from './platform/auth';
import { createProxyTrust } from './platform/client-address';
import { type Clock, systemClock } from './platform/clock';
import { registerCompression } from './platform/compression';
import { createEventBus } from './platform/events/event-bus';
import { createStreamLimiter } from './platform/events/stream-limiter';
import { registerIdempotency } from './platform/idempotency';
import { createJobRunner, type JobRunner } from './platform/jobs';
import { registerJsonBodyParser } from './platform/json-body';
import { loggerOptions } from './platform/log-redaction';
import { registerMetrics } from './platform/metrics';
import { registerOpenApi } from './platform/openapi';
import { registerProblemHandlers, sendRouterError } from './platform/problem';
import { createRetentionJob } from './platform/retention';
import { registerSecurityHeaders } from './platform/security-headers';
import { serializerCompiler } from './platform/serializer';
import { cutSlowBodies, limitConnectionsPerAddress, serverTimeoutOptions } from './platform/server-limits';
import type { FileStorage } from './platform/storage/file-storage';
import { closeUnusedConnectionsOnClose } from './platform/unused-connections';
import { registerWebApps } from './platform/web-apps';
import { createServices } from './services';

export interface AppDeps {
  config: Config;
  database: Database;
  clock?: Clock;
  /** Delivers messages to customers; by default they are written to the log. */
  messageSender?: MessageSender;
  /** Where files go; by default the store the configuration names (`main` passes the one it verified). */
  storage?: FileStorage;
  /** Runs the periodic jobs once across instances; tests pass their own, to run passes when they choose. */
  jobs?: JobRunner;
  /** Where the log lines go; by default standard output. */
  logStream?: { write(line: string): void };
  /** The module the report workers run; tests hand in a faulty one. */
  reportWorkerUrl?: URL;
  /** Posts webhook deliveries; by default over http(s) with the SSRF checks. */
  webhookSender?: WebhookSender;
}

/** The whole application; `main.ts` listens with it, tests inject into it. */
export async function buildApp({
  config,
  database,
  clock = systemClock,
  messageSender,
  storage,
  jobs,
  logStream,
  reportWorkerUrl,
  webhookSender,
}: AppDeps): Promise<FastifyInstance> {
  const isTrustedProxy = createProxyTrust(config.trustProxy);
  const app = Fastify({
    logger: loggerOptions(config.logLevel, logStream),
    trustProxy: isTrustedProxy,
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    frameworkErrors: sendRouterError,
    ...serverTimeoutOptions(config.server),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerJsonBodyParser(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  closeUnusedConnectionsOnClose(app);
  limitConnectionsPerAddress(app, config.server, isTrustedProxy);
  cutSlowBodies(app, config.server);

  const bus = createEventBus({
    db: database.db,
    log: app.log,
    redisUrl: config.redisUrl,
    pollIntervalMs: config.eventPollIntervalMs,
    gapTimeoutMs: config.eventGapTimeoutMs,
    maxReplayEvents: config.streams.maxReplayEvents,
  });
  const streamLimiter = createStreamLimiter({
    log: app.log,
    redisUrl: config.redisUrl,
    maxPerSession: config.streams.maxPerSession,
    maxPerUser: config.streams.maxPerUser,
  });
  const messages = createMessageDispatcher({
    db: database.db,
    clock,
    sender: messageSender ?? createConfiguredSender(config.messages, app.log),
    log: app.log,
    pollIntervalMs: config.messagePollIntervalMs,
  });
  const webhookDispatcher = createWebhookDispatcher({
    db: database.db,
    clock,
    send: webhookSender ?? createWebhookSender(config.integrations.allowInsecureWebhookUrls),
    log: app.log,
    pollIntervalMs: config.integrations.webhookPollIntervalMs,
  });
  const { vapid, timeoutSeconds, allowInsecureEndpoints, pollIntervalMs } = config.push;
  const pushes =
    vapid &&
    createPushDispatcher({
      db: database.db,
      clock,
      sender: createWebPushSender({ vapid, timeoutSeconds, allowInsecureEndpoints }),
      log: app.log,
      pollIntervalMs,
    });
  const reportPool = createReportPool({ settings: config.pdf, workerUrl: reportWorkerUrl, log: app.log });
  const services = createServices({
    db: database.db,
    config,
    clock,
    storage,
    reportPool,
    // Inside a request transaction the change is committed only with the request's answer.
    onCommitted: () =>
      database.requestTransactions.afterCommit(() => {
        void bus.notifyCommitted();
        void messages.wake();
        void pushes?.wake();
      }),
    afterCommit: (work) => database.requestTransactions.afterCommit(work),
    onWebhookWork: () => void webhookDispatcher.wake(),
  });
  const { areas, auth, branches, users, customers, notifications, workOrders, parts, stock, partRequests } = services;
  const { billing, tracking, reports, customerMerge, productTransfer, imports, importRunner } = services;
  const runner = jobs ?? createJobRunner({ db: database.db, clock, log: app.log });
  runner.add(createSlaMonitorJob({ reports, log: app.log, intervalMs: config.slaCheckIntervalMs }));
  runner.add(createImportJob({ runner: importRunner, intervalMs: config.imports.pollIntervalMs }));
  runner.add(createRetentionJob({ db: database.db, clock, retention: config.retention, auth, imports, log: app.log }));
  runner.add(
    createWebhookFanOutJob({
      db: database.db,
      clock,
      intervalMs: config.integrations.webhookPollIntervalMs,
      retentionSeconds: config.retention.eventSeconds,
      onDeliveries: () => void webhookDispatcher.wake(),
    }),
  );
  app.addHook('onReady', () => bus.start());
  app.addHook('onReady', async () => streamLimiter.start());
  app.addHook('onReady', async () => messages.start());
  app.addHook('onReady', async () => webhookDispatcher.start());
  app.addHook('onReady', async () => pushes?.start());
  app.addHook('onReady', async () => runner.start());
  app.addHook('onClose', () => bus.stop());
  app.addHook('onClose', async () => streamLimiter.stop());
  app.addHook('onClose', () => messages.stop());
  app.addHook('onClose', () => webhookDispatcher.stop());
  app.addHook('onClose', async () => pushes?.stop());
  app.addHook('onClose', () => runner.stop());
  app.addHook('onClose', () => reportPool.close());

  await registerCompression(app);
  registerProblemHandlers(
    app,
    await registerWebApps(app, { consoleDir: config.consoleDir, technicianDir: config.technicianDir }),
  );
  await registerSecurityHeaders(app);
  await app.register(cookie);
  registerAuth(app, auth, services.apiKeys);
  registerIdempotency(app, {
    db: database.db,
    requestTransactions: database.requestTransactions,
    clock,
    keysPerUser: config.retention.idempotencyKeysPerUser,
  });
  const { registry, openStreams } = registerMetrics(app);
  await registerOpenApi(app);

  await app.register(healthRoutes, {
    isDatabaseReachable: database.isReachable,
    metrics: registry,
    metricsToken: config.metricsToken,
  });
  await app.register(authRoutes, { auth, users, isOidcConfigured: config.oidc !== undefined });
  await app.register(twoFactorRoutes, { twoFactor: auth.twoFactor });
  await app.register(oidcRoutes, { oidc: services.oidc, users });
  await app.register(usersRoutes, { users });
  await app.register(areasRoutes, { areas });
  await app.register(branchesRoutes, { branches });
  await app.register(customersRoutes, { customers, customerMerge, productTransfer });
  await app.register(workOrdersRoutes, { workOrders, attachmentMaxBytes: config.attachments.maxBytes });
  await app.register(notificationsRoutes, { notifications });
  await app.register(pushRoutes, { push: services.push });
  await app.register(partsRoutes, { parts });
  await app.register(stockRoutes, { stock, partRequests });
  await app.register(partRequestsRoutes, { partRequests });
  await app.register(billingRoutes, { billing });
  await app.register(importsRoutes, {
    imports,
    clock,
    wake: () =>
      database.requestTransactions.afterCommit(() => {
        runner
          .runNow(importJobName)
          .catch((error: unknown) => app.log.warn({ err: error }, 'import pass failed; the next tick retries'));
      }),
  });
  await app.register(reportsRoutes, { reports });
  await app.register(integrationsRoutes, { apiKeys: services.apiKeys, webhooks: services.webhooks });
  await app.register(trackingRoutes, {
    tracking,
    pageDir: config.tracking.pageDir,
    pollSeconds: config.tracking.pollSeconds,
  });
  await app.register(messageTemplatesRoutes, { templates: services.messageTemplates });
  const webhook = config.messages.whatsappWebhook;
  if (webhook) await app.register(whatsappWebhookRoutes, { db: database.db, clock, ...webhook });
  await app.register(eventsRoutes, {
    bus,
    auth,
    users,
    limiter: streamLimiter,
    openStreams,
    heartbeatMs: config.sseHeartbeatSeconds * 1000,
  });

  return app;
}
