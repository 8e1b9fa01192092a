export interface CustomerTable {
  id: string;
  name: string;
  /** E.164, `+62…`, so every notation of a number finds the same customer. */
  phone: string;
  email: string | null;
  address: string;
  /** The district of the address. */
  areaCode: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A product a customer owns: the installed base. */
export interface CustomerProductTable {
  id: string;
  customerId: string;
  modelCode: string;
  serialNumber: string;
  /** Calendar dates, `YYYY-MM-DD`. */
  purchaseDate: string | null;
  warrantyUntil: string | null;
  createdAt: string;
}
