import type { Migration } from 'kysely';
import * as createPeopleAndAreas from './2026-11-28T1200-create-people-and-areas';
import * as createCustomersAndWorkOrders from './2026-11-28T1300-create-customers-and-work-orders';
import * as createOutboxAndNotifications from './2026-11-28T1400-create-outbox-and-notifications';
import * as indexTechnicianWorkOrders from './2026-11-28T1500-index-technician-work-orders';
import * as createWorkOrderAttachment from './2026-11-28T1600-create-work-order-attachment';
import * as createParts from './2026-11-28T1700-create-parts';
import * as createBillingAndTracking from './2026-11-28T1800-create-billing-and-tracking';
import * as addReportsAndSlaBreach from './2026-11-28T1900-add-reports-and-sla-breach';
import * as restartSlaOnReopen from './2026-11-28T2000-restart-sla-on-reopen';
import * as widenApprovedTotals from './2026-11-28T2100-widen-approved-totals';
import * as widenStockLevels from './2026-11-28T2200-widen-stock-levels';
import * as createJobLease from './2026-11-28T2300-create-job-lease';
import * as recordOfflineTimes from './2026-12-03T1100-record-offline-times';
import * as createOverpaymentsAndRefunds from './2026-12-03T1200-create-overpayments-and-refunds';
import * as delayRepeatedSignInFailures from './2026-12-03T1300-delay-repeated-sign-in-failures';
import * as keepTechnicianLoad from './2026-12-03T1400-keep-technician-load';
import * as countUploads from './2026-12-03T1500-count-uploads';
import * as createCustomerPhonesAndSearchIndex from './2026-12-03T1600-create-customer-phones-and-search-index';
import * as mergeCustomersAndTransferProducts from './2026-12-03T1700-merge-customers-and-transfer-products';
import * as createImports from './2026-12-07T1000-create-imports';
import * as addTwoFactorAndSso from './2026-12-07T1100-add-two-factor-and-sso';
import * as addImportKinds from './2026-12-08T1000-add-import-kinds';
import * as sendCustomerMessages from './2026-12-08T1100-send-customer-messages';
import * as createPushSubscriptions from './2026-12-08T1200-create-push-subscriptions';
import * as createApiKeysAndWebhooks from './2026-12-08T1300-create-api-keys-and-webhooks';
import * as markRepeatRepairs from './2026-12-08T1400-mark-repeat-repairs';

/** Every migration, in order. Names are frozen once merged. */
export const migrations: Record<string, Migration> = {
  '2026-11-28T1200-create-people-and-areas': createPeopleAndAreas,
  '2026-11-28T1300-create-customers-and-work-orders': createCustomersAndWorkOrders,
  '2026-11-28T1400-create-outbox-and-notifications': createOutboxAndNotifications,
  '2026-11-28T1500-index-technician-work-orders': indexTechnicianWorkOrders,
  '2026-11-28T1600-create-work-order-attachment': createWorkOrderAttachment,
  '2026-11-28T1700-create-parts': createParts,
  '2026-11-28T1800-create-billing-and-tracking': createBillingAndTracking,
  '2026-11-28T1900-add-reports-and-sla-breach': addReportsAndSlaBreach,
  '2026-11-28T2000-restart-sla-on-reopen': restartSlaOnReopen,
  '2026-11-28T2100-widen-approved-totals': widenApprovedTotals,
  '2026-11-28T2200-widen-stock-levels': widenStockLevels,
  '2026-11-28T2300-create-job-lease': createJobLease,
  '2026-12-03T1100-record-offline-times': recordOfflineTimes,
  '2026-12-03T1200-create-overpayments-and-refunds': createOverpaymentsAndRefunds,
  '2026-12-03T1300-delay-repeated-sign-in-failures': delayRepeatedSignInFailures,
  '2026-12-03T1400-keep-technician-load': keepTechnicianLoad,
  '2026-12-03T1500-count-uploads': countUploads,
  '2026-12-03T1600-create-customer-phones-and-search-index': createCustomerPhonesAndSearchIndex,
  '2026-12-03T1700-merge-customers-and-transfer-products': mergeCustomersAndTransferProducts,
  '2026-12-07T1000-create-imports': createImports,
  '2026-12-07T1100-add-two-factor-and-sso': addTwoFactorAndSso,
  '2026-12-08T1000-add-import-kinds': addImportKinds,
  '2026-12-08T1100-send-customer-messages': sendCustomerMessages,
  '2026-12-08T1200-create-push-subscriptions': createPushSubscriptions,
  '2026-12-08T1300-create-api-keys-and-webhooks': createApiKeysAndWebhooks,
  '2026-12-08T1400-mark-repeat-repairs': markRepeatRepairs,
};
