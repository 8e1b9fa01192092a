import type { WorkOrderAttachment, WorkOrderSummary } from '@purnajual/contract';
import type { WorkOrderTable } from '../../db/schema/work-order';
import type { BillableOrder } from './ports';
import type { AttachmentRow, WorkOrderRow } from './work-orders.repository';

/** Seconds the repair timer shows: finished intervals plus the running one. */
export function repairSecondsAt(row: Pick<WorkOrderTable, 'repairSeconds' | 'inProgressSince'>, now: Date): number {
  if (row.inProgressSince === null) return row.repairSeconds;
  return row.repairSeconds + Math.max(0, Math.floor((now.getTime() - Date.parse(row.inProgressSince)) / 1000));
}

function productOf(row: WorkOrderRow): WorkOrderSummary['product'] {
  if (row.customerProductId === null || row.modelCode === null || row.productSerialNumber === null) return null;
  return {
    id: row.customerProductId,
    model: {
      code: row.modelCode,
      brand: row.modelBrand ?? '',
      name: row.modelName ?? '',
      category: row.modelCategory ?? 'other',
      warrantyMonths: row.modelWarrantyMonths ?? 0,
    },
    serialNumber: row.productSerialNumber,
    purchaseDate: row.productPurchaseDate,
    warrantyUntil: row.productWarrantyUntil,
  };
}

function repeatOf(row: WorkOrderRow): WorkOrderSummary['repeatOf'] {
  if (row.repeatOfId === null || row.repeatOfNumber === null || row.repeatOfCompletedAt === null) return null;
  return { id: row.repeatOfId, number: row.repeatOfNumber, completedAt: row.repeatOfCompletedAt };
}

export function toSummary(row: WorkOrderRow, now: Date): WorkOrderSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    priority: row.priority,
    serviceType: row.serviceType,
    complaint: row.complaint,
    warrantyStatus: row.warrantyStatus,
    branchId: row.branchId,
    technicianId: row.technicianId,
    technicianName: row.technicianName,
    customer: {
      id: row.customerId,
      name: row.customerName,
      phone: row.customerPhone,
      address: row.customerAddress,
      areaCode: row.customerAreaCode,
    },
    product: productOf(row),
    repeatOf: repeatOf(row),
    appointmentStart: row.appointmentStart,
    appointmentEnd: row.appointmentEnd,
    slaDueAt: row.slaDueAt,
    slaBreachedAt: row.slaBreachedAt,
    repairSeconds: repairSecondsAt(row, now),
    inProgressSince: row.inProgressSince,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What the bill of a work order depends on. */
export function billableOf(
  row: Pick<WorkOrderRow, 'id' | 'serviceType' | 'modelCategory' | 'warrantyStatus'>,
  partsUsed: BillableOrder['partsUsed'],
): BillableOrder {
  return {
    id: row.id,
    serviceType: row.serviceType,
    category: row.modelCategory ?? 'other',
    warrantyStatus: row.warrantyStatus,
    partsUsed,
  };
}

/** What a message to the customer may say of the work order. */
export const messageFactsOf = (row: WorkOrderRow) => ({
  id: row.id,
  number: row.number,
  customerName: row.customerName,
  customerPhone: row.customerPhone,
  customerEmail: row.customerEmail,
  customerLanguage: row.customerLanguage,
  customerMessagesOptOut: row.customerMessagesOptOut === 1,
  technicianName: row.technicianName,
});

export function toAttachment(row: AttachmentRow): WorkOrderAttachment {
  return {
    id: row.id,
    kind: row.kind,
    contentType: row.contentType,
    width: row.width,
    height: row.height,
    byteSize: row.byteSize,
    url: `/api/v1/work-orders/${row.workOrderId}/attachments/${row.id}`,
    uploadedAt: row.createdAt,
  };
}
