import { z } from 'zod';
import { areaCodeSchema, idSchema, paginationQuerySchema, timestampSchema } from './common';
import { phoneSchema } from './phone';

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

export const createCustomerBodySchema = z.strictObject({
  // One letter is a slip of the keyboard on a call, never a customer's name.
  name: textSchema(120).min(2),
  phone: phoneSchema,
  email: z.email().max(254).nullable().optional(),
  address: textSchema(500),
  /** The district (`31.74.07`) the address lies in; it routes the customer's work orders. */
  areaCode: z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'must be a district code such as 31.74.07'),
});
export type CreateCustomerBody = z.infer<typeof createCustomerBodySchema>;

export const updateCustomerBodySchema = createCustomerBodySchema
  .partial()
  .extend({ version: z.number().int().positive().optional() })
  .strict();
export type UpdateCustomerBody = z.infer<typeof updateCustomerBodySchema>;

export const listCustomersQuerySchema = paginationQuerySchema.extend({
  /** Name, phone number in any Indonesian notation, or a product serial number. */
  q: z.string().trim().min(1).max(100).optional(),
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

export const customerProductSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  model: productModelSchema,
  serialNumber: z.string(),
  purchaseDate: dateSchema.nullable(),
  warrantyUntil: dateSchema.nullable(),
  createdAt: timestampSchema,
});
export type CustomerProduct = z.infer<typeof customerProductSchema>;

export const customerSchema = z.object({
  id: idSchema,
  name: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  address: z.string(),
  areaCode: areaCodeSchema,
  /** District, regency and province names, for display: "Kebayoran Baru, Jakarta Selatan, DKI Jakarta". */
  areaName: z.string(),
  products: z.array(customerProductSchema),
  version: z.number().int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Customer = z.infer<typeof customerSchema>;
