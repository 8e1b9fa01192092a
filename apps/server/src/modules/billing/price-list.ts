import { type ProductCategory, productCategories, type ServiceType, serviceTypes } from '@purnajual/contract';
import { z } from 'zod';

/**
 * What labor and transport cost for one service type and product category. Labor comes
 * in levels (a light, a medium and a heavy repair); a technician picks one of them, the
 * office may charge any amount.
 */
export interface PriceListEntry {
  labor: number[];
  transport: number;
}

export type PriceList = Record<ServiceType, Record<ProductCategory, PriceListEntry>>;

/**
 * The default prices in rupiah, before tax. A carry-in repair has no transport: the
 * customer brings the unit to the branch.
 */
export const defaultPriceList: PriceList = {
  home_visit: {
    ac: { labor: [100_000, 175_000, 300_000], transport: 50_000 },
    tv: { labor: [75_000, 150_000, 250_000], transport: 50_000 },
    washing_machine: { labor: [90_000, 160_000, 275_000], transport: 50_000 },
    refrigerator: { labor: [100_000, 175_000, 325_000], transport: 50_000 },
    other: { labor: [75_000, 125_000, 200_000], transport: 50_000 },
  },
  carry_in: {
    ac: { labor: [75_000, 150_000, 250_000], transport: 0 },
    tv: { labor: [50_000, 125_000, 200_000], transport: 0 },
    washing_machine: { labor: [75_000, 140_000, 250_000], transport: 0 },
    refrigerator: { labor: [85_000, 150_000, 300_000], transport: 0 },
    other: { labor: [50_000, 100_000, 175_000], transport: 0 },
  },
};

const rupiah = z.number().int().min(0).max(1_000_000_000);
const entrySchema = z.object({ labor: z.array(rupiah).min(1).max(10), transport: rupiah }).strict();

/**
 * `LABOR_PRICE_LIST`: JSON naming only the entries that differ from the defaults, e.g.
 * `{"home_visit":{"ac":{"labor":[120000,200000],"transport":60000}}}`.
 */
export const priceListOverrideSchema = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.partialRecord(z.enum(serviceTypes), z.partialRecord(z.enum(productCategories), entrySchema)));

export function applyPriceListOverride(override: z.infer<typeof priceListOverrideSchema> | undefined): PriceList {
  const merged = structuredClone(defaultPriceList);
  for (const serviceType of serviceTypes) {
    for (const category of productCategories) {
      const entry = override?.[serviceType]?.[category];
      if (entry)
        merged[serviceType][category] = { labor: [...entry.labor].sort((a, b) => a - b), transport: entry.transport };
    }
  }
  return merged;
}
