import type { Kysely } from 'kysely';
import type { Config } from './config';
import type { DB } from './db/schema/index';
import { createAreasService } from './modules/areas/areas.service';
import { createAuthService } from './modules/auth/auth.service';
import { createOidcService } from './modules/auth/oidc.service';
import { createBillingReader } from './modules/billing/billing.reader';
import { createBillingService } from './modules/billing/billing.service';
import { createOverpayments } from './modules/billing/overpayments';
import { createReportPool, type ReportPool } from './modules/billing/report-pool';
import { createBranchesService } from './modules/branches/branches.service';
import { createCustomerMergeService } from './modules/customers/customer-merge.service';
import { createCustomersService } from './modules/customers/customers.service';
import { createProductTransferService } from './modules/customers/product-transfer.service';
import { createImportKinds } from './modules/imports/import-kinds';
import { createImportRunner } from './modules/imports/import-runner';
import { createImportsService } from './modules/imports/imports.service';
import { createApiKeysService } from './modules/integrations/api-keys.service';
import { createWebhooksService } from './modules/integrations/webhooks.service';
import { createNotificationsService } from './modules/notifications/notifications.service';
import { createPartRequestsService } from './modules/parts/part-requests.service';
import { createPartsService } from './modules/parts/parts.service';
import { createStockService } from './modules/parts/stock.service';
import { createPushService } from './modules/push/push.service';
import { createReportsService } from './modules/reports/reports.service';
import { createCustomerContact } from './modules/tracking/customer-contact';
import { createMessageTemplatesService } from './modules/tracking/message-templates.service';
import { createTrackingService } from './modules/tracking/tracking.service';
import { createUsersService } from './modules/users/users.service';
import { customerMoves } from './modules/work-orders/customer-moves';
import { createWorkOrdersService } from './modules/work-orders/work-orders.service';
import type { Clock } from './platform/clock';
import { createImageNormalizer } from './platform/image-normalizer';
import { createStorage } from './platform/storage/create-storage';
import type { FileStorage } from './platform/storage/file-storage';

export interface ServicesDeps {
  db: Kysely<DB>;
  config: Config;
  clock: Clock;
  /**
   * Called after a transaction that wrote outbox events commits; the server wakes its
   * event stream with it. The CLI has no stream: servers find its events by polling.
   */
  onCommitted?: () => void;
  /** Runs `work` once the change is really committed (a request transaction commits with the answer). */
  afterCommit?: (work: () => void) => void;
  /** Where files go; by default the store the configuration names. */
  storage?: FileStorage;
  /** Where service reports are drawn; by default a pool of the configured size. Its owner closes it. */
  reportPool?: ReportPool;
  /** Called after a webhook delivery was asked to go out again; the server wakes its dispatcher. */
  onWebhookWork?: () => void;
}

/** Wires every domain service with exactly the dependencies it needs. */
export function createServices({
  db,
  config,
  clock,
  onCommitted = () => {},
  afterCommit = (work) => work(),
  storage = createStorage(config.storage, config.s3),
  reportPool = createReportPool({ settings: config.pdf }),
  onWebhookWork = () => {},
}: ServicesDeps) {
  const areas = createAreasService({ db });
  const branches = createBranchesService({ db, clock, areas });
  const push = createPushService({ db, clock, settings: config.push });
  const auth = createAuthService({
    db,
    config,
    clock,
    onCommitted,
    onSignOut: (trx, sessionId) => push.removeSessionSubscriptions(trx, sessionId),
  });
  const oidc =
    config.oidc && createOidcService({ db, clock, settings: config.oidc, createSession: auth.createSession });
  const users = createUsersService({
    db,
    clock,
    auth,
    areas,
    branches,
    companyName: config.company.name,
    onCommitted,
  });
  const customers = createCustomersService({ db, clock, areas });
  const images = createImageNormalizer({
    maxPixels: config.attachments.maxPixels,
    maxSide: config.attachments.maxSide,
    ...config.imageDecoding,
  });
  const notifications = createNotificationsService({ db, clock, users, push, onCommitted });
  const parts = createPartsService({ db, clock });
  const stock = createStockService({ db, clock, users, branches, onCommitted });
  const billingReader = createBillingReader({ config });
  const contact = createCustomerContact({ config });
  const workOrders = createWorkOrdersService({
    db,
    clock,
    config,
    storage,
    images,
    areas,
    branches,
    customers,
    users,
    notifications,
    stock,
    billing: billingReader,
    overpayments: createOverpayments({ reader: billingReader }),
    contact,
    onCommitted,
    afterCommit,
  });
  const customerMerge = createCustomerMergeService({
    db,
    clock,
    customers,
    branches,
    workOrders: { ...customerMoves, recordUpdatedEvent: workOrders.recordUpdatedEvent },
    onCommitted,
  });
  const productTransfer = createProductTransferService({ db, clock, customers });
  const partRequests = createPartRequestsService({ db, clock, stock, workOrders, notifications, onCommitted });
  const billing = createBillingService({
    db,
    clock,
    config,
    storage,
    images,
    reports: reportPool,
    reader: billingReader,
    branches,
    stock,
    workOrders,
    onCommitted,
  });
  const tracking = createTrackingService({ db, clock, contact, workOrders, customers, onCommitted });
  const messageTemplates = createMessageTemplatesService({
    db,
    clock,
    publicBaseUrl: config.publicBaseUrl,
    channels: config.messages.channels.map((channel) => channel.name),
  });
  const reports = createReportsService({
    db,
    clock,
    slaAtRiskHours: config.slaAtRiskHours,
    branches,
    workOrders,
  });
  const kinds = createImportKinds({ db, clock, users, auth, branches, stock, onCommitted });
  const imports = createImportsService({ db, clock, storage, kinds, maxBytes: config.imports.maxBytes });
  const importRunner = createImportRunner({ db, clock, storage, kinds, batchSize: config.imports.batchSize });
  const apiKeys = createApiKeysService({ db, clock, requestsPerMinute: config.integrations.apiKeyRequestsPerMinute });
  const webhooks = createWebhooksService({
    db,
    clock,
    allowInsecureUrls: config.integrations.allowInsecureWebhookUrls,
    onRedelivery: () => afterCommit(onWebhookWork),
  });
  return {
    apiKeys,
    webhooks,
    areas,
    branches,
    imports,
    importRunner,
    auth,
    oidc,
    users,
    customers,
    customerMerge,
    productTransfer,
    notifications,
    push,
    workOrders,
    parts,
    stock,
    partRequests,
    billing,
    tracking,
    messageTemplates,
    reports,
  };
}

export type Services = ReturnType<typeof createServices>;
