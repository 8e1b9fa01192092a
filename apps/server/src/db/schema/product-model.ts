import type { ProductCategory } from '@purnajual/contract';

export interface ProductModelTable {
  code: string;
  brand: string;
  name: string;
  category: ProductCategory;
  warrantyMonths: number;
}
