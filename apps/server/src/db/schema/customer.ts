import type { MessageLanguage } from '@purnajual/contract';
import type { Generated } from 'kysely';

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
  /** Set once the customer was found to be another and merged into them: who has their records now. */
  mergedIntoId: string | null;
  mergedAt: string | null;
  mergedBy: string | null;
  /** The customer's id in the company's own system, as a bulk import brought it; unique. */
  externalId: string | null;
  /** 1: the customer asked to receive no more messages. */
  messagesOptOut: Generated<number>;
  /** The language of the messages to them. */
  language: Generated<MessageLanguage>;
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

/** A change of a unit's owner: a transfer, or a merge of its owner into another customer. */
export interface ProductOwnershipChangeTable {
  id: string;
  customerProductId: string;
  kind: 'transfer' | 'merge';
  fromCustomerId: string;
  toCustomerId: string;
  at: string;
  /** The user who recorded it. */
  actorId: string;
}
