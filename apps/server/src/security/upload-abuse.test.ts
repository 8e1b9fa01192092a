import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  buildTestInstances,
  createBranch,
  createCustomer,
  createManualClock,
  createUser,
  createWorkOrder,
  problemOf,
  type TestApp,
  uploadPhoto,
} from '../../test/app';
import { createImageNormalizer } from '../platform/image-normalizer';
import { createStorage } from '../platform/storage/create-storage';

/*
 * Issue #18, items 1 and 2: "PNGs" of random data behind a valid header were stored and
 * embedded as they came, a 97 KB PNG of 5000×4999 zero pixels made every PDF of its work
 * order decode 100 MB, uploads had no quota, and PDFs were drawn on the event loop without
 * bound. Each case here failed before the fix.
 */

const noise = (width: number, height: number) =>
  sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();

/** A PNG signature and a real header, then random bytes where the compressed pixels should be. */
function randomDataPng(bytes: number) {
  const valid = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAFElEQVQImWN0cHBgYGBgYmBgQFAADpQAxilM1wEAAAAASUVORK5CYII=',
    'base64',
  );
  const header = valid.subarray(0, 33);
  const end = valid.subarray(-12);
  return Buffer.concat([header, randomBytes(bytes), end]);
}

/** Whether EXIF data points to a GPS directory (tag 0x8825, in either byte order). */
const hasGpsPointer = (exif: Buffer | undefined) =>
  exif !== undefined && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));

async function workOrderOf(t: TestApp, agent: { token: string }, complaint?: string) {
  const customer = await createCustomer(t);
  return createWorkOrder(t, agent, { customerId: customer.id, ...(complaint ? { complaint } : {}) });
}

const reportOf = (t: TestApp, token: string, id: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1/work-orders/${id}/report.pdf`, headers: bearer(token) });

describe('images are decoded within a budget', async () => {
  const t = await buildTestApp();
  const agent = await createUser(t, 'agent');
  const storage = createStorage(t.config.storage, t.config.s3);
  const storedPhotos = async () => (await storage.list()).filter((file) => file.name.startsWith('attachments/'));
  const rowsOf = (workOrderId: string) =>
    t.database.db.selectFrom('work_order_attachment').selectAll().where('workOrderId', '=', workOrderId).execute();

  it('refuses random data behind a valid PNG header (400, in the caller language) and stores nothing', async () => {
    const order = await workOrderOf(t, agent);
    const before = await storedPhotos();
    const indonesian = await uploadPhoto(t.app, agent.token, order.id, randomDataPng(3 * 1024 * 1024));
    expect(indonesian.statusCode).toBe(400);
    expect(problemOf(indonesian)).toMatchObject({
      code: 'validation_failed',
      title: 'Validasi gagal',
      detail: 'Gambar tidak dapat dibaca: datanya rusak atau bukan gambar',
      errors: [{ path: 'body.file' }],
    });
    const english = await uploadPhoto(t.app, agent.token, order.id, randomDataPng(1024), {
      'accept-language': 'en-US,en;q=0.9,id;q=0.5',
    });
    expect(problemOf(english)).toMatchObject({
      title: 'Validation failed',
      detail: 'The image cannot be decoded: its data is damaged or is not an image',
    });
    expect(await rowsOf(order.id)).toHaveLength(0);
    expect(await storedPhotos()).toEqual(before);
  });

  it('stores a 5000×4999 decompression bomb as a JPEG of at most 1600 px, and the PDF embeds that', async () => {
    const bomb = await sharp({
      create: { width: 5000, height: 4999, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(200 * 1024);
    const order = await workOrderOf(t, agent);
    for (let n = 0; n < 3; n += 1) {
      const response = await uploadPhoto(t.app, agent.token, order.id, bomb);
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ contentType: 'image/jpeg', width: 1600, height: 1600 });
    }
    for (const row of await rowsOf(order.id)) {
      const stored = await sharp(await storage.read(row.storageName)).metadata();
      expect(stored).toMatchObject({ format: 'jpeg', width: 1600, height: 1600, size: row.byteSize });
    }

    const report = await reportOf(t, agent.token, order.id);
    expect(report.statusCode).toBe(200);
    // pdfkit writes each image's dictionary in the clear: every embedded image is the normalized one.
    const widths = [...report.rawPayload.toString('latin1').matchAll(/\/Width (\d+)/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([1600, 1600, 1600]);
  });

  it('leaves the EXIF GPS position behind, and turns the photo upright by its orientation', async () => {
    const order = await workOrderOf(t, agent);
    const photo = await sharp({ create: { width: 300, height: 100, channels: 3, background: '#3366cc' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({
        IFD0: { Make: 'Purnajual' },
        IFD3: {
          GPSLatitudeRef: 'S',
          GPSLatitude: '6/1 12/1 3456/100',
          GPSLongitudeRef: 'E',
          GPSLongitude: '106/1 49/1 0/1',
        },
      })
      .toBuffer();
    const sent = await sharp(photo).metadata();
    expect(sent.orientation).toBe(6);
    expect(hasGpsPointer(sent.exif)).toBe(true);

    const response = await uploadPhoto(t.app, agent.token, order.id, photo);
    expect(response.statusCode, response.body).toBe(201);
    // Orientation 6: a quarter turn clockwise, so 300×100 as stored by the camera is 100×300 as seen.
    expect(response.json()).toMatchObject({ width: 100, height: 300 });
    const [row] = await rowsOf(order.id);
    const stored = await storage.read(row?.storageName ?? '');
    const metadata = await sharp(stored).metadata();
    expect(metadata).toMatchObject({ width: 100, height: 300 });
    expect(metadata.exif).toBeUndefined();
    expect(hasGpsPointer(stored)).toBe(false);
    expect(metadata.orientation).toBeUndefined();
    expect(stored.includes(Buffer.from('Purnajual'))).toBe(false);
  });

  it('re-encodes a signature as a PNG that keeps its transparency', async () => {
    const order = await workOrderOf(t, agent);
    const drawn = await sharp({
      create: { width: 2400, height: 800, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const technician = await createUser(t, 'technician', { branchId: (await createBranch(t, ['31'])).id });
    const step = (token: string, payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/work-orders/${order.id}/transitions`,
        headers: bearer(token),
        payload,
      });
    expect((await step(agent.token, { action: 'assign', technicianId: technician.id })).statusCode).toBe(200);
    await step(technician.token, { action: 'accept' });
    await step(technician.token, { action: 'start' });
    const garbage = await step(technician.token, {
      action: 'complete',
      diagnosis: 'Freon habis',
      actionTaken: 'Isi freon',
      result: 'fixed',
      signature: `data:image/png;base64,${randomDataPng(2048).toString('base64')}`,
    });
    expect(garbage.statusCode).toBe(400);
    expect(problemOf(garbage).errors).toEqual([{ path: 'body.signature', message: 'cannot be decoded as an image' }]);
    const completed = await step(technician.token, {
      action: 'complete',
      diagnosis: 'Freon habis',
      actionTaken: 'Isi freon',
      result: 'fixed',
      signature: `data:image/png;base64,${drawn.toString('base64')}`,
    });
    expect(completed.statusCode, completed.body).toBe(200);
    const signature = await t.app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/${order.id}/signature.png`,
      headers: bearer(agent.token),
    });
    expect(await sharp(signature.rawPayload).metadata()).toMatchObject({
      format: 'png',
      width: 1600,
      height: 533,
      hasAlpha: true,
    });
  });
});

describe('upload quotas, counted in the database across instances', async () => {
  const photo = await noise(200, 200);
  const normalizer = createImageNormalizer({ maxPixels: 25_000_000, maxSide: 1600, concurrency: 1, maxWaiting: 0 });
  const storedBytes = (await normalizer.normalizePhoto(photo)).content.length;
  const clock = createManualClock(new Date());
  const t = await buildTestInstances(2, {
    sharedDatabase: true,
    clock,
    env: {
      ATTACHMENTS_PER_WORK_ORDER: '20',
      ATTACHMENT_BYTES_PER_WORK_ORDER: String(Math.floor(storedBytes * 2.5)),
      UPLOAD_BYTES_PER_USER_PER_DAY: String(Math.floor(storedBytes * 3.5)),
    },
  });
  const [one, two] = t.instances.map((instance) => instance.app);
  if (!one || !two) throw new Error('two instances');
  const agent = await createUser(t, 'agent');
  const tiny = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
    .jpeg()
    .toBuffer();

  it('takes 20 photos on a work order and answers the 21st 413 quota_exceeded, whichever instance it reaches', async () => {
    const uploader = await createUser(t, 'agent');
    const order = await workOrderOf(t, uploader);
    for (let n = 0; n < 20; n += 1) {
      const response = await uploadPhoto(n % 2 === 0 ? one : two, uploader.token, order.id, tiny);
      expect(response.statusCode, response.body).toBe(201);
    }
    const twentyFirst = await uploadPhoto(two, uploader.token, order.id, tiny);
    expect(twentyFirst.statusCode).toBe(413);
    expect(problemOf(twentyFirst)).toMatchObject({
      code: 'quota_exceeded',
      type: 'https://purnajual.id/problems/quota-exceeded',
      title: 'Kuota terlampaui',
      limit: 'photosPerWorkOrder',
      detail: 'Satu order kerja menampung paling banyak 20 foto',
    });
    const english = await uploadPhoto(one, uploader.token, order.id, tiny, { 'accept-language': 'en' });
    expect(problemOf(english)).toMatchObject({
      title: 'Quota exceeded',
      detail: 'A work order takes at most 20 photos',
    });
  });

  it('lets parallel uploads on two instances take no more than the quota', async () => {
    const uploader = await createUser(t, 'agent');
    const order = await workOrderOf(t, uploader);
    const responses = await Promise.all(
      Array.from({ length: 26 }, (_, n) => uploadPhoto(n % 2 === 0 ? one : two, uploader.token, order.id, tiny)),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(20);
    expect(statuses.filter((status) => status === 413)).toHaveLength(6);
    const rows = await t.database.db
      .selectFrom('work_order_attachment')
      .select('id')
      .where('workOrderId', '=', order.id)
      .execute();
    expect(rows).toHaveLength(20);
  });

  it('counts the stored bytes per work order and per user and day, and a new day starts afresh', async () => {
    const first = await workOrderOf(t, agent);
    const second = await workOrderOf(t, agent);
    expect((await uploadPhoto(one, agent.token, first.id, photo)).statusCode).toBe(201);
    expect((await uploadPhoto(two, agent.token, first.id, photo)).statusCode).toBe(201);
    const thirdOnFirst = await uploadPhoto(one, agent.token, first.id, photo);
    expect(thirdOnFirst.statusCode).toBe(413);
    expect(problemOf(thirdOnFirst).limit).toBe('bytesPerWorkOrder');

    expect((await uploadPhoto(two, agent.token, second.id, photo)).statusCode).toBe(201);
    const fourthToday = await uploadPhoto(one, agent.token, second.id, photo);
    expect(fourthToday.statusCode).toBe(413);
    expect(problemOf(fourthToday).limit).toBe('bytesPerUserPerDay');
    const colleague = await createUser(t, 'agent');
    expect((await uploadPhoto(one, colleague.token, second.id, photo)).statusCode).toBe(201);

    clock.advanceSeconds(86400);
    const third = await workOrderOf(t, agent);
    expect((await uploadPhoto(two, agent.token, third.id, photo)).statusCode).toBe(201);
  });
});

describe('service reports are drawn in a bounded pool of workers', async () => {
  const t = await buildTestApp({
    reportWorkerUrl: new URL('../../test/faulty-report-worker.ts', import.meta.url),
    env: { PDF_WORKERS: '1', PDF_QUEUE: '0', PDF_TIMEOUT: '8s', PDF_WORKER_MEMORY_MB: '64' },
  });
  const agent = await createUser(t, 'agent');
  const healthy = await workOrderOf(t, agent);
  const warmUp = await reportOf(t, agent.token, healthy.id);
  expect(warmUp.statusCode, warmUp.body).toBe(200);

  it('answers 503 with Retry-After when every worker is busy and the queue is full', async () => {
    const slow = await workOrderOf(t, agent, 'fault: slow');
    const [first, second] = await Promise.all([reportOf(t, agent.token, slow.id), reportOf(t, agent.token, slow.id)]);
    const statuses = [first?.statusCode, second?.statusCode].sort();
    expect(statuses).toEqual([200, 503]);
    const refused = first?.statusCode === 503 ? first : second;
    if (!refused) throw new Error('two responses');
    expect(refused.headers['retry-after']).toBe('5');
    expect(problemOf(refused)).toMatchObject({ code: 'service_unavailable', title: 'Layanan sedang tidak tersedia' });
  });

  it('answers 503 for a worker that runs out of its heap, and draws the next report in its replacement', async () => {
    const greedy = await workOrderOf(t, agent, 'fault: exhaust the heap');
    const crashed = await reportOf(t, agent.token, greedy.id);
    expect(crashed.statusCode).toBe(503);
    expect(problemOf(crashed).detail).toBe('Laporan gagal dibuat; coba lagi');
    expect(crashed.body).not.toContain('at ');
    const next = await reportOf(t, agent.token, healthy.id);
    expect(next.statusCode).toBe(200);
    expect(next.headers['content-type']).toBe('application/pdf');
  });

  it('stops a worker past the timeout with a 503, and draws the next report in its replacement', async () => {
    const stuck = await workOrderOf(t, agent, 'fault: never finish');
    const timedOut = await reportOf(t, agent.token, stuck.id);
    expect(timedOut.statusCode).toBe(503);
    expect(problemOf(timedOut).detail).toBe('Laporan terlalu lama dibuat; coba lagi');
    expect((await reportOf(t, agent.token, healthy.id)).statusCode).toBe(200);
  }, 30_000);
});
