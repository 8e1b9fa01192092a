import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { ConfigError, type S3Settings } from '../../config';
import {
  assertSafeName,
  type FileStorage,
  isSafeName,
  messageOf,
  StorageUnavailableError,
  type StoredFile,
  StoredFileMissingError,
} from './file-storage';

export interface S3StorageOptions {
  bucket: string;
  /** Key prefix inside the bucket, without slashes at either end; empty for none. */
  prefix: string;
  settings: S3Settings;
  /** The setting that chose this store, named when it cannot be used. */
  origin: string;
}

const statusOf = (error: unknown) => (error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined);

/** What to fix when the bucket cannot be used, from the answer to HeadBucket. */
function refusalOf(error: unknown, { bucket, settings }: S3StorageOptions): string {
  const status = statusOf(error);
  if (status === 404) return `the bucket "${bucket}" does not exist at ${settings.endpoint ?? 'AWS'}`;
  const where = 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the profile or role the AWS SDK finds';
  if (status === 401 || status === 403) return `the bucket "${bucket}" refuses the credentials: check ${where}`;
  if (error instanceof Error && error.name === 'CredentialsProviderError') {
    return `there are no credentials for the bucket "${bucket}" (${error.message}): set ${where}`;
  }
  if (status === 301) return `the bucket "${bucket}" is not in S3_REGION=${settings.region}`;
  return `cannot reach the bucket "${bucket}" (${messageOf(error)}): check S3_ENDPOINT and the network`;
}

/** Files in a bucket of S3-compatible storage (AWS S3, MinIO, Ceph …), which every instance sees. */
export function createS3Storage(options: S3StorageOptions): FileStorage {
  const { bucket, prefix, settings, origin } = options;
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    // The SDK's default checksums are refused by some S3-compatible services (older MinIO
    // and Ceph); TLS already guards the bytes on the way.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // Without timeouts a bucket that stops answering would hold requests forever.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
  });
  const location = `s3://${bucket}${prefix ? `/${prefix}` : ''}`;
  const keyOf = (name: string) => (prefix ? `${prefix}/${assertSafeName(name)}` : assertSafeName(name));
  const nameOf = (key: string) => (prefix ? key.slice(prefix.length + 1) : key);

  async function guard<T>(operation: string, name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (operation === 'read' && statusOf(error) === 404) throw new StoredFileMissingError(location, name);
      throw new StorageUnavailableError(operation, name, error);
    }
  }

  return {
    location,
    async verify() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
      } catch (error) {
        throw new ConfigError(`${origin}=${location}: ${refusalOf(error, options)}`);
      }
    },
    async save(name, content) {
      const Key = keyOf(name);
      // A PUT replaces the object whole, so saving the same file again is harmless.
      await guard('save', name, () => client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: content })));
    },
    async saveStream(name, source) {
      const Key = keyOf(name);
      // A PUT must say its length: the bytes wait in a local file (not in memory) until the
      // source has ended, then go up in one request, as `save`'s do.
      const folder = await mkdtemp(join(tmpdir(), 'purnajual-upload-'));
      try {
        const spool = join(folder, 'body');
        await pipeline(Readable.from(source), createWriteStream(spool));
        const { size } = await stat(spool);
        await guard('save', name, () =>
          client.send(
            new PutObjectCommand({ Bucket: bucket, Key, Body: createReadStream(spool), ContentLength: size }),
          ),
        );
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
    async readStream(name) {
      const Key = keyOf(name);
      return guard('read', name, async () => {
        const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
        if (!(Body instanceof Readable)) throw new Error('the answer had no body stream');
        return Body;
      });
    },
    async read(name) {
      const Key = keyOf(name);
      return guard('read', name, async () => {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
        const bytes = await object.Body?.transformToByteArray();
        if (bytes === undefined) throw new Error('the answer had no body');
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      });
    },
    async remove(name) {
      const Key = keyOf(name);
      await guard('remove', name, () => client.send(new DeleteObjectCommand({ Bucket: bucket, Key })));
    },
    list: () =>
      guard('list', location, async () => {
        const files: StoredFile[] = [];
        const pages = paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: prefix ? `${prefix}/` : undefined });
        for await (const page of pages) {
          for (const { Key, Size } of page.Contents ?? []) {
            const name = Key === undefined ? '' : nameOf(Key);
            if (isSafeName(name)) files.push({ name, size: Size ?? 0 });
          }
        }
        return files;
      }),
  };
}
