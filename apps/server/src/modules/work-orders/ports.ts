import type {
  CustomerMessageKind,
  MessageLanguage,
  PartLine,
  ProductCategory,
  ServiceType,
  WarrantyStatus,
  WorkOrderBilling,
  WorkOrderPart,
  WorkOrderSurvey,
} from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';

/*
 * What the work-order module needs from the modules built on it — billing, parts and
 * tracking depend on work orders, never the other way (docs/MODULES.md). The work-order
 * module declares here what it calls; those modules implement it and `services.ts` hands
 * the implementations in.
 */

/** What a work order's bill depends on. */
export interface BillableOrder {
  id: string;
  serviceType: ServiceType;
  /** The product's category; `other` when the work order names no product. */
  category: ProductCategory;
  warrantyStatus: WarrantyStatus;
  partsUsed: readonly WorkOrderPart[];
}

/** The billing module's reading of a bill, for the detail and the closing rule. */
export interface BillReader {
  describe(conn: Kysely<DB>, order: BillableOrder): Promise<WorkOrderBilling>;
}

/** The billing module's record of a paid repair's parts going back to the bag. */
export interface PaidPartsReturn {
  recordPartsReturned(
    trx: Kysely<DB>,
    change: { before: BillableOrder; after: BillableOrder; reason: string; actorId: string; at: string },
  ): Promise<void>;
}

/** The parts module's bag, as completing, cancelling and reopening a repair moves it. */
export interface PartsOnWorkOrder {
  useOnWorkOrder(
    trx: Kysely<DB>,
    use: { workOrderId: string; technicianId: string; lines: PartLine[]; at: string },
  ): Promise<void>;
  reverseWorkOrderUse(trx: Kysely<DB>, reversal: { workOrderId: string; actorId: string; at: string }): Promise<void>;
  findPartsUsed(workOrderId: string, conn?: Kysely<DB>): Promise<WorkOrderPart[]>;
}

/** What a message to the customer may mention. */
export interface MessageFacts {
  id: string;
  number: string;
  customerName: string;
  customerPhone: string;
  customerEmail: string | null;
  customerLanguage: MessageLanguage;
  /** The customer asked for no more messages: the message is written, and fails as opted out. */
  customerMessagesOptOut: boolean;
  technicianName: string | null;
}

/** The tracking module's link, survey and messages to the customer of a work order. */
export interface CustomerContactPort {
  issueLink(conn: Kysely<DB>, workOrderId: string, at: string): Promise<string>;
  trackingPath(conn: Kysely<DB>, workOrderId: string, at: string): Promise<string>;
  findSurvey(conn: Kysely<DB>, workOrderId: string): Promise<WorkOrderSurvey | null>;
  notifyCustomer(conn: Kysely<DB>, kind: CustomerMessageKind, facts: MessageFacts, at: string): Promise<void>;
}
