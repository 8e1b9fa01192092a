import { z } from 'zod';
import { areaCodeSchema, idSchema, paginationQuerySchema, timestampSchema } from './common';
import { messageLanguages } from './messages';
import { phoneSchema } from './phone';
import { searchTextSchema } from './search';

export const productCategories = ['ac', 'tv', 'washing_machine', 'refrigerator', 'other'] as const;
export const productCategorySchema = z.enum(productCategories);
export type ProductCategory = z.infer<typeof productCategorySchema>;

export const productModelSchema = z.object({
  code: z.string(),
  brand: z.string(),
  name: z.string(),
  category: productCategorySchema,
  warrantyMonths: z.number().int(),
});
export type ProductModel = z.infer<typeof productModelSchema>;

export const createProductModelBodySchema = z.object({
  code: z
    .string()
    .trim()
    .min(2)
    .max(40)
    .regex(/^[A-Z0-9./-]+$/, 'must be upper-case letters, digits, dot, slash or dash'),
  brand: z.string().trim().min(1).max(60),
  name: z.string().trim().min(1).max(120),
  category: productCategorySchema,
  warrantyMonths: z.number().int().min(0).max(120),
});

export const listProductModelsQuerySchema = paginationQuerySchema.extend({
  q: z.string().trim().min(1).max(100).optional(),
  category: productCategorySchema.optional(),
});
export type ListProductModelsQuery = z.infer<typeof listProductModelsQuerySchema>;

/** A calendar date without time, `2026-11-28`. */
export const dateSchema = z.iso.date();

/** Control characters other than tab and line breaks: never typed by a person, often an attack. */
const isControlCharacter = (character: string) => {
  const code = character.charCodeAt(0);
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;
};

/** Free text a person typed: trimmed, bounded, and free of control characters but newlines. */
export const textSchema = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => ![...value].some(isControlCharacter), 'contains control characters');

export const phoneLabels = ['mobile', 'home', 'office', 'whatsapp', 'family'] as const;
export const phoneLabelSchema = z.enum(phoneLabels);
export type PhoneLabel = z.infer<typeof phoneLabelSchema>;
/** Numbers one customer may have: a mobile, a home line, WhatsApp, an office and family members'. */
export const maxCustomerPhones = 6;

export const customerPhoneSchema = z.object({
  /** E.164, `+62…`. */
  number: z.string(),
  label: phoneLabelSchema,
  isPrimary: z.boolean(),
});
export type CustomerPhone = z.infer<typeof customerPhoneSchema>;

export const customerPhoneInputSchema = z.strictObject({
  number: phoneSchema,
  label: phoneLabelSchema.default('mobile'),
  isPrimary: z.boolean().default(false),
});

/**
 * A customer's numbers: one to `maxCustomerPhones`, each once, exactly one of them primary
 * (when none is marked, the first is). The primary is the customer's `phone`.
 */
const phonesSchema = z
  .array(customerPhoneInputSchema)
  .min(1)
  .max(maxCustomerPhones)
  .superRefine((phones, ctx) => {
    const seen = new Set<string>();
    phones.forEach((phone, index) => {
      if (seen.has(phone.number)) {
        ctx.addIssue({ code: 'custom', message: 'is already in the list', path: [index, 'number'] });
      }
      seen.add(phone.number);
    });
    if (phones.filter((phone) => phone.isPrimary).length > 1) {
      ctx.addIssue({ code: 'custom', message: 'may have only one primary number' });
    }
  })
  .transform((phones): CustomerPhone[] =>
    phones.some((phone) => phone.isPrimary)
      ? phones
      : phones.map((phone, index) => ({ ...phone, isPrimary: index === 0 })),
  );

const customerFields = {
  // One letter is a slip of the keyboard on a call, never a customer's name.
  name: textSchema(120).min(2),
  /** The primary number alone, as clients before `phones` send it. */
  phone: phoneSchema.optional(),
  phones: phonesSchema.optional(),
  email: z.email().max(254).nullable().optional(),
  address: textSchema(500),
  /** The district (`31.74.07`) the address lies in; it routes the customer's work orders. */
  areaCode: z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'must be a district code such as 31.74.07'),
  /** The customer asked to receive no more messages (WhatsApp, SMS, e-mail). */
  messagesOptOut: z.boolean().optional(),
  /** The language of their messages; Indonesian by default. */
  language: z.enum(messageLanguages).optional(),
};

/** `phone` beside `phones` must be the primary of them: two different answers are a mistake. */
function checkPhoneAgreesWithPhones(
  body: { phone?: string | undefined; phones?: CustomerPhone[] | undefined },
  ctx: z.RefinementCtx,
) {
  const primary = body.phones?.find((phone) => phone.isPrimary);
  if (body.phone !== undefined && primary !== undefined && primary.number !== body.phone) {
    ctx.addIssue({ code: 'custom', message: 'must be the primary number of phones, or be left out', path: ['phone'] });
  }
}

export const createCustomerBodySchema = z.strictObject(customerFields).superRefine((body, ctx) => {
  if (body.phone === undefined && body.phones === undefined) {
    ctx.addIssue({ code: 'custom', message: 'is required (or phones)', path: ['phone'] });
  }
  checkPhoneAgreesWithPhones(body, ctx);
});
export type CreateCustomerBody = z.infer<typeof createCustomerBodySchema>;

export const updateCustomerBodySchema = z
  .strictObject(customerFields)
  .partial()
  .extend({ version: z.number().int().positive().optional() })
  .strict()
  .superRefine(checkPhoneAgreesWithPhones);
export type UpdateCustomerBody = z.infer<typeof updateCustomerBodySchema>;

export const listCustomersQuerySchema = paginationQuerySchema.extend({
  /**
   * Four or more consecutive digits of any of the customer's phones (any notation), the
   * start of any word of the name or the address, a serial number or its start, or a
   * work-order number or its start.
   */
  q: searchTextSchema.optional(),
});
export type ListCustomersQuery = z.infer<typeof listCustomersQuerySchema>;

export const createCustomerProductBodySchema = z
  .object({
    modelCode: z.string().trim().min(1).max(40),
    serialNumber: z
      .string()
      .trim()
      .min(3)
      .max(40)
      .regex(/^[A-Za-z0-9./-]+$/, 'may contain letters, digits, dot, slash and dash'),
    purchaseDate: dateSchema.nullable().optional(),
    warrantyUntil: dateSchema.nullable().optional(),
  })
  .refine((body) => !body.purchaseDate || !body.warrantyUntil || body.warrantyUntil >= body.purchaseDate, {
    message: 'must not be before the purchase date',
    path: ['warrantyUntil'],
  });
export type CreateCustomerProductBody = z.infer<typeof createCustomerProductBodySchema>;

/**
 * A unit handed to another customer. Its work orders stay with it (and with the customer
 * they were done for); the dates, when given, replace the unit's (null clears one), and
 * are kept as they are when left out: the warranty is the unit's, not its owner's.
 */
export const transferProductBodySchema = z
  .strictObject({
    toCustomerId: idSchema,
    purchaseDate: dateSchema.nullable().optional(),
    warrantyUntil: dateSchema.nullable().optional(),
  })
  .refine((body) => !body.purchaseDate || !body.warrantyUntil || body.warrantyUntil >= body.purchaseDate, {
    message: 'must not be before the purchase date',
    path: ['warrantyUntil'],
  });
export type TransferProductBody = z.infer<typeof transferProductBodySchema>;

/** A customer as a product's ownership history names them. */
const ownerSchema = z.object({ id: idSchema, name: z.string() });

export const ownershipChangeKinds = ['transfer', 'merge'] as const;

/**
 * One change of a unit's owner: handed to another customer (`transfer`, a sold house, a
 * gift), or moved with its owner's records when two customers were found to be one (`merge`).
 */
export const productOwnershipChangeSchema = z.object({
  kind: z.enum(ownershipChangeKinds),
  from: ownerSchema,
  to: ownerSchema,
  at: timestampSchema,
  /** Who recorded it. */
  by: ownerSchema,
});
export type ProductOwnershipChange = z.infer<typeof productOwnershipChangeSchema>;

export const customerProductSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  model: productModelSchema,
  serialNumber: z.string(),
  purchaseDate: dateSchema.nullable(),
  warrantyUntil: dateSchema.nullable(),
  createdAt: timestampSchema,
  /** Earlier owners, oldest change first; empty for a unit its first owner still has. */
  ownershipHistory: z.array(productOwnershipChangeSchema),
});
export type CustomerProduct = z.infer<typeof customerProductSchema>;

export const customerSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** The primary number. */
  phone: z.string(),
  /** Every number, the primary first. */
  phones: z.array(customerPhoneSchema),
  email: z.string().nullable(),
  address: z.string(),
  areaCode: areaCodeSchema,
  /** District, regency and province names, for display: "Kebayoran Baru, Jakarta Selatan, DKI Jakarta". */
  areaName: z.string(),
  products: z.array(customerProductSchema),
  messagesOptOut: z.boolean(),
  language: z.enum(messageLanguages),
  version: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Customer = z.infer<typeof customerSchema>;

export const customerMatchFields = ['phone', 'serial', 'workOrder', 'name', 'address'] as const;

/** Why a customer is in the results of a search: what matched, and the whole of it. */
export const customerMatchSchema = z.object({
  field: z.enum(customerMatchFields),
  /** The phone number (E.164), serial number, work-order number, name or address that matched. */
  value: z.string(),
});
export type CustomerMatch = z.infer<typeof customerMatchSchema>;

/** A customer in the results of `GET /api/v1/customers`; `matchedBy` is set when the list was searched (`q`). */
export const customerListItemSchema = customerSchema.extend({ matchedBy: customerMatchSchema.optional() });
export type CustomerListItem = z.infer<typeof customerListItemSchema>;
