import type { AreaTable } from './area';
import type {
  WorkOrderApprovalTable,
  WorkOrderChargeTable,
  WorkOrderOverpaymentTable,
  WorkOrderPaymentTable,
  WorkOrderRefundTable,
} from './billing';
import type { BranchAreaTable, BranchTable } from './branch';
import type { CustomerPhoneTable, CustomerProductTable, CustomerTable, ProductOwnershipChangeTable } from './customer';
import type { IdempotencyRecordTable } from './idempotency-record';
import type { ImportJobTable, ImportRefusalTable, ImportStockLineTable } from './import-job';
import type { ApiKeyTable, WebhookDeliveryTable, WebhookFeedTable, WebhookTable } from './integration';
import type { JobLeaseTable } from './job-lease';
import type { LoginThrottleTable } from './login-throttle';
import type { NotificationTable } from './notification';
import type { OutboxEventTable } from './outbox-event';
import type { PartModelTable, PartTable } from './part';
import type { BranchPartLimitTable, TechnicianPartLimitTable } from './part-limit';
import type { PartRequestLineTable, PartRequestTable, PartReturnLineTable, PartReturnTable } from './part-request';
import type { ProductModelTable } from './product-model';
import type { PushMessageTable, PushSubscriptionTable } from './push';
import type { SearchTokenTable } from './search-token';
import type { SessionTable } from './session';
import type { StockLedgerEntryTable, StockLevelTable, StockLocationTable, WorkOrderPartTable } from './stock';
import type { TechnicianAreaTable } from './technician-area';
import type { TechnicianLoadTable } from './technician-load';
import type { CustomerMessageTable, MessageTemplateTable, SurveyResponseTable, TrackingLinkTable } from './tracking';
import type { OidcSignInTable, SignInChallengeTable, TotpRecoveryCodeTable, UserTotpTable } from './two-factor';
import type { UploadUsageTable } from './upload-usage';
import type { UserTable } from './user';
import type { NumberSequenceTable, WorkOrderHistoryTable, WorkOrderTable } from './work-order';
import type { WorkOrderAttachmentTable } from './work-order-attachment';

export interface DB {
  api_key: ApiKeyTable;
  area: AreaTable;
  branch: BranchTable;
  branch_area: BranchAreaTable;
  branch_part_limit: BranchPartLimitTable;
  customer: CustomerTable;
  customer_message: CustomerMessageTable;
  message_template: MessageTemplateTable;
  customer_phone: CustomerPhoneTable;
  customer_product: CustomerProductTable;
  idempotency_record: IdempotencyRecordTable;
  import_job: ImportJobTable;
  import_stock_line: ImportStockLineTable;
  import_refusal: ImportRefusalTable;
  job_lease: JobLeaseTable;
  login_throttle: LoginThrottleTable;
  notification: NotificationTable;
  oidc_sign_in: OidcSignInTable;
  number_sequence: NumberSequenceTable;
  outbox_event: OutboxEventTable;
  part: PartTable;
  part_model: PartModelTable;
  part_request: PartRequestTable;
  part_request_line: PartRequestLineTable;
  part_return: PartReturnTable;
  part_return_line: PartReturnLineTable;
  product_model: ProductModelTable;
  product_ownership_change: ProductOwnershipChangeTable;
  push_message: PushMessageTable;
  push_subscription: PushSubscriptionTable;
  search_token: SearchTokenTable;
  session: SessionTable;
  sign_in_challenge: SignInChallengeTable;
  stock_ledger_entry: StockLedgerEntryTable;
  stock_level: StockLevelTable;
  stock_location: StockLocationTable;
  survey_response: SurveyResponseTable;
  technician_area: TechnicianAreaTable;
  technician_load: TechnicianLoadTable;
  technician_part_limit: TechnicianPartLimitTable;
  totp_recovery_code: TotpRecoveryCodeTable;
  tracking_link: TrackingLinkTable;
  upload_usage: UploadUsageTable;
  user: UserTable;
  user_totp: UserTotpTable;
  webhook: WebhookTable;
  webhook_delivery: WebhookDeliveryTable;
  webhook_feed: WebhookFeedTable;
  work_order: WorkOrderTable;
  work_order_approval: WorkOrderApprovalTable;
  work_order_attachment: WorkOrderAttachmentTable;
  work_order_charge: WorkOrderChargeTable;
  work_order_history: WorkOrderHistoryTable;
  work_order_part: WorkOrderPartTable;
  work_order_overpayment: WorkOrderOverpaymentTable;
  work_order_payment: WorkOrderPaymentTable;
  work_order_refund: WorkOrderRefundTable;
}
