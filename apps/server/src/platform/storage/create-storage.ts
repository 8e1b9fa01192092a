import type { S3Settings, StorageLocation } from '../../config';
import { createDiskStorage } from './disk-storage';
import type { FileStorage } from './file-storage';
import { createS3Storage } from './s3-storage';

/** The store at `location`; `origin` is the setting that named it, for the messages of `verify()`. */
export function createStorage(location: StorageLocation, s3: S3Settings, origin = 'STORAGE_URL'): FileStorage {
  if (location.kind === 'file') return createDiskStorage(location.directory, origin);
  return createS3Storage({ bucket: location.bucket, prefix: location.prefix, settings: s3, origin });
}
