import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createCustomer,
  createUser,
  createWorkOrder,
  type FilePart,
  multipartForm,
  problemOf,
} from '../../../test/app';
import { newId } from '../../platform/ids';
import { createStorage } from '../../platform/storage/create-storage';
import { insertAttachmentUnless } from './work-orders.repository';

/*
 * Photos on work orders: recognized by their bytes, limited in bytes and in pixels (read
 * from the header before anything is decoded), decoded and stored as JPEG under server-made
 * names, served only to those who may see the work order, and safe to resend from an
 * offline queue. What normalization does to a photo: security/upload-abuse.test.ts.
 */

const maxBytes = 64 * 1024;
const t = await buildTestApp({ env: { ATTACHMENT_MAX_BYTES: String(maxBytes) } });
const { app } = t;

// Real images, made with libjpeg-turbo's cjpeg and libwebp's cwebp and dwebp.
const jpeg3x2 = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAACAAMDASIAAhEBAxEB/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/xAAUAQEAAAAAAAAAAAAAAAAAAAAA/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AAA//2Q==',
  'base64',
);
const png2x3 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAFElEQVQImWN0cHBgYGBgYmBgQFAADpQAxilM1wEAAAAASUVORK5CYII=',
  'base64',
);
const webp3x2 = Buffer.from('UklGRiQAAABXRUJQVlA4IBgAAABQAQCdASoDAAIAAUAmJaQABHQAAORAAAA=', 'base64');
const webp1x1 = Buffer.from('UklGRh4AAABXRUJQVlA4TBEAAAAvAAAAAAfQnAJ3pf+BiOh/AAA=', 'base64');

function pngChunk(type: string, data: Buffer) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A few hundred bytes whose header claims width × height: what a decompression bomb looks like. */
function pngClaiming(width: number, height: number) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    png2x3.subarray(0, 8),
    pngChunk('IHDR', header),
    pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const branch = await createBranch(t, ['31']);
const makassar = await createBranch(t, ['73']);
const agent = await createUser(t, 'agent');
const asAdmin = { ...agent, role: 'admin' as const, sessionId: '' };
const techA = await createUser(t, 'technician', { branchId: branch.id });
const techB = await createUser(t, 'technician', { branchId: branch.id });
const farTech = await createUser(t, 'technician', { branchId: makassar.id });
await t.services.users.setTechnicianAreas(asAdmin, techA.id, ['31.74']);
await t.services.users.setTechnicianAreas(asAdmin, techB.id, ['31.74']);
await t.services.users.setTechnicianAreas(asAdmin, farTech.id, ['73']);
const warehouse = await createUser(t, 'warehouse', { branchId: branch.id });
const makassarSupervisor = await createUser(t, 'supervisor', { branchId: makassar.id });
const customer = await createCustomer(t, { areaCode: '31.74.07' });

/** A work order technician A has claimed. */
async function claimedOrder() {
  const order = await createWorkOrder(t, agent, { customerId: customer.id });
  const claim = await app.inject({
    method: 'POST',
    url: `/api/v1/work-orders/${order.id}/transitions`,
    headers: bearer(techA.token),
    payload: { action: 'claim' },
  });
  expect(claim.statusCode).toBe(200);
  return order;
}

async function upload(
  token: string,
  id: string,
  {
    fields = { kind: 'before' } as Record<string, string>,
    files = [{ content: jpeg3x2 }] as FilePart[],
    headers = {} as Record<string, string>,
  } = {},
) {
  const { payload, contentType } = await multipartForm(fields, files);
  return app.inject({
    method: 'POST',
    url: `/api/v1/work-orders/${id}/attachments`,
    headers: { ...bearer(token), 'content-type': contentType, ...headers },
    payload,
  });
}

const detailOf = async (id: string, token = agent.token) =>
  (await app.inject({ method: 'GET', url: `/api/v1/work-orders/${id}`, headers: bearer(token) })).json();

const rowsOf = (workOrderId: string) =>
  t.database.db.selectFrom('work_order_attachment').selectAll().where('workOrderId', '=', workOrderId).execute();

const storage = createStorage(t.config.storage, t.config.s3);
const storedFiles = async () =>
  (await storage.list()).map((file) => file.name).filter((name) => name.startsWith('attachments/'));

describe('photo uploads', () => {
  it('takes real JPEG, PNG and WebP photos, whatever the client calls them, stores each as a JPEG, and lists them on the detail', async () => {
    const order = await claimedOrder();
    const cases = [
      { content: jpeg3x2, kind: 'before', width: 3, height: 2 },
      { content: png2x3, kind: 'serial_plate', width: 2, height: 3 },
      { content: webp3x2, kind: 'damage', width: 3, height: 2 },
      { content: webp1x1, kind: 'after', width: 1, height: 1 },
    ];
    const uploaded = [];
    for (const { content, kind, ...expected } of cases) {
      // The name and type a client sends are ignored, even a hostile name.
      const response = await upload(techA.token, order.id, {
        fields: { kind },
        files: [{ content, name: '../../etc/passwd.exe', type: 'application/octet-stream' }],
      });
      expect(response.statusCode, response.body).toBe(201);
      const body = response.json();
      expect(body).toMatchObject({ kind, ...expected, contentType: 'image/jpeg' });
      expect(body.url).toBe(`/api/v1/work-orders/${order.id}/attachments/${body.id}`);
      uploaded.push(body);
    }

    const detail = await detailOf(order.id);
    expect(detail.attachments).toEqual(uploaded);
    expect(detail.version).toBe(2);
    for (const row of await rowsOf(order.id)) {
      expect(row.storageName).toMatch(/^attachments\/[0-9a-f-]{36}\.jpg$/);
      expect(row.uploadedBy).toBe(techA.id);
    }

    const photo = await app.inject({ method: 'GET', url: uploaded[1].url, headers: bearer(agent.token) });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.headers['x-content-type-options']).toBe('nosniff');
    expect(photo.headers['content-disposition']).toBe('inline');
    expect(photo.headers['cache-control']).toBe('private, max-age=3600');
    expect(photo.rawPayload.length).toBe(uploaded[1].byteSize);
    expect(await sharp(photo.rawPayload).metadata()).toMatchObject({ format: 'jpeg', width: 2, height: 3 });
  });

  it('lets the office add photos too, and writes a work_order.updated event with each', async () => {
    const order = await claimedOrder();
    const events = () =>
      t.database.db
        .selectFrom('outbox_event')
        .select(['type', 'technicianId'])
        .where('workOrderId', '=', order.id)
        .orderBy('id')
        .execute();
    const before = await events();
    expect((await upload(agent.token, order.id, { fields: { kind: 'damage' } })).statusCode).toBe(201);
    expect(await events()).toEqual([...before, { type: 'work_order.updated', technicianId: techA.id }]);
  });

  it('refuses files that are not JPEG, PNG or WebP by their content (415), and stores nothing', async () => {
    const order = await claimedOrder();
    const filesBefore = await storedFiles();
    const impostors = [
      { content: Buffer.from('Bukan foto, hanya teks.\n'), name: 'foto.jpg', type: 'image/jpeg' },
      { content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), type: 'image/png' },
      { content: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), name: 'foto.gif', type: 'image/gif' },
    ];
    for (const file of impostors) {
      const response = await upload(techA.token, order.id, { files: [file] });
      expect(response.statusCode).toBe(415);
      expect(problemOf(response).code).toBe('unsupported_media_type');
    }
    const json = await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${order.id}/attachments`,
      headers: bearer(techA.token),
      payload: { kind: 'before', file: jpeg3x2.toString('base64') },
    });
    expect(json.statusCode).toBe(415);
    expect(await rowsOf(order.id)).toEqual([]);
    expect(await storedFiles()).toEqual(filesBefore);
  });

  it('refuses a file over the byte limit (413) and an image over the pixel limit, unread and undecoded, and one whose pixels are missing (400)', async () => {
    const order = await claimedOrder();
    const filesBefore = await storedFiles();
    const padded = Buffer.concat([jpeg3x2, Buffer.alloc(maxBytes + 1 - jpeg3x2.length, 0xff)]);
    const tooBig = await upload(techA.token, order.id, { files: [{ content: padded }] });
    expect(tooBig.statusCode).toBe(413);
    expect(problemOf(tooBig)).toMatchObject({ code: 'payload_too_large', detail: 'A file may be at most 64 KiB' });
    const justFits = Buffer.concat([jpeg3x2, Buffer.alloc(maxBytes - jpeg3x2.length, 0)]);
    expect((await upload(techA.token, order.id, { files: [{ content: justFits }] })).statusCode).toBe(201);

    const bomb = pngClaiming(10000, 10000);
    expect(bomb.length).toBeLessThan(100);
    const tooManyPixels = await upload(techA.token, order.id, { files: [{ content: bomb, type: 'image/png' }] });
    expect(tooManyPixels.statusCode).toBe(413);
    expect(problemOf(tooManyPixels).detail).toBe('The image is 10000×10000 pixels; at most 25 megapixels are accepted');
    const noPixels = await upload(techA.token, order.id, { files: [{ content: pngClaiming(5000, 5000) }] });
    expect(noPixels.statusCode).toBe(400);
    expect(problemOf(noPixels)).toMatchObject({ code: 'validation_failed', errors: [{ path: 'body.file' }] });
    expect(await rowsOf(order.id)).toHaveLength(1);
    expect((await storedFiles()).length).toBe(filesBefore.length + 1);
  });

  it('answers bad forms with 4xx problems and stores nothing', async () => {
    const order = await claimedOrder();
    const filesBefore = await storedFiles();
    const before = { kind: 'before' };
    const cases: { name: string; fields: Record<string, string>; files: FilePart[]; path: string }[] = [
      { name: 'no file', fields: before, files: [], path: 'body.file' },
      { name: 'two files', fields: before, files: [{ content: jpeg3x2 }, { content: png2x3 }], path: 'body' },
      { name: 'no kind', fields: {}, files: [{ content: jpeg3x2 }], path: 'body.kind' },
      { name: 'unknown kind', fields: { kind: 'selfie' }, files: [{ content: jpeg3x2 }], path: 'body.kind' },
      { name: 'another field', fields: { ...before, note: 'x' }, files: [{ content: jpeg3x2 }], path: 'body.note' },
      {
        name: 'more fields than the form has',
        fields: { ...before, occurredAt: new Date().toISOString(), clockOffsetMs: '0', note: 'x' },
        files: [{ content: jpeg3x2 }],
        path: 'body',
      },
      { name: 'empty file', fields: before, files: [{ content: Buffer.alloc(0) }], path: 'body.file' },
      {
        name: 'only a JPEG signature',
        fields: before,
        files: [{ content: jpeg3x2.subarray(0, 3) }],
        path: 'body.file',
      },
      {
        name: 'PNG cut after its header',
        fields: before,
        files: [{ content: png2x3.subarray(0, 40) }],
        path: 'body.file',
      },
      { name: 'JPEG cut in half', fields: before, files: [{ content: jpeg3x2.subarray(0, 141) }], path: 'body.file' },
      {
        name: 'JPEG without its end',
        fields: before,
        files: [{ content: jpeg3x2.subarray(0, -2) }],
        path: 'body.file',
      },
      { name: 'WebP cut short', fields: before, files: [{ content: webp3x2.subarray(0, 30) }], path: 'body.file' },
    ];
    for (const { name, fields, files, path } of cases) {
      const response = await upload(techA.token, order.id, { fields, files });
      expect(response.statusCode, `${name}: ${response.body}`).toBe(400);
      expect(
        problemOf(response).errors?.map((e) => e.path),
        name,
      ).toContain(path);
    }

    const boundary = 'batas';
    const malformed = await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${order.id}/attachments`,
      headers: { ...bearer(techA.token), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n${jpeg3x2.toString('latin1')}`,
    });
    expect(malformed.statusCode).toBe(400);
    problemOf(malformed);
    const noBoundary = await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${order.id}/attachments`,
      headers: { ...bearer(techA.token), 'content-type': 'multipart/form-data' },
      payload: 'kind=before',
    });
    expect(noBoundary.statusCode).toBe(400);

    expect(await rowsOf(order.id)).toEqual([]);
    expect(await storedFiles()).toEqual(filesBefore);
  });

  it('refuses photos on closed or cancelled work orders (409)', async () => {
    const order = await claimedOrder();
    await app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${order.id}/transitions`,
      headers: bearer(agent.token),
      payload: { action: 'cancel', reason: 'Pelanggan membatalkan' },
    });
    const response = await upload(agent.token, order.id);
    expect(response.statusCode).toBe(409);
    expect(problemOf(response).code).toBe('invalid_transition');

    // The insert holds the same rule, for a cancel that commits after the service looked.
    const id = newId();
    const row = {
      id,
      workOrderId: order.id,
      kind: 'before' as const,
      contentType: 'image/jpeg' as const,
      byteSize: jpeg3x2.length,
      width: 3,
      height: 2,
      storageName: `attachments/${id}.jpg`,
      uploadedBy: agent.id,
      createdAt: new Date().toISOString(),
    };
    expect(await insertAttachmentUnless(t.database.db, row, ['closed', 'cancelled'])).toBe(false);
    expect(await rowsOf(order.id)).toEqual([]);
    expect(await insertAttachmentUnless(t.database.db, row, ['closed'])).toBe(true);
  });
});

describe('who may add and see photos', () => {
  it('hides a work order and its photos from technicians who may not see it, on upload and download', async () => {
    const order = await claimedOrder();
    const photo = (await upload(techA.token, order.id)).json();
    for (const outsider of [techB, farTech, makassarSupervisor]) {
      const added = await upload(outsider.token, order.id);
      expect(added.statusCode).toBe(404);
      expect(problemOf(added).code).toBe('not_found');
      const seen = await app.inject({ method: 'GET', url: photo.url, headers: bearer(outsider.token) });
      expect(seen.statusCode).toBe(404);
      expect(problemOf(seen).code).toBe('not_found');
    }
    // An attachment id under another work order is not found either.
    const other = await claimedOrder();
    const crossed = await app.inject({
      method: 'GET',
      url: `/api/v1/work-orders/${other.id}/attachments/${photo.id}`,
      headers: bearer(techA.token),
    });
    expect(crossed.statusCode).toBe(404);
    expect(await rowsOf(order.id)).toHaveLength(1);
  });

  it('lets those who see a work order but do not work on it look at photos, not add them', async () => {
    const order = await claimedOrder();
    const photo = (await upload(techA.token, order.id)).json();
    const byWarehouse = await upload(warehouse.token, order.id);
    expect(byWarehouse.statusCode).toBe(403);
    const seen = await app.inject({ method: 'GET', url: photo.url, headers: bearer(warehouse.token) });
    expect(seen.statusCode).toBe(200);

    // Technician B sees the unassigned work order (it is in their area) but has not claimed it.
    const unassigned = await createWorkOrder(t, agent, { customerId: customer.id });
    const byCovering = await upload(techB.token, unassigned.id);
    expect(byCovering.statusCode).toBe(403);
    expect(problemOf(byCovering).code).toBe('forbidden');
    expect(await rowsOf(unassigned.id)).toEqual([]);
  });
});

describe('resending a photo with an Idempotency-Key', () => {
  it('adds it once, replays the first answer, and refuses the key with another file or kind (422)', async () => {
    const order = await claimedOrder();
    const key = { 'idempotency-key': 'foto-9c1e' };
    const first = await upload(techA.token, order.id, { headers: key });
    const again = await upload(techA.token, order.id, { headers: key });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await rowsOf(order.id)).toHaveLength(1);

    const otherFile = await upload(techA.token, order.id, { headers: key, files: [{ content: png2x3 }] });
    expect(otherFile.statusCode).toBe(422);
    expect(problemOf(otherFile).code).toBe('idempotency_key_reused');
    const otherKind = await upload(techA.token, order.id, { headers: key, fields: { kind: 'after' } });
    expect(otherKind.statusCode).toBe(422);
    expect(await rowsOf(order.id)).toHaveLength(1);
    expect((await detailOf(order.id)).attachments).toHaveLength(1);
  });
});

describe('the OpenAPI document', () => {
  it('describes the upload as a multipart form with a binary file', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const operation = document.paths['/api/v1/work-orders/{id}/attachments'].post;
    const form = operation.requestBody.content['multipart/form-data'].schema;
    expect(form.required).toEqual(['kind', 'file']);
    expect(form.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(form.properties.kind.enum).toEqual(['before', 'after', 'damage', 'serial_plate']);
    expect(operation.responses['201']).toBeDefined();
  });
});
