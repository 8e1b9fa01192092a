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

/** One of a customer's numbers; the primary one is also `customer.phone`. */
export interface CustomerPhoneTable {
  id: string;
  customerId: string;
  /** E.164, `+62…`. */
  number: string;
  label: 'mobile' | 'home' | 'office' | 'whatsapp' | 'family';
  /**
   * The customer's id on the primary number, null on the others: a unique index on it lets
   * a customer have one primary number at most, on both databases.
   */
  primaryOf: string | null;
  /** The order the agent listed the numbers in. */
  position: number;
}
