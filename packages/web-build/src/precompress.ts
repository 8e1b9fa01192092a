import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';
import { afterBuild } from './after-build';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text the browser downloads; images and fonts are compressed already. */
const compressible = /\.(js|mjs|css|html|svg|webmanifest|json|txt|xml)$/;

async function compressFile(path: string): Promise<void> {
  const source = await readFile(path);
  // Built once and served many times, so each gets its slowest, smallest setting.
  const [br, gz] = await Promise.all([
    brotli(source, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
      },
    }),
    gzipAsync(source, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  // A copy no smaller than the file would only cost the server a lookup.
  if (br.length < source.length) await writeFile(`${path}.br`, br);
  if (gz.length < source.length) await writeFile(`${path}.gz`, gz);
}

/** Every compressible file under `dir`, the service worker and manifest included. */
async function precompressDir(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && compressible.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
  await Promise.all(files.map(compressFile));
  return files.length;
}

/**
 * Writes `name.br` and `name.gz` beside each text file of the build, which the server
 * sends as they are (`@fastify/static`'s `preCompressed`) instead of compressing on
 * every request. Runs after every other plugin has closed the bundle, so the service
 * worker written by vite-plugin-pwa is compressed too.
 */
export const precompress = (): Plugin =>
  afterBuild('purnajual:precompress', async (outDir, config) => {
    const count = await precompressDir(outDir);
    config.logger.info(`precompressed ${count} text files (br, gz) in ${outDir}`);
  });
