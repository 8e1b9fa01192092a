import { notStarted } from '../src/modules/work-orders/intake';
import type { WorkOrderRow } from '../src/modules/work-orders/work-orders.repository';
import { toIso } from '../src/platform/clock';

/**
 * A work order as the repository reads it, taken in at `createdAt` and still new, for the
 * unit tests of the work-order rules; `changes` set what the test is about.
 */
export function workOrderRow(createdAt: Date, changes: Partial<WorkOrderRow> = {}): WorkOrderRow {
  const at = toIso(createdAt);
  return {
    id: 'wo-1',
    number: 'WO-0001-000001',
    customerId: 'customer-1',
    customerProductId: null,
    branchId: 'branch-1',
    technicianId: null,
    provinceCode: '31',
    regencyCode: '31.74',
    districtCode: '31.74.07',
    status: 'new',
    priority: 'normal',
    serviceType: 'home_visit',
    complaint: 'AC tidak dingin',
    warrantyStatus: 'unknown',
    slaDueAt: toIso(new Date(createdAt.getTime() + 48 * 3_600_000)),
    ...notStarted,
    slaBreachedAt: null,
    reopenedAt: null,
    slaMissCount: 0,
    firstAssignedAt: null,
    firstStartedAt: null,
    startCount: 0,
    reopenCount: 0,
    photoCount: 0,
    photoBytes: 0,
    repeatOfId: null,
    repeatCount: 0,
    createdBy: 'agent-1',
    version: 1,
    createdAt: at,
    updatedAt: at,
    customerName: 'Ibu Sari Wulandari',
    customerPhone: '+6281355552468',
    customerEmail: null,
    customerMessagesOptOut: 0,
    customerLanguage: 'id',
    customerAddress: 'Jl. Kemang Raya 12',
    customerAreaCode: '31.74.07',
    productSerialNumber: null,
    productPurchaseDate: null,
    productWarrantyUntil: null,
    modelCode: null,
    modelBrand: null,
    modelName: null,
    modelCategory: null,
    modelWarrantyMonths: null,
    technicianName: null,
    repeatOfNumber: null,
    repeatOfCompletedAt: null,
    ...changes,
  };
}
