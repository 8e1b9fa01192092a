/**
 * Who runs a periodic job (`platform/jobs.ts`), one row per job. While a pass runs,
 * `expiresAt` is a short lease its holder keeps renewing; between passes it is when the
 * next pass is due. Another instance takes the job only once it has expired.
 */
export interface JobLeaseTable {
  name: string;
  /** The instance that ran (or runs) the latest pass. */
  holder: string;
  expiresAt: string;
}
