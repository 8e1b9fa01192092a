import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { notFound } from '../../errors';
import { recordEvent } from '../../platform/events/outbox';
import type { NotificationsService } from '../notifications/notifications.service';
import { toSummary } from './work-order-summary';
import * as repo from './work-orders.repository';

/**
 * Writes the work order's event, with its state after the change, in the same
 * transaction as the change. `previousTechnicianId` lets a technician who lost the
 * work order learn that it is gone. Returns the work order as it now is.
 */
export async function recordWorkOrderEvent(
  trx: Kysely<DB>,
  type: 'work_order.created' | 'work_order.updated',
  id: string,
  previousTechnicianId: string | null,
  at: string,
): Promise<repo.WorkOrderRow> {
  const row = await repo.findWorkOrder(trx, { kind: 'all' }, id);
  if (!row) throw notFound('Work order');
  await recordEvent(
    trx,
    type,
    {
      workOrderId: row.id,
      branchId: row.branchId,
      technicianId: row.technicianId,
      previousTechnicianId: previousTechnicianId === row.technicianId ? null : previousTechnicianId,
      provinceCode: row.provinceCode,
      regencyCode: row.regencyCode,
      districtCode: row.districtCode,
      claimable: row.status === 'new' && row.technicianId === null,
    },
    toSummary(row, new Date(at)),
    at,
  );
  return row;
}

/** Tells a technician a work order is now theirs, in the transaction that assigned it. */
export async function notifyAssignment(
  notifications: Pick<NotificationsService, 'createInTransaction'>,
  trx: Kysely<DB>,
  row: repo.WorkOrderRow,
  at: string,
) {
  if (row.technicianId === null) return;
  await notifications.createInTransaction(
    trx,
    [
      {
        recipientId: row.technicianId,
        senderId: null,
        title: `Order kerja baru: ${row.number}`,
        body: `${row.customerName} — ${row.complaint}`.slice(0, 2000),
        workOrderId: row.id,
        urgent: true,
      },
    ],
    at,
  );
}
