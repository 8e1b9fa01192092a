import { z } from 'zod';
import { idSchema, paginationQuerySchema, timestampSchema } from './common';
import { textSchema } from './customers';

export const sendNotificationBodySchema = z
  .strictObject({
    title: textSchema(120),
    body: textSchema(2000),
    /** One or several technicians… */
    technicianIds: z.array(idSchema).min(1).max(500).optional(),
    /** …or every active technician of a branch. */
    branchId: idSchema.optional(),
  })
  .refine((body) => (body.technicianIds === undefined) !== (body.branchId === undefined), {
    message: 'give either technicianIds or branchId',
    path: ['technicianIds'],
  });
export type SendNotificationBody = z.infer<typeof sendNotificationBodySchema>;

export const notificationSchema = z.object({
  id: idSchema,
  title: z.string(),
  body: z.string(),
  workOrderId: idSchema.nullable(),
  sender: z.object({ id: idSchema, name: z.string() }).nullable(),
  readAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
});
export type Notification = z.infer<typeof notificationSchema>;

export const listNotificationsQuerySchema = paginationQuerySchema.extend({
  unread: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;

export const sentNotificationSchema = z.object({
  batchId: idSchema,
  title: z.string(),
  body: z.string(),
  recipients: z.number().int(),
  read: z.number().int(),
  createdAt: timestampSchema,
});
export type SentNotification = z.infer<typeof sentNotificationSchema>;

export const sendNotificationResponseSchema = z.object({ batchId: idSchema, recipients: z.number().int() });
