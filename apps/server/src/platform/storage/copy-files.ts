import type { FileStorage } from './file-storage';

export interface CopyProgress {
  copied: number;
  skipped: number;
  total: number;
}

/** Files copied at once: enough to hide a bucket's latency, few enough for a small server. */
const parallelCopies = 8;

/**
 * Copies every file of `from` that `to` does not have yet. A file's name is unique and its
 * content never changes, so a file of the same name and size in `to` is the same file and
 * is skipped: a second run (after an interruption, or to catch the files saved meanwhile)
 * copies only what is missing.
 */
export async function copyFiles(
  from: FileStorage,
  to: FileStorage,
  onProgress: (progress: CopyProgress) => void,
): Promise<CopyProgress> {
  const [files, present] = await Promise.all([from.list(), to.list()]);
  const sizes = new Map(present.map((file) => [file.name, file.size]));
  const progress: CopyProgress = { copied: 0, skipped: 0, total: files.length };
  const queue = files.values();
  // After a failure the other copiers finish the file in hand and stop.
  let failed = false;
  const copyNext = async () => {
    for (const file of queue) {
      if (failed) return;
      if (sizes.get(file.name) === file.size) progress.skipped += 1;
      else {
        await to.save(file.name, await from.read(file.name));
        progress.copied += 1;
      }
      onProgress({ ...progress });
    }
  };
  const copiers = Array.from({ length: parallelCopies }, () =>
    copyNext().catch((error: unknown) => {
      failed = true;
      throw error;
    }),
  );
  await Promise.all(copiers);
  return progress;
}
