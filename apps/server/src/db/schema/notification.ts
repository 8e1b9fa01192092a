export interface NotificationTable {
  id: string;
  /** One send from the office to several technicians shares a batch. */
  batchId: string;
  recipientId: string;
  /** Null for notifications the system sends (an assignment). */
  senderId: string | null;
  title: string;
  body: string;
  workOrderId: string | null;
  readAt: string | null;
  createdAt: string;
}
