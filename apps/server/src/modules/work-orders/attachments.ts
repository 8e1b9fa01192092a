import {
  type AttachmentKind,
  type DeviceTime,
  officeRoles,
  type QuotaLimit,
  type WorkOrderAttachment,
  type WorkOrderStatus,
} from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { DB } from '../../db/schema/index';
import { AppError, fieldError, notFound } from '../../errors';
import type { Actor } from '../../platform/actor';
import { type Clock, toIso } from '../../platform/clock';
import { newId } from '../../platform/ids';
import type { ImageNormalizer } from '../../platform/image-normalizer';
import { inspectImage } from '../../platform/images';
import type { LocalizedText } from '../../platform/problem-language';
import { type FileStorage, saveForChange } from '../../platform/storage/file-storage';
import { takeUploadBytes, uploadDayOf } from '../../platform/upload-usage';
import { describeBytes } from '../../platform/uploads';
import type { RecordedTime } from './device-time';
import type { WorkOrderAccess } from './work-order-access';
import { recordWorkOrderEvent } from './work-order-events';
import { toAttachment } from './work-order-summary';
import * as repo from './work-orders.repository';

type AttachmentLimits = Config['attachments'];

export interface AttachmentsDeps {
  db: Kysely<DB>;
  clock: Clock;
  limits: AttachmentLimits;
  storage: FileStorage;
  images: Pick<ImageNormalizer, 'normalizePhoto'>;
  access: Pick<WorkOrderAccess, 'findVisible'>;
  recordedTimeOf: (workOrderId: string, device: DeviceTime) => Promise<RecordedTime>;
  onCommitted: () => void;
}

/** Statuses after which a work order takes no more photos. */
const photoClosedStatuses = ['closed', 'cancelled'] as const satisfies readonly WorkOrderStatus[];

const photosClosed = () => new AppError('invalid_transition', 'A closed or cancelled work order takes no more photos');

/** The 413 naming the limit a photo went over, in both languages. */
export function quotaExceeded(limits: AttachmentLimits, limit: QuotaLimit) {
  const { perWorkOrder, bytesPerWorkOrder, bytesPerUserPerDay } = limits;
  const texts: Record<QuotaLimit, LocalizedText> = {
    photosPerWorkOrder: {
      en: `A work order takes at most ${perWorkOrder} photos`,
      id: `Satu order kerja menampung paling banyak ${perWorkOrder} foto`,
    },
    bytesPerWorkOrder: {
      en: `The photos of a work order may take at most ${describeBytes(bytesPerWorkOrder)}`,
      id: `Foto satu order kerja paling banyak ${describeBytes(bytesPerWorkOrder)}`,
    },
    bytesPerUserPerDay: {
      en: `You may upload at most ${describeBytes(bytesPerUserPerDay)} of photos per day (UTC); try again tomorrow`,
      id: `Anda boleh mengunggah foto paling banyak ${describeBytes(bytesPerUserPerDay)} per hari (UTC); coba lagi besok`,
    },
  };
  return new AppError('quota_exceeded', texts[limit], { limit });
}

/** The photo's kind and size by its header alone, before anything is decoded. */
export function checkHeader(content: Uint8Array, maxPixels: number) {
  const inspection = inspectImage(content);
  if (inspection.outcome === 'unsupported') {
    throw new AppError('unsupported_media_type', 'The file is not a JPEG, PNG or WebP image');
  }
  if (inspection.outcome === 'damaged') {
    throw fieldError(
      'body.file',
      `is a damaged or incomplete ${inspection.formatName} image`,
      `The ${inspection.formatName} image is damaged or incomplete`,
    );
  }
  const { image } = inspection;
  if (image.width * image.height > maxPixels) {
    throw new AppError(
      'payload_too_large',
      `The image is ${image.width}×${image.height} pixels; at most ${maxPixels / 1_000_000} megapixels are accepted`,
    );
  }
}

/** Who may add a photo, and to which work order: refusals before any byte is decoded. */
export function checkMayAdd(actor: Actor, row: repo.WorkOrderRow, content: Uint8Array, limits: AttachmentLimits) {
  const mayAdd =
    actor.role === 'technician'
      ? row.technicianId === actor.id
      : (officeRoles as readonly string[]).includes(actor.role);
  if (!mayAdd) throw new AppError('forbidden', 'Only the assigned technician and the office may add photos');
  if ((photoClosedStatuses as readonly string[]).includes(row.status)) throw photosClosed();
  if (content.byteLength === 0) throw fieldError('body.file', 'is empty', 'The photo file is empty');
  // Before any decoding: a work order that is full refuses even a tiny photo.
  if (row.photoCount >= limits.perWorkOrder) throw quotaExceeded(limits, 'photosPerWorkOrder');
  checkHeader(content, limits.maxPixels);
}

export function createAttachments(deps: AttachmentsDeps) {
  const { db, clock, limits, storage, images, access, recordedTimeOf, onCommitted } = deps;

  /**
   * Takes the photo's share of the work order's quotas and of the uploader's day, in the
   * upload's transaction: refused (413 `quota_exceeded`, naming the limit) when it does not fit.
   */
  async function takeQuotas(trx: Kysely<DB>, actor: Actor, workOrderId: string, bytes: number) {
    const { perWorkOrder, bytesPerWorkOrder, bytesPerUserPerDay } = limits;
    if (
      !(await repo.takePhotoQuota(trx, workOrderId, bytes, { maxPhotos: perWorkOrder, maxBytes: bytesPerWorkOrder }))
    ) {
      const photos = await repo.countPhotos(trx, workOrderId);
      throw quotaExceeded(limits, photos >= perWorkOrder ? 'photosPerWorkOrder' : 'bytesPerWorkOrder');
    }
    if (!(await takeUploadBytes(trx, actor.id, uploadDayOf(clock.now()), bytes, bytesPerUserPerDay))) {
      throw quotaExceeded(limits, 'bytesPerUserPerDay');
    }
  }

  return {
    /**
     * A photo from the phone (or the office): recognized by its bytes, refused by its header
     * when it states too many pixels, then decoded and stored in normal form (images.ts),
     * within the work order's and the uploader's quotas. The row, the quotas taken and the
     * work order's event are one transaction; the file is written first and removed again
     * if that fails.
     */
    async addAttachment(
      actor: Actor,
      id: string,
      upload: { kind: AttachmentKind; content: Uint8Array; device: DeviceTime },
    ): Promise<WorkOrderAttachment> {
      const row = await access.findVisible(actor, id);
      checkMayAdd(actor, row, upload.content, limits);
      const image = await images.normalizePhoto(upload.content);
      const attachmentId = newId();
      const at = toIso((await recordedTimeOf(id, upload.device)).at);
      const attachment = {
        id: attachmentId,
        workOrderId: id,
        kind: upload.kind,
        contentType: image.contentType,
        byteSize: image.content.byteLength,
        width: image.width,
        height: image.height,
        storageName: `attachments/${attachmentId}.${image.extension}`,
        uploadedBy: actor.id,
        createdAt: at,
      };
      await saveForChange(storage, { name: attachment.storageName, content: image.content }, () =>
        db.transaction().execute(async (trx) => {
          await takeQuotas(trx, actor, id, attachment.byteSize);
          if (!(await repo.insertAttachmentUnless(trx, attachment, photoClosedStatuses))) throw photosClosed();
          // The board and open details refresh on it; the status and version stay as they
          // are, so a transition queued offline with If-Match still applies after the photo.
          await recordWorkOrderEvent(trx, 'work_order.updated', id, row.technicianId, at);
        }),
      );
      onCommitted();
      return toAttachment(attachment);
    },

    /** A photo's bytes, under the same visibility rule as the work order. */
    async readAttachment(actor: Actor, id: string, attachmentId: string) {
      await access.findVisible(actor, id);
      const attachment = await repo.findAttachment(db, id, attachmentId);
      if (!attachment) throw notFound('Attachment');
      return { contentType: attachment.contentType, content: await storage.read(attachment.storageName) };
    },

    /** The customer's signature image, under the same visibility rule as the work order. */
    async readSignature(actor: Actor, id: string): Promise<Buffer> {
      const row = await access.findVisible(actor, id);
      if (row.signatureFile === null) throw notFound('Signature');
      return storage.read(row.signatureFile);
    },
  };
}
