import { z } from 'zod';
import { deviceTimeFields, idSchema, maxClockOffsetMs, timestampSchema } from './common';

/** What a work-order photo shows. */
export const attachmentKinds = ['before', 'after', 'damage', 'serial_plate'] as const;
export const attachmentKindSchema = z.enum(attachmentKinds);
export type AttachmentKind = z.infer<typeof attachmentKindSchema>;

/** The image formats accepted, recognized by their content, never by a name or a header. */
export const attachmentContentTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const attachmentContentTypeSchema = z.enum(attachmentContentTypes);
export type AttachmentContentType = z.infer<typeof attachmentContentTypeSchema>;

/**
 * The multipart/form-data body of a photo upload: one `kind` field and one `file` part.
 * The server reads the form into this shape, text fields as strings and the file as its
 * bytes, and validates it like any JSON body.
 */
export const uploadAttachmentBodySchema = z
  .object({
    kind: attachmentKindSchema,
    file: z
      .custom<Uint8Array>((value) => value instanceof Uint8Array, 'must be one file part')
      .meta({ type: 'string', format: 'binary', description: 'A JPEG, PNG or WebP photo' }),
    // Form fields are text: the offset arrives as digits.
    occurredAt: deviceTimeFields.occurredAt,
    clockOffsetMs: z.coerce.number().int().min(-maxClockOffsetMs).max(maxClockOffsetMs).optional(),
  })
  .strict();
export type UploadAttachmentBody = z.infer<typeof uploadAttachmentBodySchema>;

export const attachmentParamsSchema = z.object({ id: idSchema, attachmentId: idSchema });

export const workOrderAttachmentSchema = z.object({
  id: idSchema,
  kind: attachmentKindSchema,
  contentType: attachmentContentTypeSchema,
  /** As displayed: a JPEG turned by its EXIF orientation reports its turned size. */
  width: z.number().int(),
  height: z.number().int(),
  byteSize: z.number().int(),
  /** Where the signed-in user fetches the image. */
  url: z.string(),
  uploadedAt: timestampSchema,
});
export type WorkOrderAttachment = z.infer<typeof workOrderAttachmentSchema>;
