import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll } from 'vitest';
import type { S3Settings } from '../src/config';

export interface TestS3 {
  endpoint: string;
  /** What a test's configuration needs to reach the server (STORAGE_URL aside). */
  env: Record<string, string>;
  settings: S3Settings;
  /** A new, empty bucket; its name. */
  createBucket(): Promise<string>;
}

/** s3rver does not check signatures: any key pair is let in, so refused credentials are tested elsewhere. */
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', sessionToken: undefined };

/**
 * A real S3-protocol server (s3rver) on a free loopback port, keeping its objects in a
 * temporary folder; stopped and removed after the test file.
 */
export async function startTestS3(): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), 'purnajual-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const settings: S3Settings = { endpoint, region: 'us-east-1', forcePathStyle: true, credentials };
  const client = new S3Client(settings);
  afterAll(async () => {
    client.destroy();
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });
  return {
    endpoint,
    env: {
      S3_ENDPOINT: endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    },
    settings,
    async createBucket() {
      const bucket = `pj-${randomBytes(6).toString('hex')}`;
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      return bucket;
    },
  };
}
