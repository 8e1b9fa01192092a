import { z } from 'zod';
import { idSchema } from './common';
import { customerPhoneSchema, customerSchema } from './customers';

/** `POST /api/v1/customers/:id/merge`: `duplicateId` is merged into the customer of the path, who stays. */
export const mergeCustomerBodySchema = z.strictObject({ duplicateId: idSchema });
export type MergeCustomerBody = z.infer<typeof mergeCustomerBodySchema>;

export const customerMergePreviewQuerySchema = z.object({ duplicateId: idSchema });

/** One of the two customers of a merge, with how many work orders they have (products are listed). */
const mergeSideSchema = z.object({
  customer: customerSchema,
  workOrderCount: z.number().int(),
});

/** What a merge would do, as the supervisor confirms it. */
export const customerMergePreviewSchema = z.object({
  survivor: mergeSideSchema,
  duplicate: mergeSideSchema,
  /** The survivor's numbers after the merge: its own (the primary stays), then the duplicate's others. */
  phones: z.array(customerPhoneSchema),
});
export type CustomerMergePreview = z.infer<typeof customerMergePreviewSchema>;

export const customerMergeResultSchema = z.object({
  /** The survivor as it is now. */
  customer: customerSchema,
  /** What moved over from the duplicate. */
  moved: z.object({
    products: z.number().int(),
    workOrders: z.number().int(),
    phones: z.number().int(),
  }),
});
export type CustomerMergeResult = z.infer<typeof customerMergeResultSchema>;
