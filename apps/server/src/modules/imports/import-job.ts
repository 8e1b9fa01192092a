import type { PeriodicJob } from '../../platform/jobs';
import type { ImportRunner } from './import-runner';

export const importJobName = 'imports';

/**
 * The imports as a periodic job: the lease lets one instance work them; an upload wakes
 * the instance that took it, and when that one dies mid-import another takes the lease
 * over on its next tick and resumes from the checkpoint.
 */
export const createImportJob = ({ runner, intervalMs }: { runner: ImportRunner; intervalMs: number }): PeriodicJob => ({
  name: importJobName,
  intervalMs,
  run: (signal) => runner.runPending(signal),
});
