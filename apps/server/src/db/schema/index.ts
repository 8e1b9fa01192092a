import type { AreaTable } from './area';
import type { BranchAreaTable, BranchTable } from './branch';
import type { CustomerProductTable, CustomerTable } from './customer';
import type { IdempotencyRecordTable } from './idempotency-record';
import type { LoginThrottleTable } from './login-throttle';
import type { NotificationTable } from './notification';
import type { OutboxEventTable } from './outbox-event';
import type { ProductModelTable } from './product-model';
import type { SessionTable } from './session';
import type { TechnicianAreaTable } from './technician-area';
import type { UserTable } from './user';
import type { NumberSequenceTable, WorkOrderHistoryTable, WorkOrderTable } from './work-order';

export interface DB {
  area: AreaTable;
  branch: BranchTable;
  branch_area: BranchAreaTable;
  customer: CustomerTable;
  customer_product: CustomerProductTable;
  idempotency_record: IdempotencyRecordTable;
  login_throttle: LoginThrottleTable;
  notification: NotificationTable;
  number_sequence: NumberSequenceTable;
  outbox_event: OutboxEventTable;
  product_model: ProductModelTable;
  session: SessionTable;
  technician_area: TechnicianAreaTable;
  user: UserTable;
  work_order: WorkOrderTable;
  work_order_history: WorkOrderHistoryTable;
}
