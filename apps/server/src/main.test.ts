import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { testDialect } from '../test/database';
import { startTestS3 } from '../test/s3';

/*
 * The server process itself refuses to start on storage it cannot use, before it opens the
 * database or listens, with a message saying which setting to fix.
 */

const s3 = await startTestS3();

/** Runs `main.ts` as `npm start` would, with only `env`, until it exits. */
function runServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

// The server stops before it opens the database, so one database project proves it.
describe.runIf(testDialect === 'sqlite')('starting the server', () => {
  it('stops with a message naming STORAGE_URL when the bucket does not exist', async () => {
    const { code, stderr } = await runServer({
      ...s3.env,
      STORAGE_URL: 's3://pj-belum-dibuat/files',
      DATABASE_URL: 'sqlite::memory:',
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`STORAGE_URL=s3://pj-belum-dibuat/files: the bucket "pj-belum-dibuat" does not exist`);
  });
});
