/** The spare-parts catalog. Booleans are 0/1: SQLite has no boolean type. */
export interface PartTable {
  id: string;
  partNo: string;
  name: string;
  /** Integer rupiah. */
  price: number;
  returnable: number;
  mustReturnDefective: number;
  reorderLevel: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The product models a part fits. */
export interface PartModelTable {
  partId: string;
  modelCode: string;
}
