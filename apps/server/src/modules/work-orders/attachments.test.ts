import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../test/app';
import { workOrderRow } from '../../../test/work-order-row';
import type { Actor } from '../../platform/actor';
import { checkMayAdd, quotaExceeded } from './attachments';

/*
 * What refuses a photo before a byte of it is decoded: who sends it, to which work order,
 * and what its header claims. The upload itself, the quotas taken in its transaction and
 * the stored file are proven through the routes (work-orders.attachments.test.ts,
 * security/upload-abuse.test.ts).
 */

const limits = {
  maxBytes: 64 * 1024,
  maxPixels: 4_000_000,
  maxSide: 1600,
  perWorkOrder: 3,
  bytesPerWorkOrder: 2 * 1024 * 1024,
  bytesPerUserPerDay: 5 * 1024 * 1024,
};
const createdAt = createManualClock().now();
const actorOf = (role: Actor['role'], id: string): Actor => ({
  id,
  employeeNo: id,
  name: id,
  role,
  branchId: 'branch-1',
  sessionId: 'session-1',
});
// A real 2 × 3 PNG, and one whose header claims 5000 × 5000 pixels on a few bytes.
const png2x3 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAFElEQVQImWN0cHBgYGBgYmBgQFAADpQAxilM1wEAAAAASUVORK5CYII=',
  'base64',
);
const pngClaiming = (side: number) => {
  const bytes = Buffer.from(png2x3);
  bytes.writeUInt32BE(side, 16);
  bytes.writeUInt32BE(side, 20);
  return bytes;
};
const assigned = workOrderRow(createdAt, { status: 'in_progress', technicianId: 'tech-1' });
const refusal = (actor: Actor, row = assigned, content: Uint8Array = png2x3) => {
  try {
    checkMayAdd(actor, row, content, limits);
    return null;
  } catch (error) {
    return error;
  }
};

describe('who may add a photo to a work order', () => {
  it('the assigned technician and the office; no other technician, nor the warehouse', () => {
    expect(refusal(actorOf('technician', 'tech-1'))).toBeNull();
    for (const role of ['agent', 'supervisor', 'admin'] as const) expect(refusal(actorOf(role, role))).toBeNull();
    expect(refusal(actorOf('technician', 'tech-2'))).toMatchObject({ code: 'forbidden' });
    expect(refusal(actorOf('warehouse', 'warehouse-1'))).toMatchObject({ code: 'forbidden' });
  });

  it('not once the work order is closed or cancelled', () => {
    for (const status of ['closed', 'cancelled'] as const) {
      expect(refusal(actorOf('agent', 'agent-1'), { ...assigned, status })).toMatchObject({
        code: 'invalid_transition',
      });
    }
    expect(refusal(actorOf('agent', 'agent-1'), { ...assigned, status: 'completed' })).toBeNull();
  });
});

describe('a photo refused before it is decoded', () => {
  const agent = actorOf('agent', 'agent-1');

  it('an empty file, a file that is no image, and a header claiming too many pixels', () => {
    expect(refusal(agent, assigned, new Uint8Array())).toMatchObject({
      code: 'validation_failed',
      errors: [{ path: 'body.file', message: 'is empty' }],
    });
    expect(refusal(agent, assigned, Buffer.from('%PDF-1.7'))).toMatchObject({ code: 'unsupported_media_type' });
    expect(refusal(agent, assigned, pngClaiming(5000))).toMatchObject({ code: 'payload_too_large' });
    expect(refusal(agent, assigned, pngClaiming(2000))).toBeNull();
  });

  it('any photo, however small, once the work order holds as many as it may', () => {
    const full = { ...assigned, photoCount: limits.perWorkOrder };
    expect(refusal(agent, full)).toMatchObject({ code: 'quota_exceeded', limit: 'photosPerWorkOrder' });
  });

  it('names the limit reached in Indonesian and English', () => {
    expect(quotaExceeded(limits, 'bytesPerUserPerDay')).toMatchObject({
      code: 'quota_exceeded',
      limit: 'bytesPerUserPerDay',
      localized: {
        en: 'You may upload at most 5 MiB of photos per day (UTC); try again tomorrow',
        id: 'Anda boleh mengunggah foto paling banyak 5 MiB per hari (UTC); coba lagi besok',
      },
    });
  });
});
