import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkOrderBilling } from '@purnajual/contract';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bearer,
  buildAnotherInstance,
  buildTestApp,
  createBranch,
  createCustomer,
  createUser,
  createWorkOrder,
  multipartForm,
  problemOf,
  signaturePng,
} from '../../../test/app';
import { pixelsOf, pixelsOfDataUrl } from '../../../test/images';
import { startTestS3 } from '../../../test/s3';
import { createStorage } from './create-storage';

/*
 * Photos, signatures and the service report with STORAGE_URL=s3://…: two instances on one
 * database, each with a local folder of its own, serve each other's files from the one
 * bucket (with two local folders instead, the second would answer 500 for the first's
 * photo). A third instance that cannot reach the storage answers 503, not 500.
 */

const s3 = await startTestS3();
const bucket = await s3.createBucket();
const folders = mkdtempSync(join(tmpdir(), 'purnajual-instances-'));
afterAll(() => rmSync(folders, { recursive: true, force: true }));
const inBucket = { ...s3.env, STORAGE_URL: `s3://${bucket}/purnajual` };

const t = await buildTestApp({ sharedDatabase: true, env: { ...inBucket, STORAGE_DIR: join(folders, 'first') } });
const second = await buildAnotherInstance(t, { ...inBucket, STORAGE_DIR: join(folders, 'second') });
// Port 1 on loopback refuses every connection: a storage service that is down.
const cutOff = await buildAnotherInstance(t, { ...inBucket, S3_ENDPOINT: 'http://127.0.0.1:1' });

const branch = await createBranch(t, ['31']);
const agent = await createUser(t, 'agent');
const technician = await createUser(t, 'technician', { branchId: branch.id });
const customer = await createCustomer(t);
const jpeg = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAACAAMDASIAAhEBAxEB/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABQQAQAAAAAAAAAAAAAAAAAAAAD/xAAUAQEAAAAAAAAAAAAAAAAAAAAA/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AAA//2Q==',
  'base64',
);

const step = (id: string, token: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/v1/work-orders/${id}/transitions`, headers: bearer(token), payload });
const get = (app: FastifyInstance, url: string) => app.inject({ method: 'GET', url, headers: bearer(agent.token) });

/** A repair in progress with one photo, uploaded through the first instance. */
async function orderWithPhoto() {
  const order = await createWorkOrder(t, agent, { customerId: customer.id, customerProductId: customer.product.id });
  await step(order.id, agent.token, { action: 'assign', technicianId: technician.id });
  await step(order.id, technician.token, { action: 'accept' });
  await step(order.id, technician.token, { action: 'start' });
  const { payload, contentType } = await multipartForm({ kind: 'before' }, [{ content: jpeg }]);
  const uploaded = await t.app.inject({
    method: 'POST',
    url: `/api/v1/work-orders/${order.id}/attachments`,
    headers: { ...bearer(technician.token), 'content-type': contentType },
    payload,
  });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  return { order, photo: uploaded.json<{ id: string; url: string; byteSize: number }>() };
}

describe('with the files in a bucket', () => {
  it('serves a photo uploaded on one instance from the other, and neither keeps a local copy', async () => {
    const { photo } = await orderWithPhoto();
    const served = await get(second, photo.url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.rawPayload.length).toBe(photo.byteSize);
    expect((await get(t.app, photo.url)).rawPayload.equals(served.rawPayload)).toBe(true);
    expect(readdirSync(folders)).toEqual([]);
  });

  it("serves the customer's signatures and the service report drawn from them on the other instance", async () => {
    const { order } = await orderWithPhoto();
    const completed = await step(order.id, technician.token, {
      action: 'complete',
      diagnosis: 'Kapasitor kompresor lemah',
      actionTaken: 'Ganti kapasitor',
      result: 'fixed',
      signature: signaturePng,
    });
    expect(completed.statusCode, completed.body).toBe(200);
    const charges = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/work-orders/${order.id}/charges`,
      headers: bearer(technician.token),
      payload: { labor: 100_000, transport: 50_000 },
    });
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${order.id}/approval`,
      headers: bearer(technician.token),
      payload: { signature: signaturePng, approvedTotal: charges.json<WorkOrderBilling>().total, name: 'Ibu Sri' },
    });
    expect(approved.statusCode, approved.body).toBe(201);

    const png = await pixelsOfDataUrl(signaturePng);
    for (const url of [`/api/v1/work-orders/${order.id}/signature.png`, approved.json().approval.signatureUrl]) {
      const served = await get(second, url);
      expect(served.statusCode, url).toBe(200);
      expect((await pixelsOf(served.rawPayload)).equals(png), url).toBe(true);
    }
    const report = await get(second, `/api/v1/work-orders/${order.id}/report.pdf`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toBe('application/pdf');
    // The photo and both signatures are drawn in it.
    expect(report.rawPayload.toString('latin1').match(/\/Subtype \/Image/g)?.length).toBeGreaterThanOrEqual(3);
  });

  it('answers 503 with Retry-After while the storage is out of reach, on reads and on uploads', async () => {
    const { order, photo } = await orderWithPhoto();
    const read = await get(cutOff, photo.url);
    expect(read.statusCode).toBe(503);
    expect(problemOf(read)).toMatchObject({ code: 'service_unavailable' });
    expect(read.headers['retry-after']).toBe('1');

    const { payload, contentType } = await multipartForm({ kind: 'after' }, [{ content: jpeg }]);
    const upload = await cutOff.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${order.id}/attachments`,
      headers: { ...bearer(technician.token), 'content-type': contentType },
      payload,
    });
    expect(upload.statusCode).toBe(503);
    // The refused upload left no photo row behind.
    const rows = await t.database.db
      .selectFrom('work_order_attachment')
      .select('id')
      .where('workOrderId', '=', order.id)
      .execute();
    expect(rows.map((row) => row.id)).toEqual([photo.id]);
  });

  it('answers 500 for a photo whose object is gone, and goes on serving', async () => {
    const { order, photo } = await orderWithPhoto();
    const row = await t.database.db
      .selectFrom('work_order_attachment')
      .select('storageName')
      .where('id', '=', photo.id)
      .executeTakeFirstOrThrow();
    await createStorage(t.config.storage, t.config.s3).remove(row.storageName);
    const lost = await get(second, photo.url);
    expect(lost.statusCode).toBe(500);
    expect(problemOf(lost).code).toBe('internal_error');
    expect((await get(second, `/api/v1/work-orders/${order.id}`)).statusCode).toBe(200);
  });
});
