import { randomUUID } from 'node:crypto';
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConfigError } from '../../config';
import {
  assertSafeName,
  type FileStorage,
  isSafeName,
  messageOf,
  StorageUnavailableError,
  StoredFileMissingError,
} from './file-storage';

const isMissing = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';

/** Files in a local folder: the embedded default, for one instance (or a folder they all share). */
export function createDiskStorage(directory: string, origin: string): FileStorage {
  const root = resolve(directory);
  const location = `file:${root}`;
  const pathOf = (name: string) => join(root, assertSafeName(name));

  async function guard<T>(operation: string, name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (operation === 'read' && isMissing(error)) throw new StoredFileMissingError(location, name);
      throw new StorageUnavailableError(operation, name, error);
    }
  }

  /**
   * Written aside, then renamed into place: no reader ever sees half a file, and saving the
   * same file again replaces it with the same bytes.
   */
  async function writeAside(name: string, write: (partial: string) => Promise<void>) {
    const path = pathOf(name);
    await guard('save', name, async () => {
      await mkdir(dirname(path), { recursive: true });
      const partial = `${path}.${randomUUID()}.partial`;
      try {
        await write(partial);
        await rename(partial, path);
      } finally {
        await rm(partial, { force: true });
      }
    });
  }

  return {
    location,
    async verify() {
      try {
        await mkdir(root, { recursive: true });
        await access(root, constants.W_OK);
      } catch (error) {
        throw new ConfigError(`${origin}=${location}: cannot write to the folder: ${messageOf(error)}`);
      }
    },
    save: (name, content) => writeAside(name, (partial) => writeFile(partial, content)),
    async saveStream(name, source) {
      // The source's own error (a body cut off, too large) is the one to report.
      let failure: unknown;
      const guarded = (async function* () {
        try {
          yield* source;
        } catch (error) {
          failure = error;
          throw error;
        }
      })();
      try {
        await writeAside(name, (partial) => pipeline(Readable.from(guarded), createWriteStream(partial)));
      } catch (error) {
        throw failure ?? error;
      }
    },
    async read(name) {
      const path = pathOf(name);
      return guard('read', name, () => readFile(path));
    },
    async readStream(name) {
      const path = pathOf(name);
      await guard('read', name, () => stat(path));
      return createReadStream(path);
    },
    async remove(name) {
      const path = pathOf(name);
      await guard('remove', name, () => rm(path, { force: true }));
    },
    list: () =>
      guard('list', location, async () => {
        const entries = await readdir(root, { recursive: true }).catch((error: unknown) => {
          if (isMissing(error)) return [];
          throw error;
        });
        const names = entries.map((entry) => entry.split(sep).join('/')).filter(isSafeName);
        return Promise.all(names.map(async (name) => ({ name, size: (await stat(join(root, name))).size })));
      }),
  };
}
