import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestS3 } from '../../../test/s3';
import { ConfigError } from '../../config';
import { createStorage } from './create-storage';
import { type FileStorage, StorageUnavailableError, StoredFileMissingError } from './file-storage';

/*
 * The two stores behind one interface, held to the same table of cases: the local folder
 * and an S3 bucket on a real S3-protocol server.
 */

const s3 = await startTestS3();
const folder = mkdtempSync(join(tmpdir(), 'purnajual-storage-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const stores: [string, () => Promise<FileStorage>][] = [
  ['local folder', async () => createStorage({ kind: 'file', directory: join(folder, randomUUID()) }, s3.settings)],
  ['S3 bucket', async () => createStorage({ kind: 's3', bucket: await s3.createBucket(), prefix: 'pj' }, s3.settings)],
];

const photoName = () => `attachments/${randomUUID()}.jpg`;

async function collect(chunks: AsyncIterable<Buffer>) {
  const all: Buffer[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return Buffer.concat(all).toString();
}

describe.each(stores)('the %s', (_kind, openStore) => {
  it('keeps what it saves, lists it with its size, and forgets it when removed', async () => {
    const store = await openStore();
    await store.verify();
    expect(await store.list()).toEqual([]);
    const photo = photoName();
    const signature = `signatures/${randomUUID()}.png`;
    await store.save(photo, Buffer.from('foto teknisi'));
    await store.save(signature, Buffer.from('tanda tangan'));
    expect((await store.read(photo)).toString()).toBe('foto teknisi');
    const listed = (await store.list()).sort((a, b) => a.name.localeCompare(b.name));
    expect(listed).toEqual([
      { name: photo, size: 12 },
      { name: signature, size: 12 },
    ]);
    await store.remove(photo);
    expect((await store.list()).map((file) => file.name)).toEqual([signature]);
  });

  it('saves a stream as it comes and streams it back; a failed stream leaves nothing', async () => {
    const store = await openStore();
    const name = `imports/${randomUUID()}.csv`;
    async function* chunks() {
      for (let n = 0; n < 100; n += 1) yield Buffer.from(`baris ${n}\n`);
    }
    await store.saveStream(name, chunks());
    expect(await collect(await store.readStream(name))).toBe(await collect(chunks()));
    const broken = `imports/${randomUUID()}.csv`;
    async function* cutOff() {
      yield Buffer.from('awal');
      throw new Error('terputus');
    }
    await expect(store.saveStream(broken, cutOff())).rejects.toThrow('terputus');
    await expect(store.readStream(broken)).rejects.toBeInstanceOf(StoredFileMissingError);
  });

  it('saves the same file again without complaint, as a retried change does', async () => {
    const store = await openStore();
    const photo = photoName();
    await store.save(photo, Buffer.from('sekali'));
    await store.save(photo, Buffer.from('sekali'));
    expect((await store.read(photo)).toString()).toBe('sekali');
    expect(await store.list()).toHaveLength(1);
  });

  it('reads a name it does not have as a missing file, and removes it without complaint', async () => {
    const store = await openStore();
    const photo = photoName();
    await expect(store.read(photo)).rejects.toBeInstanceOf(StoredFileMissingError);
    await expect(store.remove(photo)).resolves.toBeUndefined();
  });

  it('refuses every name the server did not make', async () => {
    const store = await openStore();
    for (const name of ['../../etc/passwd', 'attachments/../../x.jpg', 'attachments/foto.jpg', '/tmp/x.png']) {
      await expect(store.save(name, Buffer.from('x')), name).rejects.toThrow('refusing storage name');
      await expect(store.read(name), name).rejects.toThrow('refusing storage name');
    }
  });
});

describe('the local folder', () => {
  it('lists only files it made, not half-written or foreign ones', async () => {
    const directory = join(folder, randomUUID());
    const store = createStorage({ kind: 'file', directory }, s3.settings);
    const photo = photoName();
    await store.save(photo, Buffer.from('foto'));
    await mkdir(join(directory, 'attachments'), { recursive: true });
    writeFileSync(join(directory, `${photo}.${randomUUID()}.partial`), 'fo');
    writeFileSync(join(directory, 'README.txt'), 'bukan milik server');
    expect(await store.list()).toEqual([{ name: photo, size: 4 }]);
  });
});

describe('an S3 bucket', () => {
  it('is its prefix: another prefix of the same bucket is another store', async () => {
    const bucket = await s3.createBucket();
    const mine = createStorage({ kind: 's3', bucket, prefix: 'cabang/jkt' }, s3.settings);
    const theirs = createStorage({ kind: 's3', bucket, prefix: 'cabang/mks' }, s3.settings);
    const photo = photoName();
    await mine.save(photo, Buffer.from('foto'));
    expect(mine.location).toBe(`s3://${bucket}/cabang/jkt`);
    expect(await theirs.list()).toEqual([]);
    await expect(theirs.read(photo)).rejects.toBeInstanceOf(StoredFileMissingError);
  });

  it('that does not exist fails the check with a message naming STORAGE_URL', async () => {
    const store = createStorage({ kind: 's3', bucket: 'pj-tidak-ada', prefix: '' }, s3.settings);
    await expect(store.verify()).rejects.toBeInstanceOf(ConfigError);
    await expect(store.verify()).rejects.toThrow(
      `STORAGE_URL=s3://pj-tidak-ada: the bucket "pj-tidak-ada" does not exist at ${s3.endpoint}`,
    );
  });

  it('that refuses the credentials fails the check naming the credential variables', async () => {
    // s3rver lets any key in; a server that answers 403 to everything stands for one that does not.
    const refusing = createServer((_request, response) => response.writeHead(403).end());
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const address = refusing.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const settings = { ...s3.settings, endpoint: `http://127.0.0.1:${port}` };
      const store = createStorage({ kind: 's3', bucket: 'pj-rahasia', prefix: '' }, settings);
      const check = store.verify();
      await expect(check).rejects.toThrow(
        'STORAGE_URL=s3://pj-rahasia: the bucket "pj-rahasia" refuses the credentials',
      );
      await expect(check).rejects.toThrow('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    } finally {
      refusing.close();
    }
  });

  it('out of reach fails the check naming S3_ENDPOINT, and each operation as unavailable', async () => {
    // Port 1 on loopback refuses every connection: a storage service that is down.
    const settings = { ...s3.settings, endpoint: 'http://127.0.0.1:1' };
    const store = createStorage({ kind: 's3', bucket: 'pj-mati', prefix: '' }, settings);
    await expect(store.verify()).rejects.toThrow('check S3_ENDPOINT');
    const photo = photoName();
    await expect(store.read(photo)).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(store.save(photo, Buffer.from('x'))).rejects.toBeInstanceOf(StorageUnavailableError);
  });
});
