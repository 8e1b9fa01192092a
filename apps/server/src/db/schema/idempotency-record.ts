export interface IdempotencyRecordTable {
  userId: string;
  key: string;
  /** SHA-256 of method, path and body: the same key with another request is refused. */
  requestHash: string;
  state: 'pending' | 'done';
  responseStatus: number | null;
  responseBody: string | null;
  createdAt: string;
}
