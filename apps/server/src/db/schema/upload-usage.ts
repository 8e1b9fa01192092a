/** Bytes of photos one user stored on one UTC day (`YYYY-MM-DD`), for the daily upload quota. */
export interface UploadUsageTable {
  userId: string;
  day: string;
  bytes: number;
}
